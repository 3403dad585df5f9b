"""All writes and state changes of cases. Views and API call these; nothing else writes."""

from uuid import uuid4

from django.db import transaction
from django.utils import timezone

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_case

from . import pseudonyms
from .codes import ACTIVE_STATES, CaseState, ClosureOutcome, ScreeningOutcome
from .models import Casus, NameToken, Statuswijziging, Toestemming
from .workflow import TRANSITIONS, allowed_targets, closure_problems


class TransitionError(Exception):
    """A refused state change; the message is shown to the user (Dutch)."""


def _actor(request):
    """The logged-in user behind a request, or None (anonymous self-registration, scripts)."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def refresh_identity(casus: Casus) -> None:
    """Derived, non-identifying fields: birth month, pseudonyms and the name search index."""
    casus.birth_month = casus.birth_date.replace(day=1) if casus.birth_date else None
    casus.bsn_pseudonym = pseudonyms.bsn_pseudonym(casus.bsn)
    casus.name_pseudonym = pseudonyms.name_pseudonym(
        casus.first_name, casus.last_name, casus.birth_date
    )


def rebuild_name_index(casus: Casus) -> None:
    casus.name_tokens.all().delete()
    NameToken.objects.bulk_create(
        NameToken(casus=casus, digest=d)
        for d in pseudonyms.token_digests(casus.first_name, casus.last_name)
    )


@transaction.atomic
def save_case(casus: Casus, *, request=None, purpose: str = "aanmelding bewerken") -> Casus:
    """Create or update a case (draft or not), keeping derived fields and the index in step."""
    creating = casus.pk is None
    refresh_identity(casus)
    if creating:
        casus.reference = f"tmp-{uuid4().hex[:16]}"  # replaced by the number below
    casus.save()
    if creating:
        casus.reference = f"{casus.registered_at:%Y}-{casus.pk:06d}"
        Casus.objects.filter(pk=casus.pk).update(reference=casus.reference)
    rebuild_name_index(casus)
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, purpose)
    return casus


@transaction.atomic
def submit_registration(casus: Casus, *, request=None) -> Casus:
    """The draft becomes a registration: state aangemeld, with its first history entry."""
    if not casus.is_draft:
        raise TransitionError("Deze aanmelding is al verstuurd.")
    casus.is_draft = False
    casus.registered_at = timezone.now()
    casus.state = CaseState.AANGEMELD
    save_case(casus, request=request, purpose="aanmelding versturen")
    Statuswijziging.objects.create(
        casus=casus,
        from_state="",
        to_state=CaseState.AANGEMELD,
        actor=_actor(request),
        at=casus.registered_at,
        reason="zelfmelding" if casus.self_registration else "aanmelding",
    )
    return casus


SCREENING_OUTCOMES = {
    CaseState.IN_BEHANDELING: ScreeningOutcome.GESCHIKT,
    CaseState.AFGEWEZEN: ScreeningOutcome.NIET_GESCHIKT,
    CaseState.DOORVERWEZEN: ScreeningOutcome.NIET_GESCHIKT,
    CaseState.CRISIS_DOORVERWEZEN: ScreeningOutcome.CRISIS,
}
CRISIS_MESSAGE = (
    "Het expertteam biedt geen crisishulp of noodoplossingen; het werkt aan planbare zorg en "
    "duurzaam advies. Verwijs bij een crisis door naar de crisisdienst jeugd of Veilig Thuis."
)


@transaction.atomic
def transition(
    casus: Casus, to_state: str, *, actor, reason: str = "", redirected_to: str = "", request=None
):
    """Move a case along the workflow table. Raises TransitionError with a Dutch message."""
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    rule = TRANSITIONS.get((casus.state, to_state))
    if rule is None:
        allowed = ", ".join(str(CaseState(s).label) for s in allowed_targets(casus.state))
        raise TransitionError(
            f"Van '{CaseState(casus.state).label}' naar '{CaseState(to_state).label}' kan niet. "
            f"Mogelijk: {allowed or 'geen'}."
            if to_state in CaseState.values
            else f"Onbekende status '{to_state}'."
        )
    if not has_capability(actor, rule.capability, casus.team):
        raise TransitionError(f"U mag deze stap ({rule.label}) niet zetten in dit team.")
    if rule.needs_reason and not reason.strip():
        raise TransitionError(f"Geef een reden op bij '{rule.label}'.")
    if (
        to_state in (CaseState.DOORVERWEZEN, CaseState.CRISIS_DOORVERWEZEN)
        and not redirected_to.strip()
    ):
        raise TransitionError("Vul in naar wie of welke organisatie is doorverwezen.")
    if rule.guard is not None:
        refusal = rule.guard(casus)
        if refusal:
            raise TransitionError(refusal)
    entry = Statuswijziging.objects.create(
        casus=casus, from_state=casus.state, to_state=to_state, actor=actor, reason=reason.strip()
    )
    casus.state = to_state
    fields = ["state", "updated_at"]
    if entry.from_state == CaseState.IN_SCREENING and to_state in SCREENING_OUTCOMES:
        casus.screening_outcome = SCREENING_OUTCOMES[to_state]
        casus.screening_reason = reason.strip()
        casus.redirected_to = redirected_to.strip()
        fields += ["screening_outcome", "screening_reason", "redirected_to"]
    if to_state == CaseState.HEROPEND:
        # The previous closure stays in the history (reason of the afgesloten entry).
        casus.closure_outcome, casus.fitting_place_on, casus.closure_reason = "", None, ""
        fields += ["closure_outcome", "fitting_place_on", "closure_reason"]
    casus.save(update_fields=fields)
    log_case(request, casus, Action.UPDATE, f"statuswijziging: {entry.from_state} → {to_state}")
    return entry


def previously_registered(casus: Casus):
    """Other cases of the same young person in the same team ('eerder aangemeld')."""
    from django.db.models import Q

    match = Q(name_pseudonym=casus.name_pseudonym)
    if casus.bsn_pseudonym:
        match |= Q(bsn_pseudonym=casus.bsn_pseudonym)
    return Casus.objects.filter(match, team=casus.team, is_draft=False).exclude(pk=casus.pk)


@transaction.atomic
def record_consent(casus: Casus, *, request=None, **fields) -> Toestemming:
    consent = Toestemming(casus=casus, recorded_by=_actor(request), **fields)
    consent.full_clean()
    consent.save()
    log_case(request, casus, Action.CREATE, "toestemming vastleggen")
    return consent


@transaction.atomic
def withdraw_consent(consent: Toestemming, *, on, request=None) -> Toestemming:
    if consent.withdrawn_on:
        raise TransitionError("Deze toestemming is al ingetrokken.")
    if on < consent.given_on:
        raise TransitionError("Intrekken kan niet vóór de datum waarop toestemming is gegeven.")
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    log_case(request, consent.casus, Action.UPDATE, "toestemming intrekken")
    return consent


@transaction.atomic
def register(
    casus: Casus,
    *,
    request=None,
    parents=(),
    reasons=None,
    life_domains=None,
    involved=None,
    experts=None,
    submit: bool = True,
) -> Casus:
    """Create or update a registration with its parents and code lists; submit it if asked."""
    save_case(casus, request=request)
    for relation, items in (
        (casus.reasons, reasons),
        (casus.life_domains, life_domains),
        (casus.involved_organisations, involved),
        (casus.experts, experts),
    ):
        if items is not None:
            relation.set(items)
    for parent in parents:
        parent.casus = casus
        parent.save()
    if submit and casus.is_draft:
        submit_registration(casus, request=request)
    return casus


def may_edit_registration(user, casus: Casus) -> bool:
    """A draft only by its author; the referrer edits own cases until screening; screeners
    edit while the case is open."""
    if casus.is_draft:
        return casus.aanmelder_id == user.pk
    if casus.aanmelder_id == user.pk and casus.state == CaseState.AANGEMELD:
        return True
    return has_capability(user, Cap.SCREEN_CASES, casus.team) and (
        casus.state in (CaseState.AANGEMELD, CaseState.IN_SCREENING) or casus.state in ACTIVE_STATES
    )


@transaction.atomic
def save_parents(casus: Casus, formset, *, request=None) -> None:
    """Save the parents/carers step (add, change, remove) of a registration."""
    formset.instance = casus
    formset.save()
    log_case(request, casus, Action.UPDATE, "ouders/verzorgers vastleggen")


REFERRER_BY_ORGANISATION = {
    "gemeente": "01",
    "wijkteam": "01",
    "huisartsenpraktijk": "02",
    "jgz": "03",
    "gi": "04",
    "ziekenhuis": "05",
    "zorgaanbieder": "L1",
    "school": "L2",
    "samenwerkingsverband": "L2",
    "leerplicht": "L2",
    "expertisecentrum": "L4",
}


def new_draft(team, user) -> Casus:
    """An unsaved draft registration for `user`, with the referrer type of their organisation."""
    membership = next(
        (m for m in user.memberships.all() if m.team_id == team.pk and m.organisation_id), None
    )
    organisation = membership.organisation if membership else None
    referrer = REFERRER_BY_ORGANISATION.get(getattr(organisation, "type", ""), "01")
    return Casus(
        team=team,
        aanmelder=user,
        aanmelder_organisation=organisation,
        referrer_type=referrer,
        is_draft=True,
    )


@transaction.atomic
def assign(
    casus: Casus, *, actor, casushouder=None, procesregisseur=None, experts=None, request=None
):
    """Assign the case holder, process director and experts (screener or chair)."""
    if not has_capability(actor, Cap.SCREEN_CASES, casus.team):
        raise TransitionError("Alleen de screener of voorzitter wijst de casus toe.")
    casus.casushouder = casushouder
    casus.procesregisseur = procesregisseur
    casus.save(update_fields=["casushouder", "procesregisseur", "updated_at"])
    if experts is not None:
        casus.experts.set(experts)
    log_case(request, casus, Action.UPDATE, "casus toewijzen")


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
):
    """The screening decision: suitable (into treatment), not suitable, or crisis."""
    if outcome == ScreeningOutcome.GESCHIKT:
        to_state = CaseState.IN_BEHANDELING
    elif outcome == ScreeningOutcome.CRISIS:
        to_state = CaseState.CRISIS_DOORVERWEZEN
    else:
        to_state = CaseState.DOORVERWEZEN if redirected_to.strip() else CaseState.AFGEWEZEN
    entry = transition(
        casus, to_state, actor=actor, reason=reason, redirected_to=redirected_to, request=request
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


def _require(actor, capability: Cap, casus: Casus, message: str) -> None:
    if not has_capability(actor, capability, casus.team):
        raise TransitionError(message)


@transaction.atomic
def save_perspective(
    casus: Casus, *, actor, youth_wish: str, youth_struggle: str, family_wish: str, request=None
) -> Casus:
    """The young person's own words and the family's wish for change (spec §2.3)."""
    _require(actor, Cap.WORK_ON_CASES, casus, "Alleen teamleden leggen het perspectief vast.")
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
    _require(actor, Cap.WORK_ON_CASES, casus, "Alleen teamleden wijzigen de casusregie.")
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
    return casus


@transaction.atomic
def close_case(
    casus: Casus, *, actor, outcome: str, fitting_place_on=None, reason: str = "", request=None
):
    """Close the case with its outcome (spec §2.5). Raises TransitionError (Dutch message)."""
    problems = closure_problems(outcome, fitting_place_on, reason)
    if problems:
        raise TransitionError(next(iter(problems.values())))
    locked = Casus.objects.select_for_update().get(pk=casus.pk)
    locked.closure_outcome = outcome
    locked.fitting_place_on = fitting_place_on if outcome == ClosureOutcome.PASSENDE_PLEK else None
    locked.closure_reason = reason.strip()
    locked.save(update_fields=["closure_outcome", "fitting_place_on", "closure_reason"])
    label = ClosureOutcome(outcome).label
    summary = f"{label}" + (f" op {fitting_place_on:%d-%m-%Y}" if locked.fitting_place_on else "")
    summary += f": {reason.strip()}" if reason.strip() else ""
    # A refusal raises out of this atomic block, which also undoes the outcome saved above.
    entry = transition(locked, CaseState.AFGESLOTEN, actor=actor, reason=summary, request=request)
    casus.refresh_from_db()
    return entry
