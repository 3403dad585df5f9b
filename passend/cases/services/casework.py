"""The workflow and the case work of the team on the case itself: screening, status changes,
assigning people, perspectief, casusregie and closure.

Refusals (``passend.core.refusals``): a step the table does not allow or a guard that says no
is ``StateConflict`` (409); a missing right ``NotAllowed`` (403); a missing reason or bad input
``InvalidInput`` on the field (400). Recording case work (perspectief, casusregie) needs the
consent the young person's age requires today, or a compulsory framework with a reason
(``workflow.require_consent_for_case_work``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.analytics.services import refresh_case
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from ..codes import ACTIVE_STATES, CaseState, ClosureOutcome, ConsultationType, ScreeningOutcome
from ..models import Casus, Statuswijziging
from ..workflow import (
    TRANSITIONS,
    Transition,
    allowed_targets,
    closure_problems,
    require_consent_for_case_work,
)
from .registration import check_assignment

SCREENING_OUTCOMES = {
    CaseState.IN_BEHANDELING: ScreeningOutcome.GESCHIKT,
    CaseState.AFGEWEZEN: ScreeningOutcome.NIET_GESCHIKT,
    CaseState.DOORVERWEZEN: ScreeningOutcome.NIET_GESCHIKT,
    CaseState.CRISIS_DOORVERWEZEN: ScreeningOutcome.CRISIS,
}
CRISIS_MESSAGE = gettext_lazy(
    "Het expertteam biedt geen crisishulp of noodoplossingen; het werkt aan planbare zorg en "
    "duurzaam advies. Verwijs bij een crisis door naar de crisisdienst jeugd of Veilig Thuis."
)
REDIRECT_STATES = (CaseState.DOORVERWEZEN, CaseState.CRISIS_DOORVERWEZEN)
# States in which the case's intake is still open: the team may note the perspectief and the
# casusregie facts that come with the registration; case work proper starts 'in behandeling'.
INTAKE_STATES = (CaseState.AANGEMELD, CaseState.IN_SCREENING)
PLACED_BY_MAX = Casus._meta.get_field("placed_by").max_length


STEP_CAPABILITIES = frozenset(rule.capability for rule in TRANSITIONS.values())


def may_move(user, casus: Casus) -> bool:
    """Whether the user may take any step of the workflow table in the case's team (which
    step fits the case's state, the table decides: a wrong one is a state conflict)."""
    return any(has_capability(user, cap, casus.team) for cap in STEP_CAPABILITIES)


def _rule(casus: Casus, to: str, *, actor) -> Transition:
    """The table's rule for this step, when it exists and the actor may take it."""
    if to not in CaseState.values:
        raise InvalidInput(errors={"to": _("Onbekende status '%(state)s'.") % {"state": to}})
    if casus.anonymised_at:
        raise StateConflict(
            _(
                "Deze casus is geanonimiseerd (bewaartermijn of AVG-verzoek): er kan geen stap "
                "meer in worden gezet. Meld de jeugdige zo nodig opnieuw aan."
            )
        )
    rule = TRANSITIONS.get((casus.state, to))
    if rule is None:
        allowed = ", ".join(str(CaseState(s).label) for s in allowed_targets(casus.state))
        raise StateConflict(
            _("Van '%(from)s' naar '%(to)s' kan niet. Mogelijk: %(allowed)s.")
            % {
                "from": CaseState(casus.state).label,
                "to": CaseState(to).label,
                "allowed": allowed or _("geen"),
            }
        )
    if not has_capability(actor, rule.capability, casus.team):
        raise NotAllowed(
            _("U mag deze stap (%(step)s) niet zetten in dit team.") % {"step": rule.label}
        )
    return rule


@transaction.atomic
def transition(
    casus: Casus, *, to: str, actor, reason: str = "", redirected_to: str = "", request=None
) -> Statuswijziging:
    """Move a case along the workflow table (``workflow.TRANSITIONS``)."""
    # The case row only (of=self), and FOR NO KEY UPDATE: a plain FOR UPDATE over the join
    # also locked the team row, and every insert that refers to it (cases, access-log entries,
    # which hold the chain head) waited for it: deadlocks on PostgreSQL under concurrent writes.
    casus = (
        Casus.objects.select_for_update(of=("self",), no_key=True)
        .select_related("team")
        .get(pk=casus.pk)
    )
    if casus.is_draft:
        raise StateConflict(_("Een concept-aanmelding heeft nog geen status; verstuur haar eerst."))
    rule = _rule(casus, to, actor=actor)
    errors = {}
    if rule.needs_reason and not reason.strip():
        errors["reason"] = _("Geef een reden op bij '%(step)s'.") % {"step": rule.label}
    if to in REDIRECT_STATES and not redirected_to.strip():
        errors["redirected_to"] = _("Vul in naar wie of welke organisatie is doorverwezen.")
    if errors:
        raise InvalidInput(errors=errors)
    if rule.guard is not None:
        refusal = rule.guard(casus)
        if refusal:
            raise StateConflict(refusal)
    entry = Statuswijziging.objects.create(
        casus=casus, from_state=casus.state, to_state=to, actor=actor, reason=reason.strip()
    )
    casus.state = to
    fields = ["state", "updated_at"]
    if entry.from_state == CaseState.IN_SCREENING and to in SCREENING_OUTCOMES:
        casus.screening_outcome = SCREENING_OUTCOMES[to]
        casus.screening_reason = reason.strip()
        casus.redirected_to = redirected_to.strip()
        fields += ["screening_outcome", "screening_reason", "redirected_to"]
    if to == CaseState.HEROPEND:
        # The previous closure stays in the history (reason of the afgesloten entry).
        casus.closure_outcome, casus.fitting_place_on, casus.closure_reason = "", None, ""
        casus.living_situation_at_closure, casus.placement_route = "", ""
        fields += ["closure_outcome", "fitting_place_on", "closure_reason"]
        fields += ["living_situation_at_closure", "placement_route"]
    casus.save(update_fields=fields)
    log_case(request, casus, Action.UPDATE, f"statuswijziging: {entry.from_state} → {to}")
    refresh_case(casus)
    return entry


@transaction.atomic
def assign(
    casus: Casus, *, actor, casushouder=None, procesregisseur=None, experts=None, request=None
) -> Casus:
    """Assign the case holder, process director and experts (screener or chair), each one a
    user the one rule allows (``selectors.assignable``)."""
    stored = Casus.objects.select_for_update().get(pk=casus.pk)
    if not has_capability(actor, Cap.SCREEN_CASES, casus.team):
        raise NotAllowed(_("Alleen de screener of voorzitter wijst de casus toe."))
    casus.casushouder = casushouder
    casus.procesregisseur = procesregisseur
    check_assignment(casus, actor=actor, stored=stored, experts=experts)
    casus.save(update_fields=["casushouder", "procesregisseur", "updated_at"])
    if experts is not None:
        casus.experts.set(experts)
    log_case(request, casus, Action.UPDATE, "casus toewijzen")
    return casus


SCREENING_TARGETS = {
    ScreeningOutcome.GESCHIKT: CaseState.IN_BEHANDELING,
    ScreeningOutcome.CRISIS: CaseState.CRISIS_DOORVERWEZEN,
}


@transaction.atomic
def screen(
    casus: Casus,
    *,
    actor,
    outcome: str,
    reason: str = "",
    redirected_to: str = "",
    casushouder=None,
    procesregisseur=None,
    experts=None,
    request=None,
) -> Statuswijziging:
    """The screening decision: suitable (into treatment, with the people assigned), not
    suitable (rejected, or redirected when a target is named) or crisis (redirected)."""
    if outcome not in ScreeningOutcome.values:
        raise InvalidInput(errors={"outcome": _("Kies de uitkomst van de screening.")})
    to = SCREENING_TARGETS.get(outcome) or (
        CaseState.DOORVERWEZEN if redirected_to.strip() else CaseState.AFGEWEZEN
    )
    if outcome == ScreeningOutcome.GESCHIKT:  # the people first: nothing changes if refused
        stored = Casus.objects.get(pk=casus.pk)
        proposed = Casus.objects.get(pk=casus.pk)
        proposed.casushouder, proposed.procesregisseur = casushouder, procesregisseur
        check_assignment(proposed, actor=actor, stored=stored, experts=experts)
    entry = transition(
        casus, to=to, actor=actor, reason=reason, redirected_to=redirected_to, request=request
    )
    casus.refresh_from_db()
    if outcome == ScreeningOutcome.GESCHIKT:
        assign(
            casus,
            actor=actor,
            casushouder=casushouder,
            procesregisseur=procesregisseur,
            experts=experts,
            request=request,
        )
    return entry


def may_work_on_case(user, casus: Casus) -> bool:
    """Recording the team's own facts on a case (perspectief, casusregie): a case-work role."""
    return has_capability(user, Cap.WORK_ON_CASES, casus.team)


def check_may_work_on_case(casus: Casus, *, actor, what: str = "") -> None:
    if not may_work_on_case(actor, casus):
        what = what or _("gegevens van de casus")
        raise NotAllowed(
            _("Alleen teamleden die aan casussen werken, leggen %(what)s vast.") % {"what": what}
        )


def check_may_move(casus: Casus, *, actor) -> None:
    """NotAllowed unless the actor takes steps of the workflow table in the case's team."""
    if not may_move(actor, casus):
        raise NotAllowed(_("U mag in dit team geen stappen in de status van een casus zetten."))


def check_may_close(casus: Casus, *, actor) -> None:
    """Closing is a step of the workflow table that the process directors take."""
    closing = TRANSITIONS[(CaseState.FOLLOW_UP, CaseState.AFGESLOTEN)]
    if not has_capability(actor, closing.capability, casus.team):
        raise NotAllowed(
            _("U mag deze stap (%(step)s) niet zetten in dit team.") % {"step": closing.label}
        )


def _require_case_work(casus: Casus, *, actor, what: str) -> None:
    """Recording the team's own facts on the case: a case-work role, a registered case that
    is open, and (once case work has started) the consent the case work needs."""
    check_may_work_on_case(casus, actor=actor, what=what)
    if casus.is_draft or casus.state not in (*INTAKE_STATES, *ACTIVE_STATES):
        raise StateConflict(
            _("Bij een casus met status '%(state)s' legt het team %(what)s niet (meer) vast.")
            % {"state": _("concept") if casus.is_draft else casus.get_state_display(), "what": what}
        )
    if casus.state in ACTIVE_STATES:
        require_consent_for_case_work(casus)


@transaction.atomic
def save_perspective(
    casus: Casus, *, actor, youth_wish: str, youth_struggle: str, family_wish: str, request=None
) -> Casus:
    """The young person's own words and the family's wish for change (spec §2.3)."""
    _require_case_work(casus, actor=actor, what=_("het perspectief"))
    casus.youth_wish = youth_wish.strip()
    casus.youth_struggle = youth_struggle.strip()
    casus.family_wish = family_wish.strip()
    casus.perspective_updated_at = timezone.now()
    casus.save(
        update_fields=[
            "youth_wish",
            "youth_struggle",
            "family_wish",
            "perspective_updated_at",
            "updated_at",
        ]
    )
    log_case(request, casus, Action.UPDATE, "perspectief vastleggen")
    return casus


@transaction.atomic
def save_case_direction(
    casus: Casus,
    *,
    actor,
    consultation_type: str,
    placed_by: str,
    in_closed_youth_care: bool,
    wlz_transition: bool,
    request=None,
) -> Casus:
    """Consultation type and the facts behind casusregie and the 16+ alerts."""
    _require_case_work(casus, actor=actor, what=_("de casusregie"))
    errors = {}
    if consultation_type and consultation_type not in ConsultationType.values:
        errors["consultation_type"] = _("Kies consultatie of advies.")
    if len(placed_by.strip()) > PLACED_BY_MAX:
        errors["placed_by"] = _("Gebruik hoogstens %(n)s tekens.") % {"n": PLACED_BY_MAX}
    if errors:
        raise InvalidInput(errors=errors)
    casus.consultation_type = consultation_type
    casus.placed_by = placed_by.strip()
    casus.in_closed_youth_care = in_closed_youth_care
    casus.wlz_transition = wlz_transition
    casus.save(
        update_fields=[
            "consultation_type",
            "placed_by",
            "in_closed_youth_care",
            "wlz_transition",
            "updated_at",
        ]
    )
    log_case(request, casus, Action.UPDATE, "casusregie vastleggen")
    refresh_case(casus)
    return casus


# What closing does with the open actions of the plan van aanpak.
ACTIONS_LAPSE, ACTIONS_HAND_OVER = "vervallen", "overdragen"


@dataclass(frozen=True)
class OpenWork:
    """What is still open on a case when it closes: actions of the plan van aanpak and
    unanswered clarification requests on its advice (both must be settled), and planned
    follow-ups (they lapse: a closed case has no follow-up)."""

    actions: list
    clarifications: list
    follow_ups: list

    @property
    def to_settle(self) -> bool:
        return bool(self.actions or self.clarifications)


def open_work(casus: Casus) -> OpenWork:
    """The open work of the case (the procesregie and advice modules build on cases, so their
    services are imported here, when asked)."""
    from passend.advice import services as advice
    from passend.procesregie import services as procesregie

    follow_ups = apps.get_model("advice", "Opvolging").objects.filter(
        advies__casus=casus, done_on__isnull=True
    )
    return OpenWork(
        actions=list(procesregie.open_actions(casus).select_related("owner")),
        clarifications=list(advice.open_clarifications(casus)),
        follow_ups=list(follow_ups.order_by("due_on", "id")),
    )


def open_work_problems(work: OpenWork, open_actions: str, withdraw_clarifications: bool):
    """Field -> what to choose for the open work not yet settled (the form shows these next to
    its fields; the service refuses with them)."""
    problems = {}
    if work.actions and open_actions not in (ACTIONS_LAPSE, ACTIONS_HAND_OVER):
        problems["open_actions"] = _(
            "Kies wat er met de open acties gebeurt: laten vervallen of overdragen."
        )
    if work.clarifications and not withdraw_clarifications:
        problems["withdraw_clarifications"] = _(
            "Beantwoord de vraag om toelichting eerst op het tabblad Advies, of trek die in."
        )
    return problems


def _open_work_refusal(work: OpenWork, open_actions: str, withdraw_clarifications: bool):
    """StateConflict naming what is still open (with counts) and what to choose, or None."""
    problems = open_work_problems(work, open_actions, withdraw_clarifications)
    if not problems:
        return None
    counts = []
    if "open_actions" in problems:
        n = len(work.actions)
        counts.append(ngettext("%(n)d open actie", "%(n)d open acties", n) % {"n": n})
    if "withdraw_clarifications" in problems:
        n = len(work.clarifications)
        counts.append(
            ngettext(
                "%(n)d onbeantwoorde vraag om toelichting",
                "%(n)d onbeantwoorde vragen om toelichting",
                n,
            )
            % {"n": n}
        )
    listed = counts[0]
    if len(counts) == 2:
        listed = _("%(first)s en %(second)s") % {"first": counts[0], "second": counts[1]}
    return StateConflict(
        _("De casus kan nog niet worden afgesloten: er staat nog open %(open)s. %(what)s")
        % {"open": listed, "what": " ".join(problems.values())}
    )


@transaction.atomic
def close_case(
    casus: Casus,
    *,
    actor,
    outcome: str,
    fitting_place_on=None,
    reason: str = "",
    living_situation_at_closure: str = "",
    placement_route: str = "",
    open_actions: str = "",
    new_owner=None,
    withdraw_clarifications: bool = False,
    request=None,
) -> Statuswijziging:
    """Close the case with its outcome (spec §2.5). Closing ends the case work, so it needs no
    consent. What is still open must be settled in the same step (`open_work`): the open
    actions lapse (`open_actions="vervallen"`) or go to `new_owner` ("overdragen"), and the
    unanswered clarification requests are withdrawn (answering them is done on the advice
    first). Without that choice: StateConflict naming what is open."""
    from passend.advice import services as advice
    from passend.procesregie import services as procesregie

    locked = (
        Casus.objects.select_for_update(of=("self",), no_key=True)
        .select_related("team")
        .get(pk=casus.pk)
    )  # the case row only, not the team (see transition)
    if locked.is_draft:
        raise StateConflict(_("Een concept-aanmelding kan niet worden afgesloten."))
    _rule(locked, CaseState.AFGESLOTEN, actor=actor)
    registered_on = timezone.localdate(locked.registered_at)
    problems = closure_problems(
        outcome,
        fitting_place_on,
        reason,
        registered_on=registered_on,
        living_situation_at_closure=living_situation_at_closure,
        placement_route=placement_route,
    )
    if open_actions == ACTIONS_HAND_OVER and new_owner is None:
        problems["new_owner"] = _("Kies aan wie de open acties worden overgedragen.")
    if problems:
        raise InvalidInput(errors=problems)
    work = open_work(locked)
    refusal = _open_work_refusal(work, open_actions, withdraw_clarifications)
    if refusal:
        raise refusal
    if work.actions:
        handed_to = new_owner if open_actions == ACTIONS_HAND_OVER else None
        procesregie.settle_open_actions(locked, actor=actor, new_owner=handed_to, request=request)
    if work.clarifications:
        advice.withdraw_open_clarifications(locked, actor=actor, request=request)
    locked.closure_outcome = outcome
    locked.fitting_place_on = fitting_place_on if outcome == ClosureOutcome.PASSENDE_PLEK else None
    locked.closure_reason = reason.strip()
    locked.living_situation_at_closure = living_situation_at_closure
    locked.placement_route = placement_route
    locked.save(
        update_fields=[
            "closure_outcome",
            "fitting_place_on",
            "closure_reason",
            "living_situation_at_closure",
            "placement_route",
        ]
    )
    label = ClosureOutcome(outcome).label
    summary = f"{label}" + (f" op {fitting_place_on:%d-%m-%Y}" if locked.fitting_place_on else "")
    summary += f": {reason.strip()}" if reason.strip() else ""
    # A refusal raises out of this atomic block, which also undoes the outcome saved above.
    entry = transition(
        locked, to=CaseState.AFGESLOTEN, actor=actor, reason=summary, request=request
    )
    refresh_case(locked)
    casus.refresh_from_db()
    return entry
