"""All writes of the advice module. Views and API call these; nothing else writes.

Refusals are the shared family (passend.core.refusals): NotAllowed without the right,
StateConflict when the case, the advice or the consent does not allow the step now (no advice
is drafted, approved, sent or explained without the consent the young person's age requires,
unless a compulsory framework with a reason is recorded), InvalidInput on the fields.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.analytics.services import refresh_case
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.cases import services as case_services
from passend.cases.codes import CaseState
from passend.cases.workflow import case_work_refusal, require_consent_for_case_work
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.socialmap.picker import region_offers

from . import rules, selectors
from .access import fresh as _fresh
from .access import is_referrer
from .access import require as _require
from .codes import AdviesStatus

# The follow-up lives in its own module; callers keep using services.<name>.
from .follow_up import check_may_record_follow_up as check_may_record_follow_up
from .follow_up import may_record_follow_up as may_record_follow_up
from .follow_up import plan_follow_up as plan_follow_up
from .follow_up import record_follow_up as record_follow_up
from .models import (
    CONTENT_FIELDS,
    Advies,
    Belangenverklaring,
    Decision,
    Opvolging,
    Party,
    Toelichtingsverzoek,
)

EDITABLE_FIELDS = (*CONTENT_FIELDS, "status", "status_reason")


def _copy(source: Advies, target: Advies, *names: str) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))


def check_may_draft(casus, *, actor) -> None:
    """NotAllowed unless `actor` drafts advice in the case's team."""
    _require(actor, Cap.WORK_ON_CASES, casus, _("Alleen teamleden stellen een advies op."))


def check_may_approve(casus, *, actor) -> None:
    """NotAllowed unless `actor` approves and sends the team's advice (the voorzitter)."""
    _require(actor, Cap.APPROVE_ADVICE, casus, _("Alleen de voorzitter keurt een advies goed."))


def check_may_answer(casus, *, actor) -> None:
    """NotAllowed unless `actor` answers clarification requests for the team."""
    _require(actor, Cap.WORK_ON_CASES, casus, _("Alleen teamleden beantwoorden een vraag."))


def check_may_send(casus, *, actor) -> None:
    """NotAllowed unless `actor` sends the team's advice (the voorzitter)."""
    _require(actor, Cap.APPROVE_ADVICE, casus, _("Alleen de voorzitter verstuurt een advies."))


# -- Drafting ---------------------------------------------------------------------------------


def drafting_refusal(casus) -> str | None:
    """Why no advice can be drafted or changed on this case now, or None: the team is not
    working on it, or the consent case work needs is missing."""
    if casus.state not in selectors.DRAFTING_STATES:
        return _(
            "Een advies opstellen of wijzigen kan alleen als de casus in behandeling of "
            "heropend is (nu: %(state)s)."
        ) % {"state": CaseState(casus.state).label}
    return case_work_refusal(casus)


def edit_refusal(advies: Advies) -> str | None:
    """Why this version cannot be changed now, or None."""
    refusal = drafting_refusal(advies.casus)
    if refusal:
        return refusal
    if advies.is_approved:
        return _(
            "Dit advies is goedgekeurd en kan niet meer worden gewijzigd. Maak een nieuwe versie."
        )
    if advies.pk and not selectors.is_latest(advies):
        return _("Er is een nieuwere versie van dit advies; wijzig die.")
    return None


def new_version_refusal(casus) -> str | None:
    refusal = drafting_refusal(casus)
    if refusal:
        return refusal
    latest = selectors.latest_advice(casus)
    if latest is not None and not latest.is_approved:
        return _(
            "Er is al een concept-advies; werk dat bij in plaats van een nieuwe versie te maken."
        )
    return None


def new_advice(casus, *, actor) -> Advies:
    """An unsaved next version: the team's default status, content copied from the last one.
    NotAllowed for who does not draft advice in the team."""
    check_may_draft(casus, actor=actor)
    latest = selectors.latest_advice(casus)
    advies = Advies(casus=casus, drafted_by=actor, status=casus.team.advice_status_default)
    if latest is not None:
        for name in EDITABLE_FIELDS:
            setattr(advies, name, getattr(latest, name))
        advies._copied_providers = list(latest.candidate_providers.all())
        advies._copied_offers = list(latest.chosen_offers.all())
    return advies


def offer_refusal(team, offers) -> str | None:
    """Chosen offers come from the social map of the team's own region."""
    allowed = set(region_offers(team, active_only=False).values_list("pk", flat=True))
    outside = [str(o) for o in offers if o.pk not in allowed]
    if outside:
        return _(
            "Kies aanbod van de sociale kaart van de eigen jeugdregio; dit aanbod hoort daar "
            "niet bij: %(offers)s."
        ) % {"offers": "; ".join(outside)}
    return None


def content_errors(team, data: dict) -> dict[str, str]:
    """Field -> Dutch message for content that does not hold together (form and API)."""
    errors = {}
    status = data.get("status") or team.advice_status_default
    if status not in AdviesStatus.values:
        errors["status"] = _("Kies zwaarwegend of bindend.")
        status = team.advice_status_default
    if status != team.advice_status_default and not (data.get("status_reason") or "").strip():
        errors["status_reason"] = _(
            "Het team adviseert standaard '%(default)s'. Geef de reden waarom dit advies "
            "'%(status)s' is."
        ) % {
            "default": AdviesStatus(team.advice_status_default).label,
            "status": AdviesStatus(status).label,
        }
    solution = (data.get("short_term_solution") or "").strip()
    start, end = data.get("short_term_start_date"), data.get("short_term_end_date")
    for name in ("short_term_start_date", "short_term_end_date"):
        if data.get(name) and not rules.plausible_day(data[name], timezone.localdate()):
            errors[name] = rules.implausible_day_message(timezone.localdate())
    if not solution and (start or end):
        errors["short_term_solution"] = _(
            "Beschrijf de kortetermijnoplossing, of laat de datums leeg."
        )
    if solution and end and not errors.get("short_term_end_date"):
        message = end_date_problem(start or timezone.localdate(), end)
        if message:
            errors["short_term_end_date"] = message
    if data.get("double_indication") and not (data.get("double_indication_note") or "").strip():
        errors["double_indication_note"] = _(
            "Licht toe welke indicaties er naast elkaar zijn en wie wat betaalt."
        )
    return errors


def end_date_problem(start: dt.date, end: dt.date) -> str | None:
    """The short-term solution ends after it starts (an empty start is today): what is wrong
    with the end date and what to do, or None."""
    if end > start:
        return None
    if end == start:
        wrong = _("De einddatum is dezelfde dag als de startdatum (%(start)s).")
    else:
        wrong = _("De einddatum ligt vóór de startdatum (%(start)s).")
    wrong = wrong % {"start": f"{start:%d-%m-%Y}"}
    return f"{wrong} {_('Kies een einddatum ná de startdatum, of pas de startdatum aan.')}"


@transaction.atomic
def save_advice(
    advies: Advies, *, actor, data: dict, providers=None, offers=None, request=None
) -> Advies:
    """Create a new version or update the draft. `data` holds content fields, status and
    status_reason; `providers` the candidate organisations and `offers` the offers chosen from
    the social map (None: unchanged). A chosen offer's organisation is a candidate provider
    while the offer is chosen (`_set_choices`), so the conflict-of-interest check covers it."""
    casus = advies.casus
    check_may_draft(casus, actor=actor)
    _unknown(data)
    creating = advies.pk is None
    if creating:
        refusal = new_version_refusal(casus)
    else:  # judge the stored row: another request may have approved it meanwhile
        refusal = edit_refusal(Advies.objects.select_for_update().get(pk=advies.pk))
    if refusal:
        raise StateConflict(refusal)
    merged = {**_current(advies), **data}
    if not (merged.get("short_term_solution") or "").strip():
        # Clearing the solution clears its stored dates; dates sent along are still checked.
        for name in ("short_term_start_date", "short_term_end_date"):
            if name not in data:
                merged[name] = advies.__dict__[name] = None
    errors = content_errors(casus.team, merged)
    if errors:
        raise InvalidInput(errors=errors)
    if offers is not None:
        offers = list(offers)
        refusal = offer_refusal(casus.team, offers)
        if refusal:
            raise InvalidInput(errors={"offers": refusal})
    for name, value in data.items():
        setattr(advies, name, value.strip() if isinstance(value, str) else value)
    if not advies.status:
        advies.status = casus.team.advice_status_default
    if advies.status == casus.team.advice_status_default:
        advies.status_reason = ""
    _short_term_defaults(advies)
    if creating:
        top = casus.adviezen.aggregate(top=Max("version"))["top"] or 0
        advies.version = top + 1
        advies.drafted_by = advies.drafted_by or actor
        advies.save()
    else:
        advies.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
    if creating:
        before_offers = getattr(advies, "_copied_offers", None) or []
        before_providers = getattr(advies, "_copied_providers", None) or []
    else:
        before_offers = list(advies.chosen_offers.all())
        before_providers = list(advies.candidate_providers.all())
    _set_choices(
        advies,
        offers=before_offers if offers is None else offers,
        providers=before_providers if providers is None else providers,
        offers_before=before_offers,
    )
    log_case(request, casus, Action.CREATE if creating else Action.UPDATE, "advies opstellen")
    return advies


@transaction.atomic
def change_offer(advies: Advies, *, actor, offer, chosen: bool, request=None) -> Advies:
    """Add (`chosen`) or remove one offer of the social map on the draft, the picker's step;
    its organisation comes and goes with it as intended provider (`_set_choices`)."""
    check_may_draft(advies.casus, actor=actor)
    refusal = edit_refusal(Advies.objects.select_for_update().get(pk=advies.pk))
    if refusal:
        raise StateConflict(refusal)
    offers = list(advies.chosen_offers.all())
    if chosen and offer not in offers:
        refusal = offer_refusal(advies.casus.team, [offer])
        if refusal:
            raise InvalidInput(errors={"offers": refusal})
        if not offer.active:
            raise InvalidInput(errors={"offers": _("Dit aanbod is niet meer actief.")})
        new = [*offers, offer]
    elif not chosen:
        new = [o for o in offers if o.pk != offer.pk]
    else:
        return advies
    _set_choices(
        advies,
        offers=new,
        providers=list(advies.candidate_providers.all()),
        offers_before=offers,
    )
    log_case(request, advies.casus, Action.UPDATE, "advies opstellen")
    return advies


def _set_choices(advies: Advies, *, offers, providers, offers_before) -> None:
    """Store the chosen offers and the intended providers. The organisation of a chosen offer
    is an intended provider (the conflict-of-interest check covers it) for as long as the offer
    is chosen: an organisation that came with an offer that is no longer chosen goes with it.
    Organisations chosen apart from any offer stay."""
    derived = {o.organisation_id for o in offers}
    stale = {o.organisation_id for o in offers_before} - derived
    provider_ids = {getattr(p, "pk", p) for p in providers} - stale
    advies.chosen_offers.set(offers)
    advies.candidate_providers.set(provider_ids | derived)


def _unknown(data: dict) -> None:
    unknown = sorted(set(data) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidInput(errors={name: _("Onbekend veld.") for name in unknown})


def _current(advies: Advies) -> dict:
    return {name: getattr(advies, name) for name in (*CONTENT_FIELDS, "status", "status_reason")}


def _short_term_defaults(advies: Advies) -> None:
    if not (advies.short_term_solution or "").strip():
        advies.short_term_start_date = advies.short_term_end_date = None
        return
    advies.short_term_start_date = advies.short_term_start_date or timezone.localdate()
    if advies.short_term_end_date is None:
        months = advies.casus.team.short_term_solution_months
        advies.short_term_end_date = rules.short_term_end(advies.short_term_start_date, months)


# -- Approval and sending ---------------------------------------------------------------------


def approval_refusal(advies: Advies) -> str | None:
    """Why the chair cannot approve this version now, or None (capability checked apart)."""
    if advies.is_approved:
        return _("Dit advies is al goedgekeurd.")
    refusal = edit_refusal(advies)
    if refusal:
        return refusal
    if not (advies.most_fitting_care or "").strip():
        return _(
            "Vul eerst de meest passende zorg in; een leeg advies kan niet worden goedgekeurd."
        )
    errors = content_errors(advies.casus.team, _current(advies))
    if errors:
        return next(iter(errors.values()))
    open_flags = selectors.unresolved_conflicts(advies)
    if open_flags:
        names = "; ".join(f"{f.user} ({f.organisation})" for f in open_flags)
        return _(
            "Mogelijke belangenverstrengeling: %(names)s. De organisatie is beoogd aanbieder in "
            "dit advies. Leg eerst vast of de expert betrokken blijft of terugtreedt."
        ) % {"names": names}
    return None


@transaction.atomic
def approve_advice(advies: Advies, *, actor, request=None) -> Advies:
    check_may_approve(advies.casus, actor=actor)
    given, advies = advies, _fresh(advies)
    refusal = approval_refusal(advies)
    if refusal:
        raise StateConflict(refusal)
    advies.approved_by, advies.approved_at = actor, timezone.now()
    advies.save(update_fields=["approved_by", "approved_at", "updated_at"])
    _copy(advies, given, "approved_by", "approved_at")
    log_case(request, advies.casus, Action.UPDATE, "advies goedkeuren")
    return advies


def send_refusal(advies: Advies) -> str | None:
    """Why this version cannot be sent now, or None. Sending shares the case's information
    with the recipients: not without the consent case work needs."""
    if not advies.is_approved:
        return _("Het advies is nog niet goedgekeurd door de voorzitter.")
    if advies.is_sent:
        return _("Dit advies is al verstuurd.")
    if not selectors.is_latest(advies):
        return _("Er is een nieuwere versie van dit advies; verstuur die.")
    if advies.casus.state not in selectors.DRAFTING_STATES:
        return _(
            "Een advies versturen kan alleen als de casus in behandeling of heropend is "
            "(nu: %(state)s)."
        ) % {"state": CaseState(advies.casus.state).label}
    return case_work_refusal(advies.casus)


@transaction.atomic
def send_advice(advies: Advies, *, actor, request=None, recipients=None) -> Advies:
    """Record that the approved advice (the letter) went to its recipients, move the case to
    'advies uitgebracht' and plan the follow-up. A refused transition undoes everything."""
    check_may_send(advies.casus, actor=actor)
    given, advies = advies, _fresh(advies)
    refusal = send_refusal(advies)
    if refusal:
        raise StateConflict(refusal)
    if recipients is not None:
        chosen = set(recipients)
        if not chosen or not chosen <= set(RECIPIENTS):
            raise InvalidInput(
                errors={
                    "recipients": _(
                        "Kies aan wie het advies gaat: verwijzer, jeugdige en/of ouders."
                    )
                }
            )
        advies.to_referrer = "verwijzer" in chosen
        advies.to_young_person = "jeugdige" in chosen
        advies.to_parents = "ouders" in chosen
    advies.sent_by, advies.sent_at = actor, timezone.now()
    advies.save()
    case_services.transition(
        advies.casus,
        to=CaseState.ADVIES_UITGEBRACHT,
        actor=actor,
        reason=f"advies versie {advies.version} verstuurd ({AdviesStatus(advies.status).label})",
        request=request,
    )
    sent_on = timezone.localdate(advies.sent_at)
    Opvolging.objects.create(
        advies=advies, due_on=rules.follow_up_due(sent_on, advies.casus.team.follow_up_months)
    )
    _copy(advies, given, "sent_by", "sent_at", "to_referrer", "to_young_person", "to_parents")
    advies.casus.refresh_from_db()
    log_case(request, advies.casus, Action.UPDATE, "advies versturen")
    refresh_case(advies.casus)
    return advies


RECIPIENTS = ("verwijzer", "jeugdige", "ouders")


# -- Conflict of interest ---------------------------------------------------------------------


@transaction.atomic
def declare_interest(
    advies: Advies, *, actor, user, organisation, decision: str, explanation: str = "", request=None
) -> Belangenverklaring:
    """The flagged expert (or the chair on their behalf) confirms or steps back. Only an
    expert flagged for this advice (their organisation is a candidate provider) declares;
    stepping back removes the expert from the case's experts."""
    advies = _fresh(advies)
    casus = advies.casus
    _require(actor, Cap.VIEW_CASE_DATA, casus, _("Alleen teamleden leggen een belang vast."))
    if actor.pk != user.pk and not has_capability(actor, Cap.APPROVE_ADVICE, casus.team):
        raise NotAllowed(_("Alleen de expert zelf of de voorzitter legt deze keuze vast."))
    if decision not in Decision.values:
        raise InvalidInput(
            errors={"decision": _("Kies: betrokken blijven (belang gemeld) of terugtreden.")}
        )
    flagged = {(f.user.pk, f.organisation.pk) for f in selectors.conflict_flags(advies)}
    if (user.pk, organisation.pk) not in flagged:
        raise InvalidInput(
            errors={
                "user": _("Voor deze expert en organisatie is geen belangenverstrengeling gemeld.")
            }
        )
    if decision == Decision.BEVESTIGD and not explanation.strip():
        raise InvalidInput(
            errors={
                "explanation": _("Licht toe waarom de expert betrokken blijft ondanks het belang.")
            }
        )
    declaration = Belangenverklaring.objects.create(
        advies=advies,
        user=user,
        organisation=organisation,
        decision=decision,
        explanation=explanation.strip(),
        recorded_by=actor,
    )
    if decision == Decision.TERUGGETREDEN:
        casus.experts.remove(user)
    log_case(request, casus, Action.CREATE, f"belangenverstrengeling: {decision}")
    return declaration


# -- Clarification ----------------------------------------------------------------------------


@transaction.atomic
def ask_clarification(
    advies: Advies, *, actor, question: str, party: str = "", request=None
) -> Toelichtingsverzoek:
    """A party asks to explain the advice. The referrer asks for themselves; team members
    record a question that reached them (by phone, mail) with the party who asked."""
    advies = _fresh(advies)
    casus = advies.casus
    team_member = has_capability(actor, Cap.WORK_ON_CASES, casus.team)
    if not team_member and not is_referrer(actor, casus):
        raise NotAllowed(_("Alleen de verwijzer of het team legt een vraag om toelichting vast."))
    if not advies.is_sent:
        raise StateConflict(_("Om toelichting vragen kan pas als het advies is verstuurd."))
    if not question.strip():
        raise InvalidInput(errors={"question": _("Schrijf de vraag op.")})
    if not team_member:
        party = Party.VERWIJZER
    if party not in Party.values:
        raise InvalidInput(errors={"party": _("Kies wie om toelichting vraagt.")})
    verzoek = Toelichtingsverzoek.objects.create(
        advies=advies, asked_by=actor, party=party, question=question.strip()
    )
    log_case(request, casus, Action.CREATE, "toelichting op advies vragen")
    refresh_case(casus)
    return verzoek


@transaction.atomic
def answer_clarification(
    verzoek: Toelichtingsverzoek, *, actor, answer: str, request=None
) -> Toelichtingsverzoek:
    """The team explains its advice to the party who asked: information sharing, so not
    without the consent case work needs."""
    casus = verzoek.advies.casus
    check_may_answer(casus, actor=actor)
    if verzoek.answered_at is not None:
        raise StateConflict(_("Deze vraag is al beantwoord."))
    if verzoek.withdrawn_at is not None:
        raise StateConflict(_("Deze vraag is ingetrokken bij het afsluiten van de casus."))
    require_consent_for_case_work(casus)
    if not answer.strip():
        raise InvalidInput(errors={"answer": _("Schrijf het antwoord op.")})
    verzoek.answer, verzoek.answered_by, verzoek.answered_at = answer.strip(), actor, timezone.now()
    verzoek.save(update_fields=["answer", "answered_by", "answered_at"])
    log_case(request, casus, Action.UPDATE, "toelichting op advies geven")
    return verzoek


def open_clarifications(casus):
    """The clarification requests on the case's advice not yet answered nor withdrawn."""
    return Toelichtingsverzoek.objects.filter(
        advies__casus=casus, answered_at__isnull=True, withdrawn_at__isnull=True
    ).order_by("asked_at", "id")


@transaction.atomic
def withdraw_open_clarifications(casus, *, actor, request=None) -> int:
    """At closing: the unanswered requests are withdrawn (the closing service checks the
    right to close). Returns how many."""
    count = open_clarifications(casus).update(withdrawn_at=timezone.now(), withdrawn_by=actor)
    if count:
        log_case(request, casus, Action.UPDATE, "toelichting op advies intrekken")
    return count
