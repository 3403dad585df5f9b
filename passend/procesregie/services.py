"""All writes of the procesregie module. Each checks the right, the case and the input, saves
and logs the change in the access log.

Refusals are ``passend.core.refusals``: ``NotAllowed`` without the capability (403),
``StateConflict`` when the case does not allow the work now (409), ``InvalidInput`` with the
field names of these functions (400, see ``rules``).

Which work needs the consent the young person's age requires (``cases.workflow``; a
compulsory framework with a recorded reason is a basis too): escalating (sharing the case with
other bodies), regiegesprekken (a meeting with the network) and the toekomstplan (the young
person's plan, made with and shared with the people who support them). The plan van aanpak
(goals and actions) is the team's own planning and goes on, so that the team can plan how to
restore the consent or hand the case over; nothing of it leaves the team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.analytics.services import refresh_case
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.cases.models import Casus
from passend.cases.workflow import case_work_refusal, require_consent_for_case_work
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from . import rules
from .codes import DOUBLE_CHECK_FIELDS, OPEN_STATUSES, ActionStatus, FutureDomain
from .models import Actie, Doel, Escalatie, Regiegesprek, Toekomstplan, ToekomstplanRegel

# --- who may do what -------------------------------------------------------------------------


@dataclass(frozen=True)
class Work:
    capability: Cap
    refused: str  # without the capability (translated when shown)
    needs_consent: bool


GOAL, ACTION, ESCALATION, REGIEGESPREK, TOEKOMSTPLAN = (
    "doel",
    "actie",
    "escalatie",
    "regiegesprek",
    "toekomstplan",
)
WORK = {
    GOAL: Work(
        Cap.DIRECT_PROCESS,
        gettext_noop("Alleen de procesregisseur of voorzitter legt doelen vast."),
        needs_consent=False,
    ),
    ACTION: Work(
        Cap.WORK_ON_CASES,
        gettext_noop("U kunt bij deze casus geen acties vastleggen."),
        needs_consent=False,
    ),
    ESCALATION: Work(
        Cap.DIRECT_PROCESS,
        gettext_noop("Alleen de procesregisseur of voorzitter schaalt op."),
        needs_consent=True,
    ),
    REGIEGESPREK: Work(
        Cap.DIRECT_PROCESS,
        gettext_noop("Alleen de procesregisseur of voorzitter legt regiegesprekken vast."),
        needs_consent=True,
    ),
    TOEKOMSTPLAN: Work(
        Cap.WORK_ON_CASES,
        gettext_noop("U kunt bij deze casus geen toekomstplan vastleggen."),
        needs_consent=True,
    ),
}


def may(user, casus: Casus, kind: str) -> bool:
    """Whether the user holds the right for this kind of work in the case's team: goals,
    escalations and regiegesprekken the procesregisseur and the voorzitter (DIRECT_PROCESS),
    actions and the toekomstplan everyone who works on the team's cases (WORK_ON_CASES)."""
    return has_capability(user, WORK[kind].capability, casus.team_id)


def may_complete(user, action: Actie) -> bool:
    """The owner may always mark their own action done; otherwise who may edit actions."""
    return action.owner_id == getattr(user, "pk", None) or may(user, action.casus, ACTION)


def _draft_refusal(casus: Casus) -> str | None:
    if casus.is_draft:
        return _(
            "Deze aanmelding is nog niet verstuurd: procesregie kan pas worden vastgelegd als "
            "de casus is aangemeld."
        )
    return None


def state_refusal(casus: Casus, kind: str) -> str | None:
    """Why nobody can record this kind of work on the case now (a draft, no consent)."""
    refusal = _draft_refusal(casus)
    if refusal is None and WORK[kind].needs_consent:
        refusal = case_work_refusal(casus)
    return refusal


def may_record(user, casus: Casus, kind: str) -> bool:
    """What a page offers: the right, and the case allows the work now (check_work's rule)."""
    return may(user, casus, kind) and state_refusal(casus, kind) is None


def check_right(casus: Casus, *, actor, kind: str) -> None:
    """NotAllowed unless `actor` holds the right for `kind` of work in the case's team."""
    if not may(actor, casus, kind):
        raise NotAllowed(_(WORK[kind].refused))


def check_work(casus: Casus, *, actor, kind: str) -> None:
    """Refuse unless `actor` may record `kind` of work on the case now: NotAllowed without
    the right, StateConflict on a draft or (where the work needs it) without consent."""
    check_right(casus, actor=actor, kind=kind)
    refusal = _draft_refusal(casus)
    if refusal:
        raise StateConflict(refusal)
    if WORK[kind].needs_consent:
        require_consent_for_case_work(casus)


def _check_input(errors: dict[str, str]) -> None:
    if errors:
        raise InvalidInput(errors=errors)


def _log(request, casus: Casus, creating: bool, purpose: str) -> None:
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, purpose)


# --- plan van aanpak -------------------------------------------------------------------------


def goal_save(casus: Casus, *, actor, request=None, goal: Doel | None = None, **fields) -> Doel:
    """Create (goal=None) or update a goal of the plan van aanpak."""
    check_work(casus, actor=actor, kind=GOAL)
    _check_input(rules.goal_errors(casus, achieved_on=fields.get("achieved_on")))
    creating = goal is None
    if creating:
        goal = Doel(casus=casus, created_by=actor)
        if "order" not in fields:
            fields["order"] = casus.goals.count() + 1
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.save()
    _log(request, casus, creating, "plan van aanpak: doel")
    return goal


@transaction.atomic
def action_save(
    casus: Casus, *, actor, request=None, action: Actie | None = None, **fields
) -> Actie:
    """Create (action=None) or update an action; the owner must work on the team's cases."""
    check_work(casus, actor=actor, kind=ACTION)
    creating = action is None
    owner = fields.get("owner", None if creating else action.owner)
    owner_name = (fields.get("owner_name", "" if creating else action.owner_name) or "").strip()
    if "owner_name" in fields:
        fields["owner_name"] = owner_name or None
    _check_input(
        rules.action_errors(
            casus,
            owner=owner,
            owner_name=owner_name,
            goal=fields.get("goal"),
            deadline=fields.get("deadline"),
        )
    )
    if creating:
        action = Actie(casus=casus, created_by=actor)
    for name, value in fields.items():
        setattr(action, name, value)
    if action.status == ActionStatus.GEDAAN and not action.done_on:
        action.done_on = timezone.localdate()
    if action.status != ActionStatus.GEDAAN:
        action.done_on = None
    action.save()
    _log(request, casus, creating, "plan van aanpak: actie")
    return action


def check_may_complete(action: Actie, *, actor) -> None:
    """NotAllowed unless `actor` may mark this action done."""
    if not may_complete(actor, action):
        raise NotAllowed(_("U kunt deze actie niet afronden."))


def action_complete(action: Actie, *, actor, request=None, on: date | None = None) -> Actie:
    """Mark an action done (its owner, or anyone who works on the case); also after the case
    closed or its consent lapsed: finishing planned work shares nothing."""
    check_may_complete(action, actor=actor)
    refusal = _draft_refusal(action.casus)
    if refusal:
        raise StateConflict(refusal)
    if action.status == ActionStatus.VERVALLEN:
        raise StateConflict(_("Deze actie is vervallen en kan niet meer af."))
    if action.status != ActionStatus.GEDAAN:
        action.status = ActionStatus.GEDAAN
        action.done_on = on or timezone.localdate()
        action.save(update_fields=["status", "done_on"])
        log_case(request, action.casus, Action.UPDATE, "plan van aanpak: actie gedaan")
    return action


def check_change(action: Actie, *, actor) -> None:
    """Refuse (NotAllowed) who may neither complete nor edit this action."""
    if not may_complete(actor, action):
        raise NotAllowed(_(WORK[ACTION].refused))


def action_change(action: Actie, *, actor, request=None, **fields) -> Actie:
    """Change an action. Only the status 'gedaan': completing, which its owner may always."""
    check_change(action, actor=actor)
    if fields == {"status": ActionStatus.GEDAAN}:
        return action_complete(action, actor=actor, request=request)
    return action_save(action.casus, actor=actor, request=request, action=action, **fields)


def open_actions(casus: Casus):
    """The actions of the case still open or in progress (what closing must settle)."""
    return casus.actions.filter(status__in=OPEN_STATUSES).order_by("deadline", "id")


@transaction.atomic
def settle_open_actions(casus: Casus, *, actor, new_owner=None, request=None) -> int:
    """At closing: the open actions lapse ('vervallen'), or, with `new_owner`, are handed over
    to that member of the team, who finishes them after the case closed. Returns how many.
    The closing service checks the right to close; this checks the new owner."""
    actions = list(open_actions(casus))
    if new_owner is not None:
        errors = rules.owner_errors(casus, new_owner, "")
        if errors:
            raise InvalidInput(errors={"new_owner": errors["owner"]})
    for action in actions:
        if new_owner is None:
            action.status = ActionStatus.VERVALLEN
        else:
            action.owner, action.owner_name = new_owner, None
        action.save(update_fields=["status", "owner", "owner_name"])
    if actions:
        what = "overdragen" if new_owner else "vervallen"
        log_case(request, casus, Action.UPDATE, f"plan van aanpak: acties {what}")
    return len(actions)


# --- escalation and regiegesprekken ----------------------------------------------------------

ESCALATION_FIELDS = ("from_level", "to_level", "reason", "escalated_on", "outcome", "outcome_on")


def _outcome_date(escalation: Escalatie) -> None:
    if escalation.outcome and not escalation.outcome_on:
        escalation.outcome_on = timezone.localdate()
    if not escalation.outcome:
        escalation.outcome = None


@transaction.atomic
def escalate(casus: Casus, *, actor, request=None, **fields) -> Escalatie:
    """Record an escalation (opschalen) to a higher level, with its outcome if known."""
    check_work(casus, actor=actor, kind=ESCALATION)
    values = {name: fields.get(name) for name in ESCALATION_FIELDS}
    _check_input(rules.escalation_errors(casus, **values))
    escalation = Escalatie(casus=casus, created_by=actor, **values)
    _outcome_date(escalation)
    escalation.save()
    log_case(request, casus, Action.CREATE, "opschalen")
    refresh_case(casus)
    return escalation


@transaction.atomic
def escalation_update(escalation: Escalatie, *, actor, request=None, **fields) -> Escalatie:
    """Change an escalation or record its outcome; fields not given keep their value."""
    casus = escalation.casus
    check_work(casus, actor=actor, kind=ESCALATION)
    values = {name: fields.get(name, getattr(escalation, name)) for name in ESCALATION_FIELDS}
    _check_input(rules.escalation_errors(casus, **values))
    for name, value in values.items():
        setattr(escalation, name, value)
    _outcome_date(escalation)
    escalation.save()
    log_case(request, casus, Action.UPDATE, "opschalen: uitkomst")
    refresh_case(casus)
    return escalation


def regiegesprek_save(
    casus: Casus, *, actor, request=None, gesprek: Regiegesprek | None = None, **fields
) -> Regiegesprek:
    """Create or update the record of a structured process meeting."""
    check_work(casus, actor=actor, kind=REGIEGESPREK)
    held_on = fields.get("held_on", None if gesprek is None else gesprek.held_on)
    _check_input(rules.regiegesprek_errors(casus, held_on=held_on))
    creating = gesprek is None
    if creating:
        gesprek = Regiegesprek(casus=casus, created_by=actor)
    for name, value in fields.items():
        setattr(gesprek, name, value)
    gesprek.save()
    _log(request, casus, creating, "regiegesprek")
    return gesprek


# --- toekomstplan ----------------------------------------------------------------------------

PLAN_FIELDS = ("treatment_plan", "dream", "check_notes", *DOUBLE_CHECK_FIELDS)
ROW_FIELDS = ("supporter", "arrangement", "status")


@transaction.atomic
def toekomstplan_save(
    casus: Casus, *, actor, request=None, rows: dict | None = None, **fields
) -> Toekomstplan:
    """Create or update the one toekomstplan of a case.

    ``rows`` maps a FutureDomain value to a dict with supporter, arrangement and status;
    domains not given keep their row.
    """
    check_work(casus, actor=actor, kind=TOEKOMSTPLAN)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown toekomstplan fields: {sorted(unknown)}")
    valid = {d.value for d in FutureDomain}
    strange = [domain for domain in rows or {} if domain not in valid]
    if strange:
        raise InvalidInput(
            errors={"rows": _("Onbekend leefgebied: %(d)s.") % {"d": ", ".join(strange)}}
        )
    plan = Toekomstplan.objects.filter(casus=casus).first()
    creating = plan is None
    if creating:
        plan = Toekomstplan(casus=casus, created_by=actor)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    for domain, values in (rows or {}).items():
        row, _created = ToekomstplanRegel.objects.get_or_create(toekomstplan=plan, domain=domain)
        for name in ROW_FIELDS:
            if name in values:
                setattr(row, name, values[name])
        row.save()
    _log(request, casus, creating, "toekomstplan")
    return plan


def toekomstplan_create(casus: Casus, *, actor, request=None, **fields) -> Toekomstplan:
    """The first toekomstplan of a case; a case has one (StateConflict when it exists)."""
    check_work(casus, actor=actor, kind=TOEKOMSTPLAN)
    if Toekomstplan.objects.filter(casus=casus).exists():
        raise StateConflict(_("Deze casus heeft al een toekomstplan; wijzig dat."))
    return toekomstplan_save(casus, actor=actor, request=request, **fields)
