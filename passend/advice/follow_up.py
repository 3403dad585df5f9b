"""The follow-up of a sent advice: planning it and recording how the advice was carried out.
Refusals as in passend.advice.services; a case without follow-up (closed) is a StateConflict
(`cases.workflow.follow_up_refusal`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.analytics.services import refresh_case
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.cases import services as case_services
from passend.cases.codes import CaseState
from passend.cases.workflow import follow_up_refusal
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from . import rules
from .access import fresh as _fresh
from .access import is_referrer
from .access import require as _require
from .models import Advies, ImplementationStatus, Opvolging


def check_may_record_follow_up(casus, *, actor) -> None:
    """NotAllowed unless `actor` records follow-ups (process director or the referrer)."""
    if not may_record_follow_up(actor, casus):
        raise NotAllowed(
            _("Alleen de procesregisseur, de voorzitter of de verwijzer legt dit vast.")
        )


def may_record_follow_up(user, casus) -> bool:
    """Who records follow-ups (whether the case still has them: `follow_up_refusal`)."""
    return has_capability(user, Cap.DIRECT_PROCESS, casus.team) or is_referrer(user, casus)


def _check_later_day(name: str, day: dt.date | None) -> None:
    if day is not None and not rules.plausible_day(day, timezone.localdate()):
        raise InvalidInput(errors={name: rules.implausible_day_message(timezone.localdate())})


@transaction.atomic
def record_follow_up(
    advies: Advies,
    *,
    actor,
    done_on: dt.date,
    implementation_status: str,
    in_fitting_place: bool = False,
    notes: str = "",
    next_due_on: dt.date | None = None,
    request=None,
) -> tuple[Opvolging, bool]:
    """Record the follow-up check (the earliest open one, or a new one) and the advice's
    implementation status; the case moves to follow-up when it was 'advies uitgebracht' and
    the actor directs the process. Returns (follow-up, whether the case moved)."""
    given, advies = advies, _fresh(advies)
    casus = advies.casus
    refusal = follow_up_refusal(casus)
    if refusal:
        raise StateConflict(refusal)
    check_may_record_follow_up(casus, actor=actor)
    if not advies.is_sent:
        raise StateConflict(_("Een follow-up hoort bij een verstuurd advies."))
    if implementation_status not in ImplementationStatus.values:
        raise InvalidInput(
            errors={"implementation_status": _("Kies hoe het advies is uitgevoerd.")}
        )
    if done_on > timezone.localdate():
        raise InvalidInput(
            errors={"done_on": _("De datum van de follow-up kan niet in de toekomst liggen.")}
        )
    if done_on < timezone.localdate(advies.sent_at):
        raise InvalidInput(
            errors={"done_on": _("De follow-up kan niet vóór het versturen van het advies liggen.")}
        )
    if next_due_on is not None and next_due_on <= done_on:
        raise InvalidInput(
            errors={"next_due_on": _("Een volgende follow-up ligt na deze follow-up.")}
        )
    _check_later_day("next_due_on", next_due_on)
    opvolging = advies.opvolgingen.filter(done_on__isnull=True).order_by("due_on").first()
    if opvolging is None:
        opvolging = Opvolging(advies=advies, due_on=done_on)
    opvolging.done_on, opvolging.done_by = done_on, actor
    opvolging.implementation_status = implementation_status
    opvolging.in_fitting_place = in_fitting_place
    opvolging.notes = notes.strip()
    opvolging.save()
    advies.implementation_status = implementation_status
    advies.save(update_fields=["implementation_status", "updated_at"])
    given.implementation_status = implementation_status
    if next_due_on is not None:
        Opvolging.objects.create(advies=advies, due_on=next_due_on)
    moved = False
    if casus.state == CaseState.ADVIES_UITGEBRACHT and has_capability(
        actor, Cap.DIRECT_PROCESS, casus.team
    ):
        label = ImplementationStatus(implementation_status).label
        case_services.transition(
            casus,
            to=CaseState.FOLLOW_UP,
            actor=actor,
            reason=f"follow-up: {label}",
            request=request,
        )
        moved = True
    log_case(request, casus, Action.UPDATE, "follow-up advies vastleggen")
    refresh_case(casus)
    return opvolging, moved


@transaction.atomic
def plan_follow_up(advies: Advies, *, actor, due_on: dt.date, request=None) -> Opvolging:
    advies = _fresh(advies)
    casus = advies.casus
    _require(actor, Cap.DIRECT_PROCESS, casus, _("Alleen de procesregisseur plant een follow-up."))
    refusal = follow_up_refusal(casus)
    if refusal:
        raise StateConflict(refusal)
    if not advies.is_sent:
        raise StateConflict(_("Een follow-up hoort bij een verstuurd advies."))
    if due_on < timezone.localdate():
        raise InvalidInput(errors={"due_on": _("Plan de follow-up vandaag of later.")})
    _check_later_day("due_on", due_on)
    opvolging = Opvolging.objects.create(advies=advies, due_on=due_on)
    log_case(request, casus, Action.CREATE, "follow-up advies plannen")
    return opvolging
