"""The case workflow: the one table of allowed transitions, with who may make them and guards.

Later issues add states (advies_uitgebracht, follow_up, afgesloten, heropend) to this table.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from passend.accounts.roles import Cap

from .codes import COMPULSORY_FRAMEWORKS, CaseState
from .consent_rules import GivenConsent, Signatory, check_exchange_consent

S = CaseState


def consent_or_legal_basis(casus) -> str | None:
    """No case work without complete, unwithdrawn consent, unless a compulsory framework
    with a recorded reason is the basis. Returns the refusal message, or None."""
    if casus.legal_framework in COMPULSORY_FRAMEWORKS and casus.legal_basis_reason.strip():
        return None
    check = consent_check(casus)
    if check.valid:
        return None
    return (
        "De casus kan niet in behandeling: de toestemming is niet compleet. "
        f"{check.message} Leg de toestemming vast, of leg bij OTS, voogdij, jeugdreclassering "
        "of machtiging de grondslag met een reden vast."
    )


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
        from .consent_rules import ConsentCheck

        return ConsentCheck(
            valid=False,
            missing=("jeugdige",),
            requirement=None,
            message="De geboortedatum van de jeugdige ontbreekt.",
            coordinate_with_parents=False,
        )
    labels = {f"ouder:{o.pk}": f"{o.first_name} {o.last_name}" for o in casus.ouders.all()}
    labels["jeugdige"] = "de jeugdige"
    return check_exchange_consent(
        birth_date=casus.birth_date,
        on=on,
        parents_with_gezag=[f"ouder:{o.pk}" for o in casus.ouders.all() if o.has_gezag],
        consents=consents,
        labels=labels,
    )


@dataclass(frozen=True)
class Transition:
    label: str
    capability: Cap
    needs_reason: bool = False
    guard: Callable[[object], str | None] | None = None


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.AANGEMELD, S.IN_SCREENING): Transition("screening starten", Cap.SCREEN_CASES),
    (S.IN_SCREENING, S.AFGEWEZEN): Transition("afwijzen", Cap.SCREEN_CASES, needs_reason=True),
    (S.IN_SCREENING, S.DOORVERWEZEN): Transition(
        "niet geschikt, doorverwijzen", Cap.SCREEN_CASES, needs_reason=True
    ),
    (S.IN_SCREENING, S.CRISIS_DOORVERWEZEN): Transition(
        "crisis: doorverwijzen", Cap.SCREEN_CASES, needs_reason=True
    ),
    (S.IN_SCREENING, S.IN_BEHANDELING): Transition(
        "in behandeling nemen", Cap.SCREEN_CASES, guard=consent_or_legal_basis
    ),
}


def allowed_targets(state: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == state]
