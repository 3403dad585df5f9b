"""Case direction (casusregie) and age alerts. No database needed."""

from datetime import date

import pytest

from passend.procesregie.casusregie import (
    AgeAlert,
    CaseDirector,
    age_alerts,
    eighteenth_birthday,
    expected_case_director,
    half_year_birthday,
)

CHILD = date(2012, 6, 1)  # 13 on ON
ADULT = date(2006, 6, 1)  # 19 on ON
ON = date(2025, 6, 1)


def director(framework: str, birth: date, *, on: date = ON, placed_by: str | None = None):
    return expected_case_director(
        legal_framework=framework, birth_date=birth, on=on, placed_by=placed_by
    )


@pytest.mark.parametrize("framework", ["vrijwillig", "ots", "verlengde_jeugdhulp"])
@pytest.mark.parametrize("birth", [CHILD, ADULT])
def test_placing_body_always_directs(framework, birth):
    advice = director(framework, birth, placed_by="Jeugdzorg Noord")
    assert advice.director == CaseDirector.PLAATSENDE_INSTANTIE
    assert "De plaatsende instantie (Jeugdzorg Noord) heeft altijd de casusregie" in advice.reason


def test_blank_placing_body_is_ignored():
    assert director("vrijwillig", CHILD, placed_by="  ").director == CaseDirector.GEMEENTE


@pytest.mark.parametrize(
    "framework", ["ots", "voogdij", "jeugdreclassering", "machtiging_gesloten"]
)
def test_compulsory_framework_under_18_is_gi(framework):
    advice = director(framework, CHILD)
    assert advice.director == CaseDirector.GI
    assert "onder de 18 jaar is de GI casusregisseur" in advice.reason


def test_verlengde_jeugdhulp_18_plus_keeps_gi():
    advice = director("verlengde_jeugdhulp", ADULT)
    assert advice.director == CaseDirector.GI
    assert "blijft de GI casusregisseur" in advice.reason


@pytest.mark.parametrize(
    "framework", ["ots", "voogdij", "jeugdreclassering", "machtiging_gesloten"]
)
def test_compulsory_framework_18_plus_is_bewindvoerder_or_mentor(framework):
    advice = director(framework, ADULT)
    assert advice.director == CaseDirector.BEWINDVOERDER_MENTOR
    assert "bewindvoerder of mentor" in advice.reason


@pytest.mark.parametrize("birth", [CHILD, ADULT])
def test_voluntary_is_municipality_at_any_age(birth):
    advice = director("vrijwillig", birth)
    assert advice.director == CaseDirector.GEMEENTE
    assert "gemeente (CJG/wijkteam)" in advice.reason


def test_verlengde_jeugdhulp_under_18_is_inconsistent_and_municipality():
    advice = director("verlengde_jeugdhulp", CHILD)
    assert advice.director == CaseDirector.GEMEENTE
    assert "pas vanaf 18 jaar" in advice.reason


def test_eighteenth_birthday_switches_director_on_the_day():
    birth = date(2007, 6, 1)
    assert director("ots", birth, on=date(2025, 5, 31)).director == CaseDirector.GI
    assert director("ots", birth, on=date(2025, 6, 1)).director == (
        CaseDirector.BEWINDVOERDER_MENTOR
    )


def test_leap_day_child_turns_18_on_1_march_in_non_leap_year():
    birth = date(2008, 2, 29)
    assert director("ots", birth, on=date(2026, 2, 28)).director == CaseDirector.GI
    assert director("ots", birth, on=date(2026, 3, 1)).director == (
        CaseDirector.BEWINDVOERDER_MENTOR
    )


def test_unknown_framework_and_unborn_raise():
    with pytest.raises(ValueError):
        director("onbekend", CHILD)
    with pytest.raises(ValueError):
        director("ots", CHILD, on=date(2012, 5, 31))


# --- half-year birthdays -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "years", "half", "expected"),
    [
        (date(2009, 5, 31), 16, True, date(2025, 11, 30)),  # November has 30 days
        (date(2009, 5, 31), 16, False, date(2025, 5, 31)),
        (date(2008, 2, 29), 16, False, date(2024, 2, 29)),  # 2024 is a leap year
        (date(2008, 2, 29), 16, True, date(2024, 8, 29)),
        (date(2008, 2, 29), 17, False, date(2025, 3, 1)),  # 2025 is not
        (date(2008, 2, 29), 17, True, date(2025, 9, 1)),
        (date(2009, 2, 28), 16, True, date(2025, 8, 28)),
        (date(2009, 8, 31), 16, True, date(2026, 2, 28)),  # February, non-leap
        (date(2011, 8, 31), 16, True, date(2028, 2, 29)),  # February, leap
        (date(2009, 9, 15), 17, True, date(2027, 3, 15)),  # crosses the year
    ],
)
def test_half_year_birthday(birth, years, half, expected):
    assert half_year_birthday(birth, years, half) == expected


def test_eighteenth_birthday():
    assert eighteenth_birthday(date(2008, 2, 29)) == date(2026, 3, 1)
    assert eighteenth_birthday(date(2004, 2, 29)) == date(2022, 3, 1)
    assert eighteenth_birthday(date(2010, 2, 28)) == date(2028, 2, 28)
    assert eighteenth_birthday(date(2012, 2, 29)) == date(2030, 3, 1)


# --- age alerts ----------------------------------------------------------------------------


def alerts(birth: date, on: date, *, closed: bool = True, plan: bool = False):
    return age_alerts(birth_date=birth, on=on, in_closed_youth_care=closed, has_toekomstplan=plan)


def kinds(birth: date, on: date, **kwargs) -> list[AgeAlert]:
    return [alert for alert, _due, _text in alerts(birth, on, **kwargs)]


def test_toekomstplan_due_exactly_at_16_and_a_half():
    birth = date(2009, 5, 31)
    assert kinds(birth, date(2025, 11, 29)) == []
    result = alerts(birth, date(2025, 11, 30))
    assert [(a, due) for a, due, _t in result] == [
        (AgeAlert.TOEKOMSTPLAN_NODIG, date(2025, 11, 30))
    ]
    assert "toekomstplan" in result[0][2]


def test_toekomstplan_leap_day_child_in_leap_year():
    birth = date(2008, 2, 29)
    assert kinds(birth, date(2024, 8, 28)) == []
    assert kinds(birth, date(2024, 8, 29)) == [AgeAlert.TOEKOMSTPLAN_NODIG]


def test_toekomstplan_only_in_closed_care_without_plan():
    on = date(2025, 12, 1)
    birth = date(2009, 5, 31)
    assert kinds(birth, on, closed=False) == []
    assert kinds(birth, on, plan=True) == []
    assert kinds(birth, on) == [AgeAlert.TOEKOMSTPLAN_NODIG]


def test_achttien_nadert_leap_day_child_non_leap_years():
    birth = date(2008, 2, 29)
    assert kinds(birth, date(2025, 8, 31), plan=True) == []
    result = alerts(birth, date(2025, 9, 1), closed=False)
    assert [(a, due) for a, due, _t in result] == [(AgeAlert.ACHTTIEN_NADERT, date(2025, 9, 1))]
    assert "01-03-2026" in result[0][2]
    assert kinds(birth, date(2026, 2, 28)) == [
        AgeAlert.TOEKOMSTPLAN_NODIG,
        AgeAlert.ACHTTIEN_NADERT,
    ]
    assert kinds(birth, date(2026, 3, 1)) == []  # 18: both alerts gone


def test_alerts_gone_at_18_for_ordinary_birthday():
    birth = date(2009, 2, 28)
    assert kinds(birth, date(2027, 2, 27)) == [
        AgeAlert.TOEKOMSTPLAN_NODIG,
        AgeAlert.ACHTTIEN_NADERT,
    ]
    assert kinds(birth, date(2027, 2, 28)) == []


def test_alert_labels():
    assert AgeAlert.TOEKOMSTPLAN_NODIG.label == "16,5 jaar zonder toekomstplan"
    assert AgeAlert.ACHTTIEN_NADERT.label == "18-grens nadert"
