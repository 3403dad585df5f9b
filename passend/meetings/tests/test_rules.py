"""The participation policy ("zonder jeugdige en ouders geen overleg, tenzij") and the cadence."""

from datetime import date

import pytest

from passend.meetings import rules
from passend.meetings.codes import Participation


def problems(participation, reason="", name="", relation="", required=False):
    return rules.participation_problems(participation, reason, name, relation, required)


@pytest.mark.parametrize("required", [True, False])
@pytest.mark.parametrize(
    "participation",
    [Participation.AANWEZIG, Participation.DEELS_AANWEZIG, Participation.APART_GESPREK],
)
def test_taking_part_needs_nothing_more(participation, required):
    assert problems(participation, required=required) == {}


@pytest.mark.parametrize("required", [True, False])
def test_spokesperson_needs_name_and_relation(required):
    found = problems(Participation.WOORDVOERDER, required=required)
    assert set(found) == {"spokesperson_name", "spokesperson_relation"}
    assert "tante" in found["spokesperson_relation"]
    assert set(problems(Participation.WOORDVOERDER, name="Els", required=required)) == {
        "spokesperson_relation"
    }
    assert problems(Participation.WOORDVOERDER, name="Els", relation="tante") == {}
    assert set(problems(Participation.WOORDVOERDER, name="  ", relation="tante")) == {
        "spokesperson_name"
    }


def test_absent_needs_a_reason_when_the_team_requires_participation():
    found = problems(Participation.AFWEZIG, required=True)
    assert list(found) == ["absence_reason"]
    assert "tenzij" in found["absence_reason"]
    assert problems(Participation.AFWEZIG, reason="   ", required=True) == found
    assert (
        problems(Participation.AFWEZIG, reason="Opgenomen in het ziekenhuis", required=True) == {}
    )


def test_absent_needs_a_reason_also_when_the_team_does_not_require_participation():
    """'afwezig (met reden)' is a choice with a reason, whatever the team's policy."""
    found = problems(Participation.AFWEZIG, required=False)
    assert list(found) == ["absence_reason"]
    assert "met reden" in found["absence_reason"] and "tenzij" not in found["absence_reason"]
    assert problems(Participation.AFWEZIG, reason="  ", required=False) == found
    assert problems(Participation.AFWEZIG, reason="Ziek", required=False) == {}
    assert problems(Participation.AANWEZIG, required=False) == {}, "no reason for other choices"


def test_not_recorded_and_unknown_values():
    assert problems("", required=True) == {}
    assert list(problems("misschien")) == ["participation"]


def test_minutes_only_after_participation():
    assert rules.minutes_problems("", "Deel 1", "") == {"participation": rules.PARTICIPATION_FIRST}
    assert rules.minutes_problems("", "", "  ") == {}
    assert rules.minutes_problems(Participation.AANWEZIG, "Deel 1") == {}
    combined = rules.discussion_problems(
        participation="",
        absence_reason="",
        spokesperson_name="",
        spokesperson_relation="",
        required=True,
        what_helped="korte lijnen",
    )
    assert list(combined) == ["participation"]


def test_next_meeting_keeps_the_rhythm_of_the_last_one():
    last = date(2025, 3, 4)  # a Tuesday
    assert rules.suggest_next(last, 14, date(2025, 3, 1)) == date(2025, 3, 18)
    # the last meeting is long ago: the next date on the same rhythm after today
    assert rules.suggest_next(last, 14, date(2025, 4, 10)) == date(2025, 4, 15)
    assert rules.suggest_next(last, 14, date(2025, 4, 15)) == date(2025, 4, 29)
    # never a weekend day: 5 days after a Tuesday is Sunday -> Monday
    assert rules.suggest_next(last, 5, date(2025, 3, 4)) == date(2025, 3, 10)


def test_without_history_the_next_working_day():
    assert rules.suggest_next(None, 14, date(2025, 3, 7)) == date(2025, 3, 10)  # Fri -> Mon
    assert rules.suggest_next(None, 14, date(2025, 3, 4)) == date(2025, 3, 5)


def test_cadence_dates_plan_a_series():
    days = rules.cadence_dates(date(2025, 3, 4), 14, date(2025, 3, 1), 3)
    assert days == [date(2025, 3, 18), date(2025, 4, 1), date(2025, 4, 15)]
    weekly = rules.cadence_dates(None, 7, date(2025, 3, 7), 2)
    assert weekly == [date(2025, 3, 10), date(2025, 3, 17)]
