"""The one suppression rule (``passend.monitoring.suppress``), through the engine, with small
groups built on purpose: no total, subtotal, difference between periods, percentage or filter
combination gives a count from 1 to 4 away."""

import datetime as dt

import pytest

from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import ReferrerType, ScreeningOutcome
from passend.monitoring import definitions as D
from passend.monitoring import engine as E
from passend.monitoring import periods as P
from passend.monitoring.suppress import (
    SUPPRESSED,
    TOTAL,
    Cube,
    Protection,
    duration,
    is_small,
    share,
    shown_count,
    suppress,
)

pytestmark = pytest.mark.django_db

R = ReferrerType


def definition(**fields) -> D.Definition:
    base = {
        "code": "test",
        "version": 1,
        "name_nl": "Test",
        "name_en": "Test",
        "wat_nl": "",
        "wat_en": "",
        "waarom_nl": "",
        "waarom_en": "",
        "hoe_nl": "",
        "hoe_en": "",
        "unit": D.COUNT,
    }
    base.update(fields)
    d = D.Definition(**base)
    D.validate(d)
    return d


def compute(team, periods, *, d=None, filters=None, group_by="", today=dt.date(2026, 12, 1)):
    scope = E.Scope(team, frozenset(team.gemeenten.values_list("pk", flat=True)))
    request = E.Request(d or definition(), scope, periods, dict(filters or {}), group_by, today)
    return E.compute(request)


def facts(team, n, *, on, **fields):
    fields.setdefault("gemeente", team.gemeenten.first())
    CasusFeitFactory.create_batch(n, team=team, registered_on=on, **fields)


def month(key) -> P.Period:
    return P.Period.parse(key)


# --- primary ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (120, 120)])
def test_counts_from_one_to_four_are_hidden(n, shown):
    assert suppress(n) == shown
    assert shown_count(n, is_small(n)).display == str(shown)


def test_a_hidden_count_has_no_value(tenancy):
    team = tenancy.a.team
    facts(team, 3, on=dt.date(2026, 3, 5))
    figure = compute(team, [month("2026-03")]).get(TOTAL, month("2026-03"))
    assert figure.suppressed and figure.value is None and figure.display == SUPPRESSED
    assert figure.api_value is None


# --- a total minus the visible parts ---------------------------------------------------------


def test_a_total_minus_the_visible_groups_gives_no_hidden_group_away(tenancy):
    team = tenancy.a.team
    on = dt.date(2026, 3, 5)
    facts(team, 3, on=on, referrer_type=R.HUISARTS)
    facts(team, 7, on=on, referrer_type=R.GI)
    facts(team, 12, on=on, referrer_type=R.GEMEENTE)
    q1 = P.Period.parse("2026-Q1")
    result = compute(team, [q1], group_by="referrerType")
    shown = {g.api: result.get(g.api, q1) for g in result.groups}
    assert shown[R.HUISARTS].display == SUPPRESSED
    assert shown[R.GI].display == SUPPRESSED  # secondary: the smallest other non-zero group
    assert shown[R.GEMEENTE].display == "12"
    total = result.get(TOTAL, q1)
    assert total.value == 22
    visible = sum(s.value for s in shown.values() if not s.suppressed)
    assert total.value - visible == 10  # two hidden groups together: neither recoverable


def test_when_no_other_part_can_be_hidden_the_total_is(tenancy):
    # One month holds 6, of which the quarter's other months nothing: fine. But a quarter of
    # 3 + 0 + 0 hides the quarter too (it equals the hidden month).
    team = tenancy.a.team
    facts(team, 3, on=dt.date(2026, 1, 10))
    q1 = P.Period.parse("2026-Q1")
    result = compute(team, [q1, month("2026-01"), month("2026-02")])
    assert result.get(TOTAL, q1).display == SUPPRESSED
    assert result.get(TOTAL, month("2026-01")).display == SUPPRESSED
    assert result.get(TOTAL, month("2026-02")).display == "0"


# --- two periods' difference -----------------------------------------------------------------


def test_a_quarter_minus_a_shorter_range_gives_no_hidden_month_away(tenancy):
    team = tenancy.a.team
    facts(team, 6, on=dt.date(2026, 1, 10))
    facts(team, 5, on=dt.date(2026, 2, 10))
    facts(team, 3, on=dt.date(2026, 3, 10))
    q1, jan_feb = P.Period.parse("2026-Q1"), P.Period.parse("2026-01..2026-02")
    jan, feb, mar = month("2026-01"), month("2026-02"), month("2026-03")
    result = compute(team, [q1, jan_feb, jan, feb, mar])
    assert result.get(TOTAL, q1).display == "14"
    assert result.get(TOTAL, mar).display == SUPPRESSED
    # Asked for on its own, January to February would give March away (14 - 11): it is the sum
    # of two months of which the line rule hides one, so it is hidden too.
    assert result.get(TOTAL, jan_feb).suppressed
    shown_months = [result.get(TOTAL, m) for m in (jan, feb, mar)]
    assert sum(1 for s in shown_months if s.suppressed) >= 2


def test_the_same_month_is_hidden_whatever_period_was_asked(tenancy):
    team = tenancy.a.team
    facts(team, 6, on=dt.date(2026, 1, 10))
    facts(team, 3, on=dt.date(2026, 3, 10))
    jan = month("2026-01")
    alone = compute(team, [jan]).get(TOTAL, jan)
    with_quarter = compute(team, [jan, P.Period.parse("2026-Q1")]).get(TOTAL, jan)
    assert alone == with_quarter and alone.suppressed  # else Q1 (9) - Jan (6) = March


def test_two_years_side_by_side_show_no_difference_of_hidden_figures(tenancy):
    team = tenancy.a.team
    facts(team, 3, on=dt.date(2025, 5, 1))
    facts(team, 8, on=dt.date(2026, 5, 1))
    y25, y26 = P.Period.parse("2025"), P.Period.parse("2026")
    result = compute(team, [y26, y25])
    from passend.monitoring.suppress import difference

    assert result.get(TOTAL, y25).suppressed
    assert difference(result.get(TOTAL, y26), result.get(TOTAL, y25)).suppressed


# --- a percentage ----------------------------------------------------------------------------


def test_a_percentage_of_a_hidden_count_is_not_shown(tenancy):
    team = tenancy.a.team
    on = dt.date(2026, 4, 1)
    facts(team, 2, on=on, screening_outcome=ScreeningOutcome.CRISIS, screened_on=on)
    facts(team, 20, on=on, screening_outcome=ScreeningOutcome.GESCHIKT, screened_on=on)
    d = definition(
        unit=D.SHARE,
        date="screened_on",
        numerator=(D.Condition("screeningOutcome", ("crisis",)),),
    )
    q2 = P.Period.parse("2026-Q2")
    result = compute(team, [q2], d=d)
    assert result.get(TOTAL, q2, "value").suppressed  # 9% of 22 would give the 2 away
    assert result.get(TOTAL, q2, "n").display == "22"


def test_a_percentage_whose_complement_is_small_is_not_shown_either():
    assert share(shown_count(20, False), shown_count(3, True)).suppressed
    assert share(shown_count(20, False), shown_count(6, False)).display == "77%"
    assert share(shown_count(0, False), shown_count(4, True)).suppressed


def test_durations_need_five_cases():
    assert duration([10, 20, 30, 40], "median").suppressed
    assert duration([10, 20, 30, 40, 50], "median").value == 30
    assert duration([10, 20, 30, 40, 50], "p90").value == 50
    assert duration(list(range(1, 101)), "p75").value == 75


# --- filter combinations ---------------------------------------------------------------------


def test_a_filtered_figure_whose_complement_is_small_is_hidden(tenancy):
    # All 12 registrations minus the 9 of huisartsen would give away the 3 others.
    team = tenancy.a.team
    on = dt.date(2026, 6, 1)
    facts(team, 9, on=on, referrer_type=R.HUISARTS)
    facts(team, 3, on=on, referrer_type=R.GI)
    june = month("2026-06")
    assert compute(team, [june]).get(TOTAL, june).display == "12"
    filtered = compute(team, [june], filters={"referrerType": R.HUISARTS}).get(TOTAL, june)
    assert filtered.suppressed


def test_inclusion_exclusion_over_two_filters_finds_nothing(tenancy, settings):
    # total - A - B + (A and B) = neither A nor B. With that group at 3, the figure that
    # would close the sum (A and B) is hidden.
    team = tenancy.a.team
    on = dt.date(2026, 6, 1)
    young = {"age_group": "12-15"}
    facts(team, 10, on=on, referrer_type=R.HUISARTS, **young)
    facts(team, 6, on=on, referrer_type=R.HUISARTS, age_group="16-17")
    facts(team, 7, on=on, referrer_type=R.GI, **young)
    facts(team, 3, on=on, referrer_type=R.GI, age_group="16-17")  # neither
    june = month("2026-06")

    def figure(**filters):
        return compute(team, [june], filters=filters).get(TOTAL, june)

    assert figure().value == 26
    assert figure(referrerType=R.HUISARTS).value == 16
    assert figure(ageGroup="12-15").value == 17
    assert figure(referrerType=R.HUISARTS, ageGroup="12-15").suppressed


def test_a_group_in_a_filtered_table_is_checked_against_its_complement(tenancy):
    team = tenancy.a.team
    on = dt.date(2026, 6, 1)
    facts(team, 8, on=on, referrer_type=R.HUISARTS, age_group="12-15")
    facts(team, 2, on=on, referrer_type=R.HUISARTS, age_group="16-17")
    facts(team, 9, on=on, referrer_type=R.GI, age_group="12-15")
    june = month("2026-06")
    # Huisarts, grouped by age: 8 and <5 — and 8 would give the 2 away from the 10 huisartsen.
    result = compute(team, [june], filters={"referrerType": R.HUISARTS}, group_by="ageGroup")
    assert result.get("12-15", june).suppressed
    assert result.get("16-17", june).suppressed


# --- the protection on its own ---------------------------------------------------------------


def test_the_line_rule_runs_until_no_line_has_a_single_hidden_cell():
    # Two groups over a year: a hidden month in group a forces a second hidden month in a,
    # and then a second hidden group in that month — and so on, until stable.
    jan, feb = 2026 * 12, 2026 * 12 + 1
    counts = {
        ((), "a", jan): 2,
        ((), "a", feb): 9,
        ((), "b", jan): 7,
        ((), "b", feb): 8,
    }
    for (f, _g, m), n in list(counts.items()):
        counts[(f, TOTAL, m)] = counts.get((f, TOTAL, m), 0) + n
    protection = Protection(Cube(0, counts), groups=["a", "b"], years=[2026], additive_groups=True)
    lines = protection._lines()
    for line in lines:
        hidden = [e for e in line if e in protection.hidden and protection.value(*e) > 0]
        assert len(hidden) != 1, line
    assert ("a", P.Period(jan, jan)) in protection.hidden


def test_a_value_no_longer_in_the_list_is_a_row_of_its_own(tenancy):
    # An organisation that left the region is no option any more; its cases still count, in
    # "overig", so the rows add up and the line rule protects them.
    from passend.core.tests.factories import OrganisationFactory
    from passend.monitoring.engine import OTHER

    team = tenancy.a.team
    on = dt.date(2026, 6, 1)
    inside = OrganisationFactory(regions=[team.region])
    gone = OrganisationFactory()
    facts(team, 9, on=on, aanmelder_organisation=inside)
    facts(team, 2, on=on, aanmelder_organisation=gone)
    june = month("2026-06")
    result = compute(team, [june], group_by="organisation")
    assert OTHER in [g.api for g in result.groups]
    assert result.get(OTHER, june).suppressed
    assert result.get(str(inside.pk), june).suppressed  # else 11 - 9 = 2
    assert result.get(TOTAL, june).display == "11"
