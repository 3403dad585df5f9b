"""Demo cases after screening: the steps after 'in behandeling' and the case-work facts.

A demo case whose final state lies after 'in behandeling' (advies uitgebracht, follow-up,
afgesloten, heropend) is first screened like any other case (``passend.demo.cases``). Its later
history is planned here from the same ``random.Random`` and written as status entries with
plausible dates: advice 4–12 weeks after the start, follow-up at the team's follow-up term,
closure weeks to months later. The advice module's demo then creates the sent advice at the
moment of the 'advies uitgebracht' entry, so the workflow guard's condition holds in the data.
"""

from __future__ import annotations

import datetime as dt
import random

from passend.cases.codes import CaseState, ClosureOutcome, ConsultationType
from passend.cases.models import Casus, Statuswijziging

S = CaseState
LATER_STATES = (S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND)
# Paths from 'in behandeling' to each final state.
PATHS = {
    S.ADVIES_UITGEBRACHT: [S.ADVIES_UITGEBRACHT],
    S.FOLLOW_UP: [S.ADVIES_UITGEBRACHT, S.FOLLOW_UP],
    S.AFGESLOTEN: [S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN],
    S.HEROPEND: [S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND],
}
# Days after the previous step (low, high).
STEP_DAYS = {
    S.ADVIES_UITGEBRACHT: (21, 84),
    S.FOLLOW_UP: (55, 70),
    S.AFGESLOTEN: (14, 150),
    S.HEROPEND: (30, 160),
}
STEP_REASONS = {
    S.ADVIES_UITGEBRACHT: ["Advies goedgekeurd door de voorzitter en verstuurd."],
    S.FOLLOW_UP: [
        "Follow-up na twee maanden: uitvoering van het advies nagevraagd.",
        "Follow-up gestart met casushouder en gezin.",
    ],
    S.HEROPEND: [
        "De plek viel weg; het gezin meldt zich opnieuw.",
        "Het advies bleek niet uitvoerbaar; aanbieder trok zich terug.",
    ],
}
ACTOR = {
    S.ADVIES_UITGEBRACHT: "voorzitter",
    S.FOLLOW_UP: "procesregisseur",
    S.AFGESLOTEN: "procesregisseur",
    S.HEROPEND: "procesregisseur",
}
OUTCOME_WEIGHTS = {
    ClosureOutcome.PASSENDE_PLEK: 55,
    ClosureOutcome.UITHUISPLAATSING_VOORKOMEN: 15,
    ClosureOutcome.UITSTROOM_ZWAARDER: 10,
    ClosureOutcome.CRISISPLAATSING: 8,
    ClosureOutcome.OVERIG: 12,
}
OTHER_REASONS = [
    "Gezin verhuisd naar een andere regio; overgedragen aan het expertteam daar.",
    "Jeugdige en ouders willen geen verdere betrokkenheid van het team.",
    "Vraag opgelost via het onderwijs (maatwerkplek op school).",
]
YOUTH_WISHES = [
    "Gewoon weer naar school, en vrienden hebben.",
    "Thuis wonen, maar dan zonder ruzie.",
    "Een plek waar ik mag blijven, niet steeds weer verhuizen.",
    "Dat iemand naar mij luistert en niet alleen naar mijn ouders.",
    "Een eigen kamer en later een opleiding in de zorg.",
    "Mijn broertje vaker zien.",
]
YOUTH_STRUGGLES = [
    "Ik word snel boos en dan weet ik niet wat ik doe.",
    "Elke keer een nieuwe hulpverlener, ik moet alles steeds opnieuw vertellen.",
    "Op school snappen ze niet dat ik prikkels niet aankan.",
    "Ik slaap slecht en heb geen zin om de deur uit te gaan.",
    "Als ik 18 word weet ik niet waar ik moet wonen.",
]
FAMILY_WISHES = [
    "Rust in huis en hulp die blijft, ook als het even slecht gaat.",
    "Eén vast aanspreekpunt in plaats van vijf instanties.",
    "Dat onze zoon een dagbesteding krijgt die bij hem past.",
    "Weten wat er na de wachtlijst gebeurt, en hulp in de tussentijd.",
]


def plan_later_steps(rng: random.Random, start: dt.datetime, final: str, cap: dt.datetime):
    """Steps after 'in behandeling' for ``final``, as (state, at, reason, actor role), all
    before ``cap``; and the closure fields when the case closed on the way."""
    steps, at = [], start
    room = (cap - start).total_seconds() * 0.9
    path = PATHS[final]
    spans = [rng.uniform(*STEP_DAYS[s]) * 86400 for s in path]
    if sum(spans) > room:  # recent: compress, keep the order
        spans = [x * room / sum(spans) for x in spans]
    closure = {}
    for state, seconds in zip(path, spans, strict=True):
        previous = at
        at = at + dt.timedelta(seconds=max(int(seconds), 3600))
        office = at.replace(hour=rng.randint(7, 15), minute=rng.randint(0, 59))  # UTC: 8–17 h
        at = office if previous < office < cap else at
        if state == S.AFGESLOTEN:
            outcome = rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0]
            closure = {"closure_outcome": outcome, "closure_reason": ""}
            if outcome == ClosureOutcome.PASSENDE_PLEK:
                closure["fitting_place_on"] = (at - dt.timedelta(days=rng.randint(1, 20))).date()
            if outcome == ClosureOutcome.OVERIG:
                closure["closure_reason"] = rng.choice(OTHER_REASONS)
            reason = str(ClosureOutcome(outcome).label)
            if closure.get("fitting_place_on"):
                reason += f" op {closure['fitting_place_on']:%d-%m-%Y}"
            if closure["closure_reason"]:
                reason += f": {closure['closure_reason']}"
        else:
            reason = rng.choice(STEP_REASONS[state])
        steps.append((state, at, reason, ACTOR[state]))
    if final == S.HEROPEND:
        closure = {}  # reopening clears the outcome; the history keeps it
    return steps, closure


def case_work_fields(rng: random.Random, age: int, framework: str) -> dict:
    """Perspectief, consultation type and the casusregie facts of a case under treatment."""
    fields = {
        "consultation_type": rng.choice(
            [ConsultationType.CONSULTATIE] * 2 + [ConsultationType.ADVIES]
        ),
        "youth_wish": rng.choice(YOUTH_WISHES) if age >= 6 else "",
        "youth_struggle": rng.choice([t for t in YOUTH_STRUGGLES if age >= 15 or "18" not in t])
        if age >= 8
        else "",
        "family_wish": rng.choice(FAMILY_WISHES),
    }
    if 15 <= age <= 17 and rng.random() < 0.35:
        fields["in_closed_youth_care"] = True
        fields["placed_by"] = (
            "Jeugdbescherming Duinland (fictief)" if framework != "vrijwillig" else ""
        )
    fields["wlz_transition"] = age >= 16 and rng.random() < 0.12
    return fields


def apply_later_steps(casus: Casus, steps, closure: dict, users: dict) -> None:
    """Write the planned later history (demo construction; the advice demo adds the advice)."""
    state = casus.state
    for target, at, reason, role in steps:
        Statuswijziging.objects.create(
            casus=casus, from_state=state, to_state=target, actor=users[role], at=at, reason=reason
        )
        state = target
    Casus.objects.filter(pk=casus.pk).update(state=state, updated_at=steps[-1][1], **closure)
