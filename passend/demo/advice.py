"""Synthetic advices for the demo cases (advice module, issue 4).

For cases that reached 'advies uitgebracht' (also later closed, in follow-up or reopened): an
advice drafted by a team member, approved by the team's voorzitter and sent at the moment of
the case's advies_uitgebracht transition; some with a short-term solution (a few ending soon),
candidate providers from the region, a few conflict-of-interest declarations, follow-ups done
at the follow_up transition, and clarification requests (some still open). Some cases in
behandeling get a draft or an approved, not yet sent advice.

Deterministic for a ``random.Random``; written straight to the tables with backdated
timestamps (demo data construction only). Idempotent: cases with an advice are skipped.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.advice import rules, selectors
from passend.advice.models import (
    Advies,
    Belangenverklaring,
    Decision,
    ImplementationStatus,
    Opvolging,
    Party,
    Toelichtingsverzoek,
)
from passend.cases.codes import CaseState
from passend.cases.consent_rules import age_on
from passend.regions.models import Organisation, OrganisationType
from passend.socialmap.models import Aanbod

S = CaseState
SENT_STATES = {S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND}
PROVIDER_TYPES = (OrganisationType.ZORGAANBIEDER, OrganisationType.EXPERTISECENTRUM)

CARE = [
    "Intensieve ambulante gezinsbehandeling thuis (3 dagdelen per week) met één vaste "
    "gezinsbehandelaar, gericht op rust en voorspelbaarheid in huis.",
    "Een kleinschalige gezinshuisplek dicht bij de huidige school, zodat vriendschappen en "
    "school blijven. Contact met ouders elke week.",
    "Dagbehandeling voor jongeren met een licht verstandelijke beperking, gecombineerd met "
    "begeleiding van ouders bij het opvoeden.",
    "Specialistische ggz-behandeling voor trauma (EMDR), en daarnaast een vaste mentor op school.",
    "Begeleid wonen voor 16+ met een vast aanspreekpunt, en een plan voor werk of opleiding.",
    "Behandeling en verblijf op een open groep, met een duidelijk perspectief op terugkeer "
    "naar huis.",
]
ORDER = [
    "Eerst rust in huis: de gezinsbehandeling start binnen twee weken. Daarna de "
    "dagbehandeling, uiterlijk binnen zes weken.",
    "Eerst de diagnostiek afronden (binnen vier weken), dan pas een plaatsing kiezen.",
    "Direct starten met de ondersteuning van ouders; de behandeling van de jeugdige volgt "
    "zodra er een plek vrij is.",
]
ROUTES = [
    "Het wijkteam verwijst; de gemeente geeft de beschikking af binnen vijf werkdagen.",
    "Via de huisarts naar de specialistische ggz; het expertteam belt de aanbieder vooraf.",
    "De gecertificeerde instelling regelt de plaatsing; de gemeente zorgt voor de financiering.",
]
BRIDGING = [
    "Tot de behandeling start komt de jeugdconsulent elke week langs. Ouders kunnen bij "
    "zorgen de crisisdienst bellen.",
    "Een ervaringsdeskundige ondersteunt het gezin in de wachttijd.",
    "Logeren in het weekend bij het netwerk (oma) om het gezin te ontlasten.",
]
COMPLEMENTARY = [
    "Na de behandeling: een steunfiguur uit het netwerk en schoolmaatschappelijk werk.",
    "Naast de behandeling: begeleiding op school via het samenwerkingsverband.",
]
LONG_TERM = [
    "Over een jaar woont de jeugdige weer thuis of in een vaste woonvorm, en gaat elke dag "
    "naar school.",
    "Op weg naar zelfstandig wonen vanaf 18 jaar, met verlengde jeugdhulp waar nodig.",
]
SCENARIOS = [
    (
        "Gezinsbehandeling thuis werkt: afbouwen na zes maanden.",
        "Lukt het thuis niet: een gezinshuis in de regio.",
        "Is er geen gezinshuis: een open groep, met een maximale duur van zes maanden.",
    ),
    (
        "Dagbehandeling en school naast elkaar.",
        "Geen plek in de dagbehandeling: intensieve ambulante hulp op school.",
        "",
    ),
]
SHORT_TERM = [
    "Drie nachten per week logeren bij een logeerhuis, zodat ouders op adem komen.",
    "Tijdelijke één-op-één begeleiding op school, twee uur per dag.",
    "Tijdelijke plek op een crisis-vervolggroep tot de gezinshuisplek vrij is.",
]
WHO_PAYS = [
    "De woongemeente betaalt uit de Jeugdwet (maatwerkarrangement).",
    "De gemeente betaalt de behandeling; het onderwijsdeel betaalt het samenwerkingsverband.",
]
QUESTIONS = [
    "Wat gebeurt er als er na drie maanden nog geen vaste plek is?",
    "Mag mijn zoon zelf meebeslissen over het gezinshuis?",
    "Wie betaalt het vervoer naar de dagbehandeling?",
    "Wat bedoelt het team met 'afbouwen'?",
]
ANSWERS = [
    "Dan komt het expertteam opnieuw bij elkaar en kiezen we samen plan B.",
    "Ja. Hij gaat eerst kijken en zegt daarna wat hij ervan vindt.",
    "De gemeente betaalt het vervoer; het wijkteam regelt dat.",
]
IMPLEMENTATION = {
    ImplementationStatus.VOLLEDIG: 35,
    ImplementationStatus.IN_DE_GEEST: 25,
    ImplementationStatus.COMPROMIS: 20,
    ImplementationStatus.NIET_GEACCEPTEERD: 10,
    ImplementationStatus.NIET_BEREID: 10,
}


def _team_members(team) -> dict[str, list]:
    members: dict[str, list] = {}
    for m in Membership.objects.filter(team=team, active=True).select_related("user"):
        members.setdefault(m.role, []).append(m)
    return members


def _transition_at(casus, state):
    entry = casus.transitions.filter(to_state=state).order_by("at").first()
    return entry.at if entry else None


def _age(casus, moment) -> int | None:
    if casus.birth_date is None or moment is None:
        return None
    return age_on(casus.birth_date, moment.date())


def _fits(text: str, age: int | None) -> bool:
    """Texts about 16+ or turning 18 only for young people of 15 and older."""
    return age is None or age >= 15 or not ("16+" in text or "18 jaar" in text)


def _content(rng: random.Random, age: int | None = None) -> dict:
    a, b, c = rng.choice(SCENARIOS)
    return {
        "most_fitting_care": rng.choice([t for t in CARE if _fits(t, age)]),
        "order_and_speed": rng.choice(ORDER),
        "routes": rng.choice(ROUTES),
        "bridging_waiting_time": rng.choice(BRIDGING),
        "complementary_care": rng.choice(COMPLEMENTARY),
        "long_term_perspective": rng.choice([t for t in LONG_TERM if _fits(t, age)]),
        "scenario_a": a,
        "scenario_b": b,
        "scenario_c": c,
        "financing_who_pays": rng.choice(WHO_PAYS),
        "financing_contract": rng.choice(["Raamcontract regio", "Maatwerkcontract", ""]),
    }


def _new(casus, rng, version, drafter, created_at, providers, team, *, short_term_on=None):
    advies = Advies.objects.create(
        casus=casus,
        version=version,
        status=team.advice_status_default,
        drafted_by=drafter,
        created_at=created_at,
        **_content(rng, _age(casus, created_at)),
    )
    if rng.random() < 0.1:
        advies.double_indication = True
        advies.double_indication_note = "Jeugdwet en Wlz lopen naast elkaar tot de overgang."
    if short_term_on is not None:
        advies.short_term_solution = rng.choice(SHORT_TERM)
        advies.short_term_start_date = short_term_on
        advies.short_term_end_date = rules.short_term_end(
            short_term_on, team.short_term_solution_months
        )
    advies.save()
    advies.candidate_providers.set(providers)
    return advies


def _declare(rng, advies, members, casus, at) -> int:
    """A team expert whose organisation is among the candidate providers decides."""
    experts = [m for m in members.get(Role.TEAMLID, []) if m.organisation_id]
    if not experts:
        return 0
    member = rng.choice(experts)
    advies.candidate_providers.add(member.organisation)
    casus.experts.add(member.user)
    stepped_back = rng.random() < 0.35
    Belangenverklaring.objects.create(
        advies=advies,
        user=member.user,
        organisation=member.organisation,
        decision=Decision.TERUGGETREDEN if stepped_back else Decision.BEVESTIGD,
        explanation=""
        if stepped_back
        else "Belang gemeld in het overleg; beslist niet mee "
        "over de plaatsing bij de eigen organisatie.",
        recorded_by=member.user,
        at=at,
    )
    if stepped_back:
        casus.experts.remove(member.user)
    return 1


def _choose_offers(pick: random.Random, advies, casus, offers: list) -> None:
    """1–2 offers from the map for a sent advice, preferring offers that share a life domain
    with the case; never one of an involved expert's own organisation (no new conflict on an
    advice that was already approved). The organisations become candidate providers."""
    if not offers or pick.random() >= 0.6:
        return
    own = {org for _user, org in selectors.involved_experts(advies) if org}
    domains = set(casus.life_domains.values_list("pk", flat=True))
    allowed = [o for o in offers if o.organisation_id not in own]
    fitting = [o for o in allowed if domains & o.domain_ids] or allowed
    chosen = pick.sample(fitting, k=min(len(fitting), pick.randint(1, 2)))
    advies.chosen_offers.set(chosen)
    advies.candidate_providers.add(*{o.organisation_id for o in chosen})


def _region_offers(region_id) -> list:
    offers = list(
        Aanbod.objects.filter(organisation__regions=region_id, active=True)
        .distinct()
        .prefetch_related("life_domains")
        .order_by("organisation__name", "name")
    )
    for offer in offers:
        offer.domain_ids = {d.pk for d in offer.life_domains.all()}
    return offers


@transaction.atomic
def populate_advice(cases, rng: random.Random, today: dt.date) -> int:
    """Create advices for demo cases; returns the number of advices created."""
    now = timezone.now()
    created = 0
    members_by_team: dict[int, dict] = {}
    providers_by_region: dict[int, list] = {}
    offers_by_region: dict[int, list] = {}
    pick = random.Random(7)  # noqa: S311 - own stream for offers, so rng draws stay the same
    for casus in cases:
        if casus.state not in SENT_STATES | {S.IN_BEHANDELING} or casus.adviezen.exists():
            continue
        team = casus.team
        members = members_by_team.setdefault(team.pk, _team_members(team))
        chairs = members.get(Role.VOORZITTER, [])
        drafters = members.get(Role.TEAMLID, []) + members.get(Role.PROCESREGISSEUR, [])
        if not chairs or not drafters:
            continue
        chair = chairs[0].user
        providers = providers_by_region.setdefault(
            team.region_id,
            list(Organisation.objects.filter(regions=team.region_id, type__in=PROVIDER_TYPES)),
        )
        chosen = rng.sample(providers, k=min(len(providers), rng.randint(1, 2)))
        drafter = rng.choice(drafters).user
        if casus.state == S.IN_BEHANDELING:
            started = _transition_at(casus, S.IN_BEHANDELING) or casus.registered_at
            roll = rng.random()
            if roll >= 0.4:
                continue
            created_at = min(started + dt.timedelta(days=rng.randint(10, 40)), now)
            advies = _new(casus, rng, 1, drafter, created_at, chosen, team)
            if roll < 0.12:  # approved, not yet sent
                advies.approved_by = chair
                advies.approved_at = min(created_at + dt.timedelta(days=rng.randint(1, 5)), now)
                advies.save(update_fields=["approved_by", "approved_at"])
            created += 1
            continue
        sent_at = _transition_at(casus, S.ADVIES_UITGEBRACHT)
        if sent_at is None:  # closed without an advice
            continue
        approved_at = sent_at - dt.timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 5))
        created_at = approved_at - dt.timedelta(days=rng.randint(3, 12))
        sent_on = timezone.localdate(sent_at)
        short_term_on = sent_on if rng.random() < 0.4 else None
        advies = _new(casus, rng, 1, drafter, created_at, chosen, team, short_term_on=short_term_on)
        active = casus.state in (S.ADVIES_UITGEBRACHT, S.FOLLOW_UP)
        if short_term_on and active and rng.random() < 0.35:  # ending soon: on the work list
            end = today + dt.timedelta(days=rng.randint(-5, 12))
            advies.short_term_end_date = max(end, sent_on + dt.timedelta(days=30))
        if rng.random() < 0.15:
            created_at_decl = created_at + dt.timedelta(days=1)
            _declare(rng, advies, members, casus, created_at_decl)
        offers = offers_by_region.setdefault(team.region_id, _region_offers(team.region_id))
        _choose_offers(pick, advies, casus, offers)
        advies.approved_by, advies.approved_at = chair, approved_at
        advies.sent_by, advies.sent_at = chair, sent_at
        advies.to_referrer = True
        advies.to_young_person = rng.random() < 0.8
        advies.to_parents = rng.random() < 0.95
        follow_up_at = _transition_at(casus, S.FOLLOW_UP)
        due = rules.follow_up_due(sent_on, team.follow_up_months)
        follow_up = Opvolging(advies=advies, due_on=due, created_at=sent_at)
        if follow_up_at is not None:
            status = rng.choices(list(IMPLEMENTATION), weights=list(IMPLEMENTATION.values()))[0]
            follow_up.done_on = timezone.localdate(follow_up_at)
            follow_up.done_by = casus.procesregisseur or chair
            follow_up.implementation_status = status
            follow_up.in_fitting_place = (
                status
                in (
                    ImplementationStatus.VOLLEDIG,
                    ImplementationStatus.IN_DE_GEEST,
                )
                and rng.random() < 0.8
            )
            follow_up.notes = rng.choice(
                [
                    "Hulp is gestart zoals geadviseerd; het gaat rustiger thuis.",
                    "Aanbieder had een wachtlijst; gekozen voor een vergelijkbare plek.",
                    "Aanbieder wilde de jeugdige niet opnemen; opnieuw met de gemeente in gesprek.",
                    "Deels uitgevoerd: school loopt, behandeling start volgende maand.",
                ]
            )
            advies.implementation_status = status
        advies.save()
        follow_up.save()
        if rng.random() < 0.25:
            asked = sent_at + dt.timedelta(days=rng.randint(3, 20))
            if asked < now:
                verzoek = Toelichtingsverzoek(
                    advies=advies,
                    asked_by=casus.aanmelder if rng.random() < 0.5 else None,
                    party=rng.choice(
                        [Party.VERWIJZER, Party.OUDER, Party.JEUGDIGE, Party.AANBIEDER]
                    ),
                    question=rng.choice(QUESTIONS),
                    asked_at=asked,
                )
                if verzoek.asked_by is not None:
                    verzoek.party = Party.VERWIJZER
                answered = asked + dt.timedelta(days=rng.randint(1, 7))
                if rng.random() < 0.7 and answered < now:
                    verzoek.answer = rng.choice(ANSWERS)
                    verzoek.answered_by = drafter
                    verzoek.answered_at = answered
                verzoek.save()
        created += 1
        if casus.state == S.HEROPEND and rng.random() < 0.5:
            reopened = _transition_at(casus, S.HEROPEND) or now
            later = min(reopened + dt.timedelta(days=rng.randint(5, 20)), now)
            _new(casus, rng, 2, drafter, later, chosen, team)
            created += 1
    return created
