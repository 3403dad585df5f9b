"""AVG rights of a young person or a parent of a case: a copy of everything held about them
(art. 15) and erasure on request (art. 17), or its refusal on a recorded legal ground.

Only the team's voorzitter and beheerder handle these requests (Cap.HANDLE_PRIVACY_REQUESTS).
Each handling is recorded as an ``AvgVerzoek`` and in the access log.

Erasure of the young person is the retention anonymisation, now
(``passend.privacy.retention.anonymise_case``): every identifying field and all free text of the
case go, the anonymised analytics record stays. A case still open is not erased: the team
closes it first (a case being worked on needs its data), or records a ground for refusal.
Erasure of one parent removes that parent (name, contact details, address) and the consents
they gave; the rest of the case stays until the case itself is erased or its retention ends.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts.permissions import capabilities
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_case, log_system
from passend.cases.codes import CaseState
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from . import avg_data
from .models import AvgVerzoek, AvgVerzoekSoort, AvgVerzoekStatus
from .retention import anonymise_case

# A case in one of these states is no longer worked on: its data may be erased on request.
CLOSED_STATES = frozenset(
    {
        CaseState.AFGESLOTEN,
        CaseState.AFGEWEZEN,
        CaseState.DOORVERWEZEN,
        CaseState.CRISIS_DOORVERWEZEN,
    }
)


class Weigeringsgrond(models.TextChoices):
    """Grounds to refuse erasure (AVG art. 17(3), art. 12(5)) that can apply to a case."""

    WETTELIJKE_PLICHT = (
        "wettelijke_plicht",
        gettext_lazy(
            "wettelijke bewaarplicht, zoals het dossier van jeugdhulp (art. 7.3.8 Jeugdwet; "
            "art. 17 lid 3 sub b AVG)"
        ),
    )
    ALGEMEEN_BELANG = (
        "algemeen_belang",
        gettext_lazy(
            "nodig voor de taak van algemeen belang: de casus loopt nog (art. 17 lid 3 sub b AVG)"
        ),
    )
    RECHTSVORDERING = (
        "rechtsvordering",
        gettext_lazy(
            "nodig voor het instellen, uitoefenen of onderbouwen van een rechtsvordering, "
            "zoals een klacht of procedure (art. 17 lid 3 sub e AVG)"
        ),
    )
    ONGEGROND = (
        "ongegrond",
        gettext_lazy("verzoek kennelijk ongegrond of buitensporig (art. 12 lid 5 AVG)"),
    )


def may_handle(user, casus) -> bool:
    return Cap.HANDLE_PRIVACY_REQUESTS in capabilities(user, casus.team)


def check_may_handle(casus, *, actor) -> None:
    if not may_handle(actor, casus):
        raise NotAllowed(_("AVG-verzoeken handelen de voorzitter en de beheerder van het team af."))


def _person_or_refuse(casus, person: str):
    parsed = avg_data.parse_person(casus, person)
    if parsed is None:
        raise InvalidInput(
            errors={"person": _("Kies de jeugdige of een ouder of verzorger van deze casus.")}
        )
    return parsed


def _log(request, casus, action: str, purpose: str, *, actor) -> None:
    """The access-log entry of a handling: of the request, or (a script) of the actor."""
    if request is not None:
        log_case(request, casus, action, purpose)
    else:
        log_system(
            action=action,
            subject_type="casus",
            subject_ids=[casus.pk],
            purpose=purpose,
            team=casus.team,
            actor=actor,
            access_point="taak AVG-verzoek",
        )


def _check_received_on(received_on) -> None:
    if received_on is not None and received_on > timezone.localdate():
        raise InvalidInput(
            errors={"received_on": _("De datum van ontvangst kan niet in de toekomst liggen.")}
        )


def _record(casus, *, person, kind, status, actor, received_on=None, ground="", explanation=""):
    return AvgVerzoek.objects.create(
        team=casus.team,
        casus=casus,
        person=person,
        kind=kind,
        status=status,
        received_on=received_on or timezone.localdate(),
        refusal_ground=ground,
        refusal_explanation=explanation,
        handled_by=actor,
        handled_at=timezone.now(),
    )


def export_person(casus, *, person: str, actor, request=None, received_on=None) -> dict:
    """Everything held about `person` ('jeugdige' or 'ouder:<id>'), as a plain dict (see
    ``avg_data``). Logged as an export (purpose "AVG-inzage") and recorded as a request."""
    check_may_handle(casus, actor=actor)
    person = (person or "").strip()
    _person_or_refuse(casus, person)
    _check_received_on(received_on)
    with translation.override("nl"):  # a Dutch document, like the letters Passend prints
        data = avg_data.collect(casus, person, actor=actor)
    with transaction.atomic():
        _record(
            casus,
            person=person,
            kind=AvgVerzoekSoort.INZAGE,
            status=AvgVerzoekStatus.UITGEVOERD,
            actor=actor,
            received_on=received_on,
        )
        _log(request, casus, Action.EXPORT, "AVG-inzage", actor=actor)
    return data


def erase_parent(ouder) -> None:
    """Remove one parent: the parent record with name, contact details and address, and the
    consents they gave (with the witness's name)."""
    ouder.consents.all().delete()
    ouder.delete()


def erase_person(
    casus,
    *,
    person: str,
    actor,
    request=None,
    refuse_ground: str = "",
    explanation: str = "",
    received_on=None,
    now=None,
) -> AvgVerzoek:
    """Erase `person`'s data, or record the refusal on `refuse_ground` (with `explanation`)."""
    check_may_handle(casus, actor=actor)
    person = (person or "").strip()
    kind, ouder = _person_or_refuse(casus, person)
    _check_received_on(received_on)
    refuse_ground = (refuse_ground or "").strip()
    explanation = (explanation or "").strip()
    if refuse_ground:
        errors = {}
        if refuse_ground not in Weigeringsgrond.values:
            errors["refuse_ground"] = _("Kies een grond voor de weigering uit de lijst.")
        if not explanation:
            errors["explanation"] = _("Leg uit waarom het verzoek wordt geweigerd.")
        if errors:
            raise InvalidInput(errors=errors)
        with transaction.atomic():
            verzoek = _record(
                casus,
                person=person,
                kind=AvgVerzoekSoort.WISSEN,
                status=AvgVerzoekStatus.GEWEIGERD,
                actor=actor,
                received_on=received_on,
                ground=refuse_ground,
                explanation=explanation,
            )
            _log(request, casus, Action.UPDATE, "AVG-verwijdering geweigerd", actor=actor)
        return verzoek
    if casus.anonymised_at is not None:
        raise StateConflict(_("De gegevens van deze casus zijn al verwijderd."))
    if casus.state not in CLOSED_STATES:
        raise StateConflict(
            _("Casus loopt nog; sluit de casus eerst af of leg een weigeringsgrond vast.")
        )
    now = now or timezone.now()
    with transaction.atomic():
        verzoek = _record(
            casus,
            person=person,
            kind=AvgVerzoekSoort.WISSEN,
            status=AvgVerzoekStatus.UITGEVOERD,
            actor=actor,
            received_on=received_on,
        )
        if kind == avg_data.YOUNG_PERSON:
            # The retention procedure, applied now; it logs the deletion of the case itself.
            anonymise_case(casus, reason="avg", actor=actor, now=now)
        else:
            erase_parent(ouder)
            _log(request, casus, Action.DELETE, "AVG-verwijdering", actor=actor)
    return verzoek


def requests_of(casus):
    """The AVG requests of the case, newest first."""
    return casus.avg_verzoeken.select_related("handled_by")


def team_requests(team):
    """The AVG requests of the team, newest first."""
    return AvgVerzoek.objects.filter(team=team).select_related("casus", "handled_by")


def person_label(casus, person: str) -> str:
    """How a request's person reads in the history (a removed parent stays 'ouder <id>')."""
    for candidate in avg_data.persons_of(casus):
        if candidate["key"] == person:
            return f"{candidate['name'] or '–'} ({candidate['role']})"
    if person.startswith(avg_data.PARENT_PREFIX):
        return _("ouder of verzorger (verwijderd)")
    return person


def ground_label(ground: str) -> str:
    return str(Weigeringsgrond(ground).label) if ground in Weigeringsgrond.values else ground
