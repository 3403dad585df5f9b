"""Registration, parents and consent: every write of a case up to the screening.

Views and API call these and nothing else writes. Each service decides who may do it (a
refusal is ``NotAllowed``), checks its input (``InvalidInput`` on the field, named like the
keyword argument) and the state (``StateConflict``); see ``passend.core.refusals``. The
workflow and the case work (screening, transitions, perspectief, casusregie, closure) are in
``services.casework``.
"""

from datetime import date
from uuid import uuid4

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability, organisation_in_team
from passend.accounts.roles import Cap
from passend.analytics.services import refresh_case
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from .. import pseudonyms, selectors
from ..codes import ACTIVE_STATES, CaseState, ConsentMethod
from ..models import Casus, NameToken, Ouder, Statuswijziging, Toestemming, Wijk

ASSIGNMENT_FIELDS = ("casushouder", "procesregisseur")
EARLIEST_DATE = date(1900, 1, 1)


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
    """Store a case (draft or not), keeping derived fields and the index in step. The storage
    step under ``register``; it decides nothing (factories and data loads use it directly)."""
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


# -- who may change a registration ------------------------------------------------------------


def may_edit_registration(user, casus: Casus) -> bool:
    """A draft only by its author; the referrer edits own cases until screening; screeners
    edit while the case is open. The same right records and withdraws consent."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if casus.is_draft:
        return casus.aanmelder_id == user.pk
    if casus.aanmelder_id == user.pk and casus.state == CaseState.AANGEMELD:
        return True
    return has_capability(user, Cap.SCREEN_CASES, casus.team) and (
        casus.state in (CaseState.AANGEMELD, CaseState.IN_SCREENING) or casus.state in ACTIVE_STATES
    )


def _require_edit_right(actor, casus: Casus, message: str) -> None:
    if not may_edit_registration(actor, casus):
        raise NotAllowed(message)


def check_may_edit_registration(casus: Casus, *, actor) -> None:
    """NotAllowed unless the actor may change this registration (and its consents) now."""
    _require_edit_right(actor, casus, _("U kunt deze aanmelding (nu) niet wijzigen."))


def check_may_register(team, *, actor) -> None:
    """NotAllowed unless the actor registers cases at this team (before the body is read)."""
    if not has_capability(actor, Cap.REGISTER_CASES, team):
        raise NotAllowed(_("U kunt bij dit team geen casus aanmelden."))


def _require_registration_right(casus: Casus, actor) -> None:
    """A new registration: a role that registers in the team, or an anonymous self-registration
    at a team that takes them."""
    if actor is None and casus.self_registration:
        if not casus.team.self_registration_enabled:
            raise NotAllowed(_("Dit expertteam neemt geen zelfmeldingen aan."))
        return
    check_may_register(casus.team, actor=actor)


def check_assignment(casus: Casus, *, actor, stored: Casus | None = None, experts=None) -> None:
    """Assigning casushouder, procesregisseur or experts (what differs from `stored`) is for the
    screener or chair, and only to users the one rule allows (selectors.assignable)."""
    changed = [
        name
        for name in ASSIGNMENT_FIELDS
        if getattr(casus, f"{name}_id") != (getattr(stored, f"{name}_id") if stored else None)
    ]
    if experts is not None:
        before = set(stored.experts.values_list("pk", flat=True)) if stored else set()
        if {user.pk for user in experts} != before:
            changed.append("experts")
    if not changed:
        return
    if not has_capability(actor, Cap.SCREEN_CASES, casus.team):
        raise NotAllowed(_("Alleen de screener of voorzitter wijst de casus toe."))
    errors = {}
    for name in changed:
        chosen = list(experts) if name == "experts" else [getattr(casus, name)]
        allowed = selectors.assignable(casus, name)
        ids = {user.pk for user in chosen if user is not None}
        if ids and allowed.filter(pk__in=ids).count() != len(ids):
            errors[name] = _("Kies iemand die in dit expertteam aan casussen werkt (%(role)s).") % {
                "role": _("verwijzer of teamlid") if name == "casushouder" else _("teamlid")
            }
    if errors:
        raise InvalidInput(errors=errors)


def _check_informed(casus: Casus, stored: Casus | None) -> None:
    """A sent registration keeps recording that the young person and the parents know about
    it (spec §2.1): those flags cannot be turned off afterwards."""
    if stored is None or stored.is_draft:
        return
    errors = {
        name: _("De jeugdige en de ouders moeten weten van de aanmelding.")
        for name in ("youth_informed", "parents_informed")
        if getattr(stored, name) and not getattr(casus, name)
    }
    if errors:
        raise InvalidInput(errors=errors)


# -- registration -----------------------------------------------------------------------------


def new_draft(team, *, actor) -> Casus:
    """An unsaved draft registration for `actor`, with the referrer type of their organisation
    in this team (an active membership; none: gemeentelijke toegang)."""
    organisation = organisation_in_team(actor, team)
    referrer = REFERRER_BY_ORGANISATION.get(getattr(organisation, "type", ""), "01")
    return Casus(
        team=team,
        aanmelder=actor,
        aanmelder_organisation=organisation,
        referrer_type=referrer,
        is_draft=True,
    )


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


@transaction.atomic
def register(
    casus: Casus,
    *,
    actor,
    request=None,
    parents=(),
    reasons=None,
    life_domains=None,
    sectors=None,
    involved=None,
    experts=None,
    submit: bool = True,
) -> Casus:
    """Create or update a registration with its parents and code lists; submit it if asked.

    A new one needs a registering role in the team (or is an anonymous self-registration);
    a stored one the edit right (may_edit_registration); assigning people the screener's."""
    stored = None
    if casus.pk is None:
        _require_registration_right(casus, actor)
        if actor is not None:
            casus.aanmelder = casus.aanmelder or actor
            if casus.aanmelder_organisation_id is None:
                casus.aanmelder_organisation = organisation_in_team(actor, casus.team)
    else:
        stored = Casus.objects.select_for_update().get(pk=casus.pk)
        _require_edit_right(actor, stored, _("U kunt deze aanmelding (nu) niet wijzigen."))
        if casus.team_id != stored.team_id:
            raise InvalidInput(errors={"team": _("Het team van een aanmelding wijzigt niet.")})
    check_assignment(casus, actor=actor, stored=stored, experts=experts)
    _check_informed(casus, stored)
    check_codes(casus, sectors=sectors)
    if submit and casus.is_draft:
        _check_submittable(casus, sectors=sectors)
    save_case(casus, request=request)
    for relation, items in (
        (casus.reasons, reasons),
        (casus.life_domains, life_domains),
        (casus.sectors, sectors),
        (casus.involved_organisations, involved),
        (casus.experts, experts),
    ):
        if items is not None:
            relation.set(items)
    for parent in parents:
        parent.casus = casus
        parent.save()
    if submit and casus.is_draft:
        submit_registration(casus, actor=actor, request=request)
    refresh_case(casus)
    return casus


def check_codes(casus: Casus, *, sectors=None) -> None:
    """The monitoring codes of a registration (drafts too): the wijk is one of the case's
    municipality, the sectors are of the team's region."""
    errors = {}
    if casus.wijk_id is not None:
        wijk = Wijk.objects.filter(pk=casus.wijk_id).first()
        if wijk is None or wijk.region_id != casus.team.region_id:
            errors["wijk"] = _("Kies een wijk uit de lijst van de jeugdregio.")
        elif wijk.gemeente_id != casus.gemeente_id:
            errors["wijk"] = _("Deze wijk hoort niet bij de gemeente waar de jeugdige woont.")
    if sectors is not None and any(s.region_id != casus.team.region_id for s in sectors):
        errors["sectors"] = _("Kies de expertise uit de lijst van de jeugdregio.")
    if errors:
        raise InvalidInput(errors=errors)


def _check_submittable(casus: Casus, *, sectors=None) -> None:
    """Sending needs the informed flags, the living situation and (from a professional) at
    least one sector. A self-registration asks families no sectors: the screener adds them."""
    errors = {
        name: _("Verstuur pas als de jeugdige en de ouders ervan weten.")
        for name in ("youth_informed", "parents_informed")
        if not getattr(casus, name)
    }
    if not casus.living_situation:
        errors["living_situation"] = _("Kies waar de jeugdige nu woont.")
    if sectors is None:
        sectors = list(casus.sectors.all()) if casus.pk else []
    if not casus.self_registration and not sectors:
        errors["sectors"] = _("Kies ten minste één soort expertise die nodig is.")
    if errors:
        raise InvalidInput(errors=errors)


@transaction.atomic
def submit_registration(casus: Casus, *, actor, request=None) -> Casus:
    """The draft becomes a registration: state aangemeld, with its first history entry. Only
    its author sends it (or the anonymous self-registration that made it)."""
    if not casus.is_draft:
        raise StateConflict(_("Deze aanmelding is al verstuurd."))
    if not (actor is None and casus.self_registration and casus.aanmelder_id is None):
        _require_edit_right(actor, casus, _("Alleen wie de aanmelding schreef, verstuurt haar."))
    _check_submittable(casus)
    casus.is_draft = False
    casus.registered_at = timezone.now()
    casus.state = CaseState.AANGEMELD
    save_case(casus, request=request, purpose="aanmelding versturen")
    Statuswijziging.objects.create(
        casus=casus,
        from_state="",
        to_state=CaseState.AANGEMELD,
        actor=actor,
        at=casus.registered_at,
        reason="zelfmelding" if casus.self_registration else "aanmelding",
    )
    refresh_case(casus)
    return casus


@transaction.atomic
def save_parents(casus: Casus, formset, *, actor, request=None) -> None:
    """Save the parents/carers step (add, change, remove) of a registration."""
    _require_edit_right(actor, casus, _("U kunt deze aanmelding (nu) niet wijzigen."))
    formset.instance = casus
    formset.save()
    log_case(request, casus, Action.UPDATE, "ouders/verzorgers vastleggen")


# -- consent ----------------------------------------------------------------------------------


def _consent_problems(casus: Casus, *, ouder, method, witness, given_on, scopes) -> dict:
    today = timezone.localdate()
    problems = {}
    if ouder is not None and ouder.casus_id != casus.pk:
        problems["ouder"] = _("Deze ouder of verzorger hoort niet bij deze casus.")
    if method == ConsentMethod.MONDELING and not (witness or "").strip():
        problems["witness"] = _("Bij mondelinge toestemming hoort een getuige.")
    if given_on > today:
        problems["given_on"] = _("De datum ligt in de toekomst.")
    elif given_on < EARLIEST_DATE or (casus.birth_date and given_on < casus.birth_date):
        problems["given_on"] = _("De datum ligt vóór de geboortedatum van de jeugdige.")
    if not any(scopes):
        problems["scope_exchange"] = _("Kies ten minste één onderdeel.")
    return problems


@transaction.atomic
def record_consent(
    casus: Casus,
    *,
    actor,
    ouder: Ouder | None,
    method: str,
    given_on: date,
    witness: str | None = None,
    scope_exchange: bool = True,
    scope_learning: bool = False,
    recorded_at=None,
    request=None,
) -> Toestemming:
    """Record a consent of the young person (``ouder`` None) or one parent/carer."""
    _require_edit_right(actor, casus, _("U kunt bij deze casus geen toestemming vastleggen."))
    problems = _consent_problems(
        casus,
        ouder=ouder,
        method=method,
        witness=witness,
        given_on=given_on,
        scopes=(scope_exchange, scope_learning),
    )
    if problems:
        raise InvalidInput(errors=problems)
    consent = Toestemming(
        casus=casus,
        ouder=ouder,
        method=method,
        witness=(witness or "").strip() or None,
        given_on=given_on,
        scope_exchange=scope_exchange,
        scope_learning=scope_learning,
        recorded_by=actor,
        recorded_at=recorded_at or timezone.now(),
    )
    consent.full_clean()
    consent.save()
    log_case(request, casus, Action.CREATE, "toestemming vastleggen")
    refresh_case(casus)
    return consent


@transaction.atomic
def withdraw_consent(
    consent: Toestemming, *, actor, withdrawn_on: date, request=None
) -> Toestemming:
    """Record that a consent is withdrawn (from that day on it no longer counts)."""
    consent = (
        Toestemming.objects.select_for_update(of=("self", "casus"), no_key=True)  # not the team
        .select_related("casus__team")
        .get(pk=consent.pk)
    )
    _require_edit_right(
        actor, consent.casus, _("U kunt bij deze casus geen toestemming intrekken.")
    )
    if consent.withdrawn_on:
        raise StateConflict(_("Deze toestemming is al ingetrokken."))
    if withdrawn_on < consent.given_on:
        raise InvalidInput(
            errors={
                "withdrawn_on": _("Intrekken kan niet vóór de datum waarop toestemming is gegeven.")
            }
        )
    if withdrawn_on > timezone.localdate():
        raise InvalidInput(errors={"withdrawn_on": _("De datum ligt in de toekomst.")})
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    log_case(request, consent.casus, Action.UPDATE, "toestemming intrekken")
    refresh_case(consent.casus)
    return consent
