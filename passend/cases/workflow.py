"""The case workflow: the one table of allowed transitions, with who may make them and guards.

aangemeld → in_screening → afgewezen / doorverwezen / crisis_doorverwezen | in_behandeling →
advies_uitgebracht → follow_up → afgesloten, and afgesloten → heropend → (advice, closure).
An advice reaches the case only through the advice module (sending an approved advice); a case
closes only with a recorded outcome (services.close_case).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from passend.accounts.roles import Cap
from passend.core.refusals import StateConflict

from .codes import (
    COMPULSORY_FRAMEWORKS,
    CaseState,
    ClosureOutcome,
    Plaatsingsroute,
    Woonsituatie,
)
from .consent_rules import ConsentCheck, GivenConsent, Signatory, check_exchange_consent

S = CaseState


def has_legal_basis(casus) -> bool:
    """A compulsory framework (OTS, voogdij, jeugdreclassering, machtiging) with a recorded
    reason is a basis for case work without consent."""
    return casus.legal_framework in COMPULSORY_FRAMEWORKS and bool(casus.legal_basis_reason.strip())


def consent_or_legal_basis(casus) -> str | None:
    """No case work without complete, unwithdrawn consent, unless a compulsory framework
    with a recorded reason is the basis. Returns the refusal message, or None."""
    if has_legal_basis(casus):
        return None
    check = consent_check(casus)
    if check.valid:
        return None
    return _(
        "De casus kan niet in behandeling: de toestemming is niet compleet. "
        "%(problem)s Leg de toestemming vast, of leg bij OTS, voogdij, jeugdreclassering "
        "of machtiging de grondslag met een reden vast."
    ) % {"problem": check.message}


def case_work_refusal(casus, on=None) -> str | None:
    """Why the team cannot record case work on this case now, or None (spec §2.1: no case
    work, no sharing and no meetings without valid consent, unless a compulsory framework
    with a reason is recorded). Valid consent is the consent the young person's age requires
    today: at 12 the young person must consent too, from 16 the young person alone, so consent
    can lapse on a birthday as well as be withdrawn. Reading the record stays possible."""
    if has_legal_basis(casus):
        return None
    check = consent_check(casus, on)
    if check.valid:
        return None
    return _(
        "Er is geen geldige toestemming (meer) voor deze casus. %(reason)s Zolang die "
        "ontbreekt, kan de casus niet op de agenda, legt het team geen verslag, analyse of "
        "advies vast en deelt het geen informatie. Leg nieuwe toestemming vast, of leg bij "
        "OTS, voogdij, jeugdreclassering of machtiging de grondslag met een reden vast."
    ) % {"reason": check.message}


def require_consent_for_case_work(casus, on=None) -> None:
    """Raise StateConflict (409 in the API, a message on the page) when case_work_refusal."""
    refusal = case_work_refusal(casus, on)
    if refusal:
        raise StateConflict(refusal)


def consent_check(casus, on=None):
    on = on or timezone.localdate()
    consents = [
        GivenConsent(
            person=c.person_key,
            signatory=Signatory.OUDER if c.ouder_id else Signatory.JEUGDIGE,
            scope_exchange=c.scope_exchange,
            scope_learning=c.scope_learning,
            given_on=c.given_on,
            withdrawn_on=c.withdrawn_on,
        )
        for c in casus.consents.all()
    ]
    if casus.birth_date is None:
        return ConsentCheck(
            valid=False,
            missing=("jeugdige",),
            requirement=None,
            message=_("De geboortedatum van de jeugdige ontbreekt."),
            coordinate_with_parents=False,
        )
    labels = {f"ouder:{o.pk}": f"{o.first_name} {o.last_name}" for o in casus.ouders.all()}
    return check_exchange_consent(
        birth_date=casus.birth_date,
        on=on,
        parents_with_gezag=[f"ouder:{o.pk}" for o in casus.ouders.all() if o.has_gezag],
        consents=consents,
        labels=labels,
    )


def advice_sent(casus) -> str | None:
    """The case moves to 'advies uitgebracht' only when an approved advice has been sent
    (after the last reopening, if any). The advice module builds on cases, so its model is
    looked up by name here."""
    Advies = apps.get_model("advice", "Advies")
    sent = Advies.objects.filter(casus=casus, sent_at__isnull=False)
    reopened = casus.transitions.filter(to_state=S.HEROPEND).order_by("-at").first()
    if reopened is not None:
        sent = sent.filter(sent_at__gte=reopened.at)
    if sent.exists():
        return None
    return _(
        "Er is nog geen goedgekeurd en verstuurd advies. "
        "Verstuur het advies via het tabblad Advies."
    )


# Outcomes that end in a place (a fitting place, a crisis placement): how the young person got
# there (the placement route) is then asked; with the other outcomes it may be given.
PLACEMENT_OUTCOMES = frozenset({ClosureOutcome.PASSENDE_PLEK, ClosureOutcome.CRISISPLAATSING})


def closure_problems(
    outcome: str,
    fitting_place_on,
    reason: str,
    today=None,
    registered_on=None,
    *,
    living_situation_at_closure: str = "",
    placement_route: str = "",
) -> dict[str, str]:
    """The closure rule, per field (form, API and the guard below use it): an outcome;
    'passende plek bereikt' with a date that is not in the future (nor before the case was
    registered, when `registered_on` is given); 'overig' with a reason; always the living
    situation at closure; the placement route with an outcome in PLACEMENT_OUTCOMES."""
    today = today or timezone.localdate()
    problems = {}
    if outcome not in ClosureOutcome.values:
        problems["outcome"] = _("Kies de uitkomst waarmee de casus wordt afgesloten.")
    if not living_situation_at_closure:
        problems["living_situation_at_closure"] = _(
            "Kies waar de jeugdige woont bij het afsluiten."
        )
    elif living_situation_at_closure not in Woonsituatie.values:
        problems["living_situation_at_closure"] = _("Kies een woonsituatie uit de lijst.")
    if placement_route and placement_route not in Plaatsingsroute.values:
        problems["placement_route"] = _("Kies een plaatsingsroute uit de lijst.")
    elif not placement_route and outcome in PLACEMENT_OUTCOMES:
        problems["placement_route"] = _(
            "Kies via wie de jeugdige is geplaatst (bij '%(outcome)s')."
        ) % {"outcome": ClosureOutcome(outcome).label}
    if outcome == ClosureOutcome.PASSENDE_PLEK and fitting_place_on is None:
        problems["fitting_place_on"] = _(
            "Vul de datum in waarop de jeugdige op een passende plek is."
        )
    if fitting_place_on is not None and fitting_place_on > today:
        problems["fitting_place_on"] = _(
            "De datum 'passende plek bereikt' kan niet in de toekomst liggen."
        )
    elif fitting_place_on is not None and registered_on and fitting_place_on < registered_on:
        problems["fitting_place_on"] = _(
            "De datum 'passende plek bereikt' ligt vóór de aanmelding (%(day)s)."
        ) % {"day": registered_on.strftime("%d-%m-%Y")}
    if outcome == ClosureOutcome.OVERIG and not (reason or "").strip():
        problems["reason"] = _("Geef bij 'overig' de reden van afsluiten.")
    return problems


def closure_recorded(casus) -> str | None:
    """Guard: the case's recorded closure must satisfy the closure rule."""
    problems = closure_problems(
        casus.closure_outcome,
        casus.fitting_place_on,
        casus.closure_reason,
        registered_on=timezone.localdate(casus.registered_at),
        living_situation_at_closure=casus.living_situation_at_closure,
        placement_route=casus.placement_route,
    )
    return next(iter(problems.values()), None)


@dataclass(frozen=True)
class Transition:
    label: str
    capability: Cap
    needs_reason: bool = False
    guard: Callable[[object], str | None] | None = None


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.AANGEMELD, S.IN_SCREENING): Transition(_lazy("screening starten"), Cap.SCREEN_CASES),
    (S.IN_SCREENING, S.AFGEWEZEN): Transition(
        _lazy("afwijzen"), Cap.SCREEN_CASES, needs_reason=True
    ),
    (S.IN_SCREENING, S.DOORVERWEZEN): Transition(
        _lazy("niet geschikt, doorverwijzen"), Cap.SCREEN_CASES, needs_reason=True
    ),
    (S.IN_SCREENING, S.CRISIS_DOORVERWEZEN): Transition(
        _lazy("crisis: doorverwijzen"), Cap.SCREEN_CASES, needs_reason=True
    ),
    (S.IN_SCREENING, S.IN_BEHANDELING): Transition(
        _lazy("in behandeling nemen"), Cap.SCREEN_CASES, guard=consent_or_legal_basis
    ),
    (S.IN_BEHANDELING, S.ADVIES_UITGEBRACHT): Transition(
        _lazy("advies uitgebracht"), Cap.APPROVE_ADVICE, guard=advice_sent
    ),
    (S.HEROPEND, S.ADVIES_UITGEBRACHT): Transition(
        _lazy("nieuw advies uitgebracht"), Cap.APPROVE_ADVICE, guard=advice_sent
    ),
    (S.ADVIES_UITGEBRACHT, S.FOLLOW_UP): Transition(_lazy("follow-up starten"), Cap.DIRECT_PROCESS),
    (S.IN_BEHANDELING, S.AFGESLOTEN): Transition(
        _lazy("afsluiten zonder advies"), Cap.DIRECT_PROCESS, guard=closure_recorded
    ),
    (S.ADVIES_UITGEBRACHT, S.AFGESLOTEN): Transition(
        _lazy("afsluiten"), Cap.DIRECT_PROCESS, guard=closure_recorded
    ),
    (S.FOLLOW_UP, S.AFGESLOTEN): Transition(
        _lazy("afsluiten"), Cap.DIRECT_PROCESS, guard=closure_recorded
    ),
    (S.HEROPEND, S.AFGESLOTEN): Transition(
        _lazy("afsluiten"), Cap.DIRECT_PROCESS, guard=closure_recorded
    ),
    # Reopening starts case work again: like 'in behandeling', only with valid consent.
    (S.AFGESLOTEN, S.HEROPEND): Transition(
        _lazy("heropenen"), Cap.DIRECT_PROCESS, needs_reason=True, guard=case_work_refusal
    ),
}


def follow_up_refusal(casus) -> str | None:
    """Why no follow-up of the advice can be planned or recorded now, or None. A follow-up is
    work on an open case: one the table still lets close (a closed case is reopened first)."""
    if (casus.state, S.AFGESLOTEN) in TRANSITIONS:
        return None
    if casus.state == S.AFGESLOTEN:
        return _("De casus is afgesloten; heropen de casus om nog een follow-up vast te leggen.")
    return _("Bij een casus met status '%(state)s' hoort geen follow-up.") % {
        "state": CaseState(casus.state).label
    }


# Transitions made by their own form (screening, closure) or by another module (sending an
# advice), not by the generic status form on the case page.
DEDICATED_TARGETS = frozenset({S.AFGESLOTEN, S.ADVIES_UITGEBRACHT})


def allowed_targets(state: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == state]
