"""All writes of the procesregie module. Each checks the business rules, saves and logs.

Rules that a form or serializer also shows next to a field raise ``ValidationError`` with a
field dict; refusals for lack of a capability raise ``NotAllowed``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.cases.models import Casus

from .codes import DOUBLE_CHECK_FIELDS, ActionStatus, FutureDomain, is_escalation
from .models import Actie, Doel, Escalatie, Regiegesprek, Toekomstplan, ToekomstplanRegel


class NotAllowed(Exception):
    """The user lacks the capability for this change (Dutch message)."""


# --- who may do what -------------------------------------------------------------------------


def may_direct(user, casus: Casus) -> bool:
    """Goals, escalations and regiegesprekken: the procesregisseur and the voorzitter."""
    return has_capability(user, Cap.DIRECT_PROCESS, casus.team_id)


def may_work(user, casus: Casus) -> bool:
    """Actions and the toekomstplan: everyone who works on the team's cases."""
    return has_capability(user, Cap.WORK_ON_CASES, casus.team_id)


def may_complete(user, action: Actie) -> bool:
    """The owner may always mark their own action done; otherwise who may edit actions."""
    return action.owner_id == getattr(user, "pk", None) or may_work(user, action.casus)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


# --- rules -----------------------------------------------------------------------------------


def check_owner(casus: Casus, owner, owner_name: str) -> None:
    """An action has one owner: an active member of the case's team, or a name outside it."""
    if owner is not None and owner_name:
        raise ValidationError(
            {"owner_name": _("Kies een teamlid óf vul een naam buiten het team in, niet beide.")}
        )
    if owner is None and not owner_name:
        raise ValidationError(
            {"owner": _("Kies wie de actie uitvoert: een teamlid of iemand buiten het team.")}
        )
    if owner is not None:
        member = owner.memberships.filter(team_id=casus.team_id, active=True).exists()
        if not member:
            raise ValidationError(
                {"owner": _("De eigenaar moet lid zijn van het team van deze casus.")}
            )


def check_goal(casus: Casus, goal) -> None:
    if goal is not None and goal.casus_id != casus.pk:
        raise ValidationError({"goal": _("Dit doel hoort niet bij deze casus.")})


def check_not_future(field: str, day: date | None, message: str | None = None) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: message or _("Deze datum kan niet in de toekomst liggen.")})


def check_escalation(from_level: str, to_level: str, escalated_on: date | None) -> None:
    errors = {}
    if from_level and to_level and not is_escalation(from_level, to_level):
        errors["to_level"] = _(
            "Opschalen gaat naar een hoger niveau: kies een niveau boven het niveau waarvan u "
            "opschaalt."
        )
    if escalated_on and escalated_on > timezone.localdate():
        errors["escalated_on"] = _("De datum van opschalen kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


# --- plan van aanpak -------------------------------------------------------------------------


def save_goal(casus: Casus, *, actor, request=None, goal: Doel | None = None, **fields) -> Doel:
    """Create (goal=None) or update a goal of the plan van aanpak."""
    _require(
        may_direct(actor, casus), _("Alleen de procesregisseur of voorzitter legt doelen vast.")
    )
    check_not_future("achieved_on", fields.get("achieved_on"))
    creating = goal is None
    if creating:
        goal = Doel(casus=casus, created_by=actor)
        if "order" not in fields:
            fields["order"] = casus.goals.count() + 1
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.save()
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, "plan van aanpak: doel")
    return goal


def _apply_action_fields(action: Actie, fields: dict) -> None:
    for name, value in fields.items():
        setattr(action, name, value)
    if action.status == ActionStatus.GEDAAN and not action.done_on:
        action.done_on = timezone.localdate()
    if action.status != ActionStatus.GEDAAN:
        action.done_on = None


@transaction.atomic
def save_action(
    casus: Casus, *, actor, request=None, action: Actie | None = None, **fields
) -> Actie:
    """Create (action=None) or update an action; the owner must be a member of the team."""
    _require(may_work(actor, casus), _("U kunt bij deze casus geen acties vastleggen."))
    creating = action is None
    owner = fields.get("owner", None if creating else action.owner)
    owner_name = (fields.get("owner_name", "" if creating else action.owner_name) or "").strip()
    if "owner_name" in fields:
        fields["owner_name"] = owner_name or None
    check_owner(casus, owner, owner_name)
    check_goal(casus, fields.get("goal"))
    check_not_future("done_on", fields.get("done_on"))
    if creating:
        action = Actie(casus=casus, created_by=actor)
    _apply_action_fields(action, fields)
    action.save()
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, "plan van aanpak: actie")
    return action


def complete_action(action: Actie, *, actor, request=None, on: date | None = None) -> Actie:
    """Mark an action done (its owner, or anyone who works on the case)."""
    _require(may_complete(actor, action), _("U kunt deze actie niet afronden."))
    if action.status == ActionStatus.VERVALLEN:
        raise ValidationError({"status": _("Deze actie is vervallen en kan niet meer af.")})
    if action.status != ActionStatus.GEDAAN:
        action.status = ActionStatus.GEDAAN
        action.done_on = on or timezone.localdate()
        action.save(update_fields=["status", "done_on"])
        log_case(request, action.casus, Action.UPDATE, "plan van aanpak: actie gedaan")
    return action


# --- escalation and regiegesprekken ----------------------------------------------------------


def escalate(casus: Casus, *, actor, request=None, **fields) -> Escalatie:
    """Record an escalation (opschalen) to a higher level."""
    _require(may_direct(actor, casus), _("Alleen de procesregisseur of voorzitter schaalt op."))
    check_escalation(fields["from_level"], fields["to_level"], fields["escalated_on"])
    escalation = Escalatie.objects.create(casus=casus, created_by=actor, **fields)
    log_case(request, casus, Action.CREATE, "opschalen")
    return escalation


def update_escalation(escalation: Escalatie, *, actor, request=None, **fields) -> Escalatie:
    """Change an escalation or record its outcome."""
    casus = escalation.casus
    _require(may_direct(actor, casus), _("Alleen de procesregisseur of voorzitter schaalt op."))
    merged = {
        name: fields.get(name, getattr(escalation, name))
        for name in ("from_level", "to_level", "escalated_on")
    }
    check_escalation(**merged)
    check_not_future("outcome_on", fields.get("outcome_on"))
    outcome_on = fields.get("outcome_on", escalation.outcome_on)
    if outcome_on and outcome_on < merged["escalated_on"]:
        raise ValidationError(
            {"outcome_on": _("De uitkomst kan niet vóór de datum van opschalen liggen.")}
        )
    for name, value in fields.items():
        setattr(escalation, name, value)
    if escalation.outcome and not escalation.outcome_on:
        escalation.outcome_on = timezone.localdate()
    escalation.save()
    log_case(request, casus, Action.UPDATE, "opschalen: uitkomst")
    return escalation


def save_regiegesprek(
    casus: Casus, *, actor, request=None, gesprek: Regiegesprek | None = None, **fields
) -> Regiegesprek:
    """Create or update the record of a structured process meeting."""
    _require(
        may_direct(actor, casus),
        _("Alleen de procesregisseur of voorzitter legt regiegesprekken vast."),
    )
    creating = gesprek is None
    if creating:
        gesprek = Regiegesprek(casus=casus, created_by=actor)
    for name, value in fields.items():
        setattr(gesprek, name, value)
    gesprek.save()
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, "regiegesprek")
    return gesprek


# --- toekomstplan ----------------------------------------------------------------------------

PLAN_FIELDS = ("treatment_plan", "dream", "check_notes", *DOUBLE_CHECK_FIELDS)


@transaction.atomic
def save_toekomstplan(
    casus: Casus, *, actor, request=None, rows: dict | None = None, **fields
) -> Toekomstplan:
    """Create or update the one toekomstplan of a case.

    ``rows`` maps a FutureDomain value to a dict with supporter, arrangement and status;
    domains not given keep their row.
    """
    _require(may_work(actor, casus), _("U kunt bij deze casus geen toekomstplan vastleggen."))
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Unknown toekomstplan fields: {sorted(unknown)}")
    plan = Toekomstplan.objects.filter(casus=casus).first()
    creating = plan is None
    if creating:
        plan = Toekomstplan(casus=casus, created_by=actor)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    valid = {d.value for d in FutureDomain}
    for domain, values in (rows or {}).items():
        if domain not in valid:
            raise ValidationError({"rows": _("Onbekend leefgebied: %(d)s.") % {"d": domain}})
        row, _created = ToekomstplanRegel.objects.get_or_create(toekomstplan=plan, domain=domain)
        for name in ("supporter", "arrangement", "status"):
            if name in values:
                setattr(row, name, values[name])
        row.save()
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, "toekomstplan")
    return plan
