"""Who holds case direction (casusregie), and the age alerts around 16.5, 17.5 and 18.

Source: Werkboek, "Casusregie check" (16+ checklist): "De plaatsende instantie heeft altijd de
casusregie. Bij een juridisch kader voor kinderen onder de 18 jaar is de GI casusregisseur (OTS
of voogdij kinderbeschermingsmaatregel). Voor kinderen boven de 18 jaar is casusregisseur de
bewindvoerder of mentor, tenzij er sprake is van verlengde jeugdhulp. Dan blijft de GI
casusregisseur. In het vrijwillig kader is zowel voor 18- als 18+ de gemeente (CJG/wijkteam)
casusregisseur."

Ages use ``consent_rules.age_on``: someone born on 29 February turns a year older on 1 March in
a non-leap year. Pure Python: no models, no database.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from passend.cases.codes import COMPULSORY_FRAMEWORKS, LegalFramework
from passend.cases.consent_rules import age_on

AGE_OF_MAJORITY = 18
TOEKOMSTPLAN_AGE = 16  # plus half a year
ACHTTIEN_NADERT_AGE = 17  # plus half a year


class CaseDirector(StrEnum):
    """Who is expected to hold case direction."""

    GI = "gi"
    BEWINDVOERDER_MENTOR = "bewindvoerder_mentor"
    GEMEENTE = "gemeente"
    PLAATSENDE_INSTANTIE = "plaatsende_instantie"


@dataclass(frozen=True)
class CaseDirectorAdvice:
    """The expected case director and a Dutch sentence citing the rule."""

    director: CaseDirector
    reason: str


def expected_case_director(
    *,
    legal_framework: str,
    birth_date: date,
    on: date,
    placed_by: str | None = None,
) -> CaseDirectorAdvice:
    """Return who is expected to hold case direction on ``on``.

    Rows, checked top to bottom (age per ``age_on``):

    ================================  ==============================  ======================
    placed_by                         age / legal_framework            director
    ================================  ==============================  ======================
    given (non-blank)                 any                              PLAATSENDE_INSTANTIE
    none                              < 18, ots / voogdij /            GI
                                      jeugdreclassering /
                                      machtiging_gesloten
    none                              >= 18, verlengde_jeugdhulp       GI
    none                              >= 18, compulsory framework      BEWINDVOERDER_MENTOR
                                      (measures end at 18)
    none                              any age, vrijwillig              GEMEENTE
    none                              < 18, verlengde_jeugdhulp        GEMEENTE (inconsistent
                                                                       data: verlengde
                                                                       jeugdhulp starts at 18)
    ================================  ==============================  ======================

    Raises ValueError for an unknown ``legal_framework`` or if ``on`` lies before
    ``birth_date``.
    """
    valid = {choice.value for choice in LegalFramework}
    if legal_framework not in valid:
        raise ValueError(f"Unknown legal framework: {legal_framework!r}.")
    age = age_on(birth_date, on)
    if placed_by is not None and placed_by.strip():
        text = _(
            "De plaatsende instantie (%(body)s) heeft altijd de casusregie, ongeacht leeftijd "
            "of juridisch kader."
        )
        return CaseDirectorAdvice(
            CaseDirector.PLAATSENDE_INSTANTIE, str(text % {"body": placed_by.strip()})
        )
    adult = age >= AGE_OF_MAJORITY
    if legal_framework in COMPULSORY_FRAMEWORKS:
        if not adult:
            text = ngettext(
                "De jeugdige is %(age)d jaar en valt onder een juridisch kader: bij een "
                "juridisch kader voor kinderen onder de 18 jaar is de GI casusregisseur.",
                "De jeugdige is %(age)d jaar en valt onder een juridisch kader: bij een "
                "juridisch kader voor kinderen onder de 18 jaar is de GI casusregisseur.",
                age,
            )
            return CaseDirectorAdvice(CaseDirector.GI, str(text % {"age": age}))
        text = ngettext(
            "De jeugdige is %(age)d jaar; de kinderbeschermingsmaatregel eindigt bij 18 jaar: "
            "voor jongeren vanaf 18 jaar is de bewindvoerder of mentor casusregisseur, tenzij er "
            "sprake is van verlengde jeugdhulp.",
            "De jeugdige is %(age)d jaar; de kinderbeschermingsmaatregel eindigt bij 18 jaar: "
            "voor jongeren vanaf 18 jaar is de bewindvoerder of mentor casusregisseur, tenzij er "
            "sprake is van verlengde jeugdhulp.",
            age,
        )
        return CaseDirectorAdvice(CaseDirector.BEWINDVOERDER_MENTOR, str(text % {"age": age}))
    if legal_framework == LegalFramework.VERLENGDE_JEUGDHULP:
        if adult:
            text = ngettext(
                "De jeugdige is %(age)d jaar en krijgt verlengde jeugdhulp: dan blijft de GI "
                "casusregisseur.",
                "De jeugdige is %(age)d jaar en krijgt verlengde jeugdhulp: dan blijft de GI "
                "casusregisseur.",
                age,
            )
            return CaseDirectorAdvice(CaseDirector.GI, str(text % {"age": age}))
        text = ngettext(
            "De jeugdige is %(age)d jaar, maar verlengde jeugdhulp geldt pas vanaf 18 jaar; "
            "controleer het juridisch kader. Tot die tijd geldt het vrijwillig kader: de "
            "gemeente (CJG/wijkteam) is casusregisseur.",
            "De jeugdige is %(age)d jaar, maar verlengde jeugdhulp geldt pas vanaf 18 jaar; "
            "controleer het juridisch kader. Tot die tijd geldt het vrijwillig kader: de "
            "gemeente (CJG/wijkteam) is casusregisseur.",
            age,
        )
        return CaseDirectorAdvice(CaseDirector.GEMEENTE, str(text % {"age": age}))
    text = ngettext(
        "De jeugdige is %(age)d jaar, vrijwillig kader: in het vrijwillig kader is zowel voor "
        "18- als 18+ de gemeente (CJG/wijkteam) casusregisseur.",
        "De jeugdige is %(age)d jaar, vrijwillig kader: in het vrijwillig kader is zowel voor "
        "18- als 18+ de gemeente (CJG/wijkteam) casusregisseur.",
        age,
    )
    return CaseDirectorAdvice(CaseDirector.GEMEENTE, str(text % {"age": age}))


class AgeAlert(StrEnum):
    """Age-related signals for the case team."""

    TOEKOMSTPLAN_NODIG = "toekomstplan_nodig"
    ACHTTIEN_NADERT = "achttien_nadert"

    @property
    def label(self) -> str:
        return str(_AGE_ALERT_LABELS[self])


_AGE_ALERT_LABELS = {
    AgeAlert.TOEKOMSTPLAN_NODIG: _("16,5 jaar zonder toekomstplan"),
    AgeAlert.ACHTTIEN_NADERT: _("18-grens nadert"),
}


def _birthday_in_year(birth_date: date, year: int) -> date:
    """The day the birthday is reached in ``year`` (29 February -> 1 March in non-leap years)."""
    if (birth_date.month, birth_date.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth_date.replace(year=year)


def _add_months(day: date, months: int) -> date:
    """Add calendar months; if the target month lacks the day, use its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def half_year_birthday(birth_date: date, years: int, half: bool) -> date:
    """Return the date someone turns ``years`` (``half=False``) or ``years`` and a half.

    Turning ``years`` follows ``age_on``: the birthday in that year, 1 March for someone born on
    29 February in a non-leap year. The half year is that day plus 6 calendar months, clamped to
    the last day of the month (born 2009-05-31: 16 on 2025-05-31, 16.5 on 2025-11-30).
    """
    birthday = _birthday_in_year(birth_date, birth_date.year + years)
    return _add_months(birthday, 6) if half else birthday


def eighteenth_birthday(birth_date: date) -> date:
    """Return the date someone turns 18 (1 March for 29 February in a non-leap year)."""
    return half_year_birthday(birth_date, AGE_OF_MAJORITY, half=False)


def age_alerts(
    *,
    birth_date: date,
    on: date,
    in_closed_youth_care: bool,
    has_toekomstplan: bool,
) -> list[tuple[AgeAlert, date, str]]:
    """Return the alerts due on ``on`` as (alert, date it became due, Dutch message).

    * TOEKOMSTPLAN_NODIG: in closed youth care, no toekomstplan, from 16.5 until 18.
    * ACHTTIEN_NADERT: from 17.5 until 18, regardless of closed youth care.

    Raises ValueError if ``on`` lies before ``birth_date``.
    """
    if on < birth_date:
        raise ValueError(f"Date {on.isoformat()} lies before birth date {birth_date.isoformat()}.")
    adult_on = eighteenth_birthday(birth_date)
    if on >= adult_on:
        return []
    alerts: list[tuple[AgeAlert, date, str]] = []
    plan_due = half_year_birthday(birth_date, TOEKOMSTPLAN_AGE, half=True)
    if in_closed_youth_care and not has_toekomstplan and on >= plan_due:
        text = _(
            "De jeugdige is sinds %(due)s 16,5 jaar en verblijft in gesloten jeugdhulp zonder "
            "toekomstplan: stel een toekomstplan op vóór de 18e verjaardag (%(adult)s)."
        )
        values = {"due": f"{plan_due:%d-%m-%Y}", "adult": f"{adult_on:%d-%m-%Y}"}
        alerts.append((AgeAlert.TOEKOMSTPLAN_NODIG, plan_due, str(text % values)))
    nearing_due = half_year_birthday(birth_date, ACHTTIEN_NADERT_AGE, half=True)
    if on >= nearing_due:
        text = _(
            "De 18-grens nadert: de jeugdige wordt op %(adult)s 18 jaar. Regel de overgang "
            "(casusregie, verlengde jeugdhulp, bewind of mentorschap)."
        )
        values = {"adult": f"{adult_on:%d-%m-%Y}"}
        alerts.append((AgeAlert.ACHTTIEN_NADERT, nearing_due, str(text % values)))
    return alerts
