"""Synthetic plannen van aanpak, escalaties, regiegesprekken and toekomstplannen.

``populate_procesregie(cases, rng, today)`` works on the demo cases the team took on (state
in_behandeling or later): goals on the short, medium and long term with actions owned by team
members (or someone outside the team), dated from the in_behandeling transition. Open cases
keep some actions past their deadline, so 'te laat' and 'Mijn acties' show something; closed
cases have their actions done or lapsed. A minority is escalated (mostly to the expert team or
the bovenregionaal expertisecentrum, some to the CCE) with an outcome, some have structured
regiegesprekken, and some young people of 16.5+ in closed youth care get a toekomstplan (not
all: the 16.5 alert must stay visible). Demo data construction only: rows are written
directly, checked against the same rules as the services, and backdated.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Cap, roles_with
from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.procesregie import casusregie
from passend.procesregie.codes import (
    DOUBLE_CHECK_FIELDS,
    ActionStatus,
    ArrangementStatus,
    FutureDomain,
    Level,
    is_escalation,
)
from passend.procesregie.models import (
    Actie,
    Doel,
    Escalatie,
    Regiegesprek,
    Toekomstplan,
    ToekomstplanRegel,
)

S = CaseState
STATES = {S.IN_BEHANDELING, S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND}

GOALS = {
    "kort": [
        (
            "Binnen twee weken een veilige, vaste slaapplek.",
            [
                "Crisisplek aanvragen bij de regionale crisisdienst.",
                "Netwerk in kaart brengen: wie kan tijdelijk opvangen?",
            ],
        ),
        (
            "Rust in huis: ouders weten wat te doen bij escalatie.",
            [
                "Signaleringsplan opstellen met ouders en jeugdige.",
                "Afspraak ambulant spoedteam voor avonden en weekend.",
            ],
        ),
        (
            "De jeugdige gaat weer twee ochtenden per week naar school.",
            ["Overleg met leerplicht en zorgcoördinator school.", "Vervoer naar school regelen."],
        ),
    ],
    "middellang": [
        (
            "Eén gezamenlijk plan: aanbieders werken vanuit één behandelplan.",
            [
                "Rondetafel met alle aanbieders plannen.",
                "Regiebehandelaar aanwijzen en vastleggen.",
            ],
        ),
        (
            "Passende dagbesteding die aansluit bij de interesses van de jeugdige.",
            [
                "Proefplaatsing zorgboerderij bespreken met de jeugdige.",
                "Financiering maatwerk aanvragen bij de gemeente.",
            ],
        ),
        (
            "Diagnostiek afgerond en besproken met ouders en jeugdige.",
            [
                "Aanmelding diagnostiek bij gespecialiseerde aanbieder.",
                "Terugkoppelgesprek plannen.",
            ],
        ),
    ],
    "lang": [
        (
            "Duurzaam thuis wonen, of zo thuis mogelijk in de eigen regio.",
            ["Gezinshuis in de regio verkennen.", "Afspraken over terugkeer naar huis vastleggen."],
        ),
        (
            "Een stabiele overgang naar 18+: wonen, inkomen en begeleiding geregeld.",
            ["Verlengde jeugdhulp bespreken met de GI.", "Aanvraag Wmo-begeleiding voorbereiden."],
        ),
        (
            "Terug naar passend onderwijs met een diploma als doel.",
            [
                "Onderwijszorgarrangement aanvragen bij het samenwerkingsverband.",
                "Leerroute bespreken met de jeugdige.",
            ],
        ),
    ],
}
EXTERNAL_OWNERS = [
    "Casusregisseur GI (Jeugdbescherming Duinland, fictief)",
    "Wijkteam, gezinscoach",
    "Zorgcoördinator school",
    "Regiebehandelaar jeugd-GGZ",
    "Consulent gemeente",
]
ESCALATIONS = [
    (Level.CASUSREGISSEUR, Level.EXPERTTEAM, 8),
    (Level.PROCESREGISSEUR, Level.EXPERTTEAM, 3),
    (Level.EXPERTTEAM, Level.BOVENREGIONAAL, 6),
    (Level.PROCESREGISSEUR, Level.BOVENREGIONAAL, 2),
    (Level.EXPERTTEAM, Level.CCE, 3),
    (Level.BOVENREGIONAAL, Level.LANDELIJK, 1),
]
REASONS = [
    "Geen aanbieder bereid de jeugdige op te nemen; wachtlijsten bij alle passende plekken.",
    "Aanbieders en gemeente komen niet tot overeenstemming over de financiering van maatwerk.",
    "Vastgelopen samenwerking: partijen verwijzen naar elkaar en niemand neemt de regie.",
    "Specifieke expertise (LVB in combinatie met trauma) is in de regio niet beschikbaar.",
]
OUTCOMES = [
    "Maatwerkarrangement van twee aanbieders, gefinancierd door het expertisecentrum.",
    "Consultatie gegeven; het advies is meegenomen in het plan van aanpak.",
    "Plek gevonden buiten de regio, met afspraken over terugkeer.",
    "Gezamenlijke financiering afgesproken tussen gemeente en zorgkantoor.",
]
MEETING = {
    "participants": "Jeugdige, moeder, casusregisseur GI, twee aanbieders, procesregisseur",
    "voorbereiding": "Tijdlijn en eerdere adviezen gedeeld; jeugdige vooraf gesproken over "
    "wat zij wil inbrengen.",
    "beeldvorming": "Iedereen ziet dat de jeugdige vastloopt op wisselingen; zij wil vooral "
    "een vaste plek en één aanspreekpunt.",
    "oordeelsvorming": "Losse trajecten werken niet; nodig is één plan met één regiebehandelaar.",
    "besluitvorming": "Gezamenlijk plan van aanpak; aanbieder A neemt de regiebehandeling op "
    "zich, acties vastgelegd.",
}
SUPPORT = {
    FutureDomain.WONEN: ("Mentor van de groep en casusregisseur", "Aanmelding kamertraining"),
    FutureDomain.ONDERWIJS_WERK: ("Trajectbegeleider school", "Stage in de techniek gezocht"),
    FutureDomain.FINANCIEN: ("Bewindvoerder (aanvraag loopt)", "Bankrekening en budgetplan"),
    FutureDomain.GEZONDHEID: ("Regiebehandelaar", "Overdracht naar volwassenen-GGZ"),
    FutureDomain.NETWERK: ("Tante en voetbaltrainer", "Vaste afspraak elk weekend"),
    FutureDomain.PRAKTISCH: ("Mentor", "ID-kaart, DigiD en zorgverzekering"),
    FutureDomain.JURIDISCH: ("GI", "Mentorschap besproken met de kantonrechter"),
    FutureDomain.VERVOLGZORG: ("Consulent gemeente", "Verlengde jeugdhulp aangevraagd"),
}


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _workers(casus: Casus, cache: dict) -> list:
    if casus.team_id not in cache:
        memberships = Membership.objects.filter(
            team=casus.team_id, active=True, role__in=roles_with(Cap.WORK_ON_CASES)
        ).select_related("user")
        cache[casus.team_id] = sorted({m.user for m in memberships}, key=lambda u: u.username)
    return cache[casus.team_id]


def _plan(casus, rng, today, start: dt.date, end: dt.date, closed: bool, workers, directors):
    """Goals and actions of one case; actions are dated within [start, end]."""
    goals, actions = [], []
    span = max((end - start).days, 1)
    for order, term in enumerate(("kort", "middellang", "lang"), start=1):
        if term == "lang" and rng.random() < 0.3:
            continue
        text, action_texts = rng.choice(GOALS[term])
        created = start + dt.timedelta(days=rng.randint(0, min(span, 14)))
        achieved = None
        if closed and (term == "kort" or rng.random() < 0.4):
            achieved = min(end, created + dt.timedelta(days=rng.randint(14, 90)))
        goal = Doel(
            casus=casus,
            term=term,
            description=text,
            order=order,
            achieved_on=achieved,
            created_by=rng.choice(directors),
            created_at=_aware(created, rng),
        )
        goals.append(goal)
        for action_text in action_texts[: rng.randint(1, 2)]:
            deadline = created + dt.timedelta(days=rng.choice([7, 14, 21, 28, 42]))
            external = rng.random() < 0.25
            action = Actie(
                casus=casus,
                goal=goal,
                description=action_text,
                owner=None if external else rng.choice(workers),
                owner_name=rng.choice(EXTERNAL_OWNERS) if external else None,
                deadline=deadline,
                created_by=goal.created_by,
                created_at=goal.created_at,
            )
            if closed:
                action.status = rng.choice([ActionStatus.GEDAAN] * 5 + [ActionStatus.VERVALLEN])
            elif deadline < today:
                action.status = (
                    ActionStatus.GEDAAN
                    if rng.random() < 0.55
                    else rng.choice([ActionStatus.OPEN, ActionStatus.BEZIG])
                )
            else:
                action.status = rng.choice([ActionStatus.OPEN, ActionStatus.BEZIG])
            if action.status == ActionStatus.GEDAAN:
                late = rng.randint(-5, 10)
                action.done_on = min(deadline + dt.timedelta(days=late), end, today)
                action.done_on = max(action.done_on, created)
            actions.append(action)
    return goals, actions


def _escalation(casus, rng, today, start: dt.date, end: dt.date, directors) -> Escalatie:
    weights = [w for _f, _t, w in ESCALATIONS]
    from_level, to_level, _w = rng.choices(ESCALATIONS, weights=weights)[0]
    assert is_escalation(from_level, to_level)
    day = start + dt.timedelta(days=rng.randint(0, max((end - start).days // 2, 0)))
    escalation = Escalatie(
        casus=casus,
        from_level=from_level,
        to_level=to_level,
        reason=rng.choice(REASONS),
        escalated_on=day,
        created_by=rng.choice(directors),
        created_at=_aware(day, rng),
    )
    outcome_on = day + dt.timedelta(days=rng.randint(10, 60))
    if outcome_on <= min(end, today) and rng.random() < 0.85:
        escalation.outcome, escalation.outcome_on = rng.choice(OUTCOMES), outcome_on
    return escalation


def _toekomstplan(casus, rng, today, workers) -> tuple[Toekomstplan, list]:
    due = casusregie.half_year_birthday(casus.birth_date, casusregie.TOEKOMSTPLAN_AGE, half=True)
    made = max(due - dt.timedelta(days=rng.randint(0, 60)), today - dt.timedelta(days=120))
    plan = Toekomstplan(
        casus=casus,
        dream=rng.choice(
            [
                "Op mezelf wonen en koken leren.",
                "Automonteur worden.",
                "Dichtbij mijn zus wonen en werken met dieren.",
            ]
        ),
        treatment_plan="Behandelplan van de gesloten instelling; evaluatie elke zes weken.",
        created_by=rng.choice(workers),
        created_at=_aware(min(made, today), rng),
    )
    for name in DOUBLE_CHECK_FIELDS:
        setattr(plan, name, rng.choice(["ja", "ja", "nee", ""]))
    rows = [
        ToekomstplanRegel(
            toekomstplan=plan,
            domain=domain,
            supporter=who,
            arrangement=what,
            status=rng.choice(list(ArrangementStatus)),
        )
        for domain, (who, what) in SUPPORT.items()
        if rng.random() < 0.8
    ]
    return plan, rows


def populate_procesregie(cases: list[Casus], rng: random.Random, today: dt.date) -> int:
    """Plannen van aanpak, escalations, meetings and toekomstplannen; returns the number of
    actions created."""
    cache: dict = {}
    goals, actions, escalations, meetings, plans, rows = [], [], [], [], [], []
    for casus in cases:
        if casus.state not in STATES:
            continue
        transitions = sorted(casus.transitions.all(), key=lambda t: (t.at, t.pk))
        entry = next((t for t in transitions if t.to_state == S.IN_BEHANDELING), None)
        workers = _workers(casus, cache)
        if entry is None or not workers:
            continue
        directors = [u for u in (casus.procesregisseur, casus.casushouder) if u] or workers
        start = timezone.localdate(entry.at)
        closed = casus.state == S.AFGESLOTEN
        closing = [t for t in transitions if t.to_state == S.AFGESLOTEN]
        end = timezone.localdate(closing[-1].at) if closed and closing else today
        end = max(end, start)
        case_goals, case_actions = _plan(casus, rng, today, start, end, closed, workers, directors)
        goals += case_goals
        actions += case_actions
        if rng.random() < 0.22:
            escalations.append(_escalation(casus, rng, today, start, end, directors))
        if rng.random() < 0.3:
            day = start + dt.timedelta(days=rng.randint(3, max(4, min(40, (end - start).days))))
            day = min(day, end, today)
            meetings.append(
                Regiegesprek(
                    casus=casus,
                    held_on=day,
                    created_by=rng.choice(directors),
                    created_at=_aware(day, rng),
                    **MEETING,
                )
            )
        if casus.in_closed_youth_care and casus.birth_date and rng.random() < 0.6:
            alerts = casusregie.age_alerts(
                birth_date=casus.birth_date,
                on=today,
                in_closed_youth_care=True,
                has_toekomstplan=False,
            )
            if any(a == casusregie.AgeAlert.TOEKOMSTPLAN_NODIG for a, _d, _m in alerts):
                plan, plan_rows = _toekomstplan(casus, rng, today, workers)
                plans.append(plan)
                rows += plan_rows
    Doel.objects.bulk_create(goals)
    for action in actions:
        action.goal_id = action.goal.pk
    Actie.objects.bulk_create(actions)
    Escalatie.objects.bulk_create(escalations)
    Regiegesprek.objects.bulk_create(meetings)
    Toekomstplan.objects.bulk_create(plans)
    for row in rows:
        row.toekomstplan_id = row.toekomstplan.pk
    ToekomstplanRegel.objects.bulk_create(rows)
    for plan in plans:  # auto_now stamped the time of loading
        Toekomstplan.objects.filter(pk=plan.pk).update(updated_at=plan.created_at)
    return len(actions)
