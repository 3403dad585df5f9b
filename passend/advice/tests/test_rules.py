import datetime as dt

import pytest

from passend.advice import rules

D = dt.date


@pytest.mark.parametrize(
    ("sent_on", "months", "due"),
    [
        (D(2025, 3, 10), 2, D(2025, 5, 10)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),  # over the year end
        (D(2025, 12, 31), 2, D(2026, 2, 28)),  # 31 December + 2 months: end of February
        (D(2023, 12, 31), 2, D(2024, 2, 29)),  # ... in a leap year: 29 February
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # 29 February + a year: 28 February
        (D(2024, 2, 29), 48, D(2028, 2, 29)),  # ... + four years: 29 February again
        (D(2025, 8, 31), 1, D(2025, 9, 30)),
        (D(2025, 1, 30), 1, D(2025, 2, 28)),
        (D(2025, 6, 1), 24, D(2027, 6, 1)),
    ],
)
def test_follow_up_is_calendar_months_after_sending_with_month_end_clamping(sent_on, months, due):
    assert rules.follow_up_due(sent_on, months) == due


def test_follow_up_needs_at_least_a_month():
    with pytest.raises(ValueError):
        rules.follow_up_due(D(2025, 1, 1), 0)


def test_short_term_solution_defaults_to_three_calendar_months():
    assert rules.short_term_end(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert rules.short_term_end(D(2027, 11, 30), 3) == D(2028, 2, 29)
    assert rules.short_term_end(D(2025, 4, 15), 3) == D(2025, 7, 15)


def test_reminder_two_weeks_before_the_end_of_a_short_term_solution():
    assert rules.short_term_reminder_on(D(2025, 3, 10)) == D(2025, 2, 24)
    assert rules.short_term_reminder_on(D(2024, 3, 10)) == D(2024, 2, 25)  # leap year
    assert rules.short_term_reminder_on(D(2025, 3, 10), days_before=7) == D(2025, 3, 3)


@pytest.mark.parametrize(
    ("today", "on_list"),
    [
        (D(2025, 2, 23), False),  # before the reminder day
        (D(2025, 2, 24), True),  # reminder day
        (D(2025, 3, 10), True),  # end date
        (D(2025, 3, 17), True),  # a week after the end: still on the list
        (D(2025, 3, 18), False),
    ],
)
def test_short_term_solution_stays_on_the_work_list_until_a_week_after_it_ended(today, on_list):
    assert rules.short_term_needs_attention(D(2025, 3, 10), today) is on_list
    first, last = rules.reminder_window(today)
    assert (first <= D(2025, 3, 10) <= last) is on_list


def test_no_end_date_no_reminder():
    assert rules.short_term_needs_attention(None, D(2025, 1, 1)) is False


def test_expert_whose_organisation_is_a_candidate_provider_is_flagged():
    experts = [(1, 10), (2, 20), (3, None), (4, 30), (1, 10)]
    assert rules.conflicts(experts, [10, 30, 99]) == [
        rules.ConflictFlag(1, 10),
        rules.ConflictFlag(4, 30),
    ]


def test_expert_with_two_organisations_is_flagged_for_each_candidate():
    assert rules.conflicts([(5, 10), (5, 11)], {10, 11}) == [
        rules.ConflictFlag(5, 10),
        rules.ConflictFlag(5, 11),
    ]


def test_no_candidates_or_no_organisation_means_no_flag():
    assert rules.conflicts([(1, 10)], []) == []
    assert rules.conflicts([(1, None)], [10]) == []
