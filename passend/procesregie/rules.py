"""The input rules of procesregie, per field (Dutch), shared by the services, forms and API.

Each function returns ``{field: message}`` with the services' keyword names; the services
raise them as ``InvalidInput`` and the pages and the API show them next to the field.

Dates: a day that "happened" (a goal reached, an escalation, its outcome, a regiegesprek) lies
between the day the case was registered and today; a deadline lies between 1900 and ten years
ahead. Nothing before 1900.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.cases.models import Casus

from .codes import is_escalation
from .selectors import team_members

EARLIEST_DAY = date(1900, 1, 1)
DEADLINE_YEARS = 10
OWNER_NOT_IN_TEAM = gettext_lazy("De eigenaar moet lid zijn van het team van deze casus.")


def registered_on(casus: Casus) -> date:
    return timezone.localdate(casus.registered_at)


def _latest_deadline(today: date) -> date:
    try:
        return today.replace(year=today.year + DEADLINE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + DEADLINE_YEARS, day=28)


def happened_error(casus: Casus, day: date | None, future: str | None = None) -> str | None:
    """A day on which something happened: not before the case was registered, not after
    today (`future` is the message for that, else the general one)."""
    if day is None:
        return None
    if day < EARLIEST_DAY:
        return _("Deze datum kan niet vóór 1900 liggen.")
    registered = registered_on(casus)
    if day < registered:
        return _("Deze datum ligt vóór de aanmelding van de casus (%(date)s).") % {
            "date": f"{registered:%d-%m-%Y}"
        }
    if day > timezone.localdate():
        return future or _("Deze datum kan niet in de toekomst liggen.")
    return None


def deadline_error(day: date | None, *, today: date | None = None) -> str | None:
    if day is None:
        return None
    if day < EARLIEST_DAY:
        return _("Deze datum kan niet vóór 1900 liggen.")
    if day > _latest_deadline(today or timezone.localdate()):
        return _("Kies een datum binnen %(years)d jaar.") % {"years": DEADLINE_YEARS}
    return None


def _only(**errors) -> dict[str, str]:
    return {name: message for name, message in errors.items() if message}


def goal_errors(casus: Casus, *, achieved_on: date | None = None) -> dict[str, str]:
    return _only(achieved_on=happened_error(casus, achieved_on))


def owner_errors(casus: Casus, owner, owner_name: str) -> dict[str, str]:
    """An action has one owner: an active member of the case's team who works on its cases
    (the same people the form offers), or a name outside the team."""
    if owner is not None and owner_name:
        return {"owner_name": _("Kies een teamlid óf vul een naam buiten het team in, niet beide.")}
    if owner is None and not owner_name:
        return {"owner": _("Kies wie de actie uitvoert: een teamlid of iemand buiten het team.")}
    if owner is not None and not team_members(casus.team).filter(pk=owner.pk).exists():
        return {"owner": str(OWNER_NOT_IN_TEAM)}
    return {}


def action_errors(casus: Casus, *, owner, owner_name: str, goal, deadline) -> dict[str, str]:
    errors = owner_errors(casus, owner, owner_name)
    if goal is not None and goal.casus_id != casus.pk:
        errors["goal"] = _("Dit doel hoort niet bij deze casus.")
    return {**errors, **_only(deadline=deadline_error(deadline))}


def escalation_errors(
    casus: Casus,
    *,
    from_level: str,
    to_level: str,
    escalated_on: date | None,
    reason: str | None = None,
    outcome: str | None = None,
    outcome_on: date | None = None,
) -> dict[str, str]:
    """Up the ladder with a reason, dated between the registration and today, the outcome
    not before it."""
    errors = {}
    if reason is not None and not reason.strip():
        errors["reason"] = _("Geef de reden van opschalen.")
    if from_level and to_level and not is_escalation(from_level, to_level):
        errors["to_level"] = _(
            "Opschalen gaat naar een hoger niveau: kies een niveau boven het niveau waarvan u "
            "opschaalt."
        )
    escalated = happened_error(
        casus, escalated_on, _("De datum van opschalen kan niet in de toekomst liggen.")
    )
    if escalated:
        errors["escalated_on"] = escalated
    outcome_error = happened_error(casus, outcome_on)
    if outcome_error is None and outcome_on and escalated_on and outcome_on < escalated_on:
        outcome_error = _("De uitkomst kan niet vóór de datum van opschalen liggen.")
    if outcome_error:
        errors["outcome_on"] = outcome_error
    if outcome_on and not (outcome or "").strip():
        errors["outcome"] = _("Beschrijf de uitkomst bij de datum van de uitkomst.")
    return errors


def regiegesprek_errors(casus: Casus, *, held_on: date | None) -> dict[str, str]:
    return _only(
        held_on=happened_error(
            casus, held_on, _("Leg een regiegesprek vast nadat het is gehouden.")
        )
    )
