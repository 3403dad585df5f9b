"""The monitoring codes of the demo cases: sectors (which expertise is needed), the living
situation at registration and at closure, the placement route and, in Duinwijk, Heidebroek and
Turfhaven, the wijk. Also the demo regions' wijken.

Drawn from their own ``random.Random`` (seeded from the cases' seed), so adding them changed
nothing else of the demo data; deterministic for a seed like the rest.
"""

from __future__ import annotations

import random

from passend.cases.codes import (
    ClosureOutcome,
    LegalFramework,
    Plaatsingsroute,
    ReferrerType,
    Woonsituatie,
)
from passend.cases.models import RegistrationReason, Sector, Wijk
from passend.cases.workflow import PLACEMENT_OUTCOMES

W = Woonsituatie
P = Plaatsingsroute

# (gemeente cbs_code, code, Dutch label, English label): the two municipalities whose teams
# asked for figures per wijk. Fictional names.
WIJKEN = [
    ("GM9901", "duinwijk-centrum", "Duinwijk-Centrum", "Duinwijk centre"),
    ("GM9901", "duinwijk-haven", "Havenkwartier", "Harbour quarter"),
    ("GM9901", "duinwijk-noord", "Duinwijk-Noord", "Duinwijk north"),
    ("GM9904", "heidebroek-oost", "Heidebroek-Oost", "Heidebroek east"),
    ("GM9904", "heidebroek-west", "Heidebroek-West", "Heidebroek west"),
    # Noordwest-Veenland: Turfhaven, its largest municipality.
    ("GM9907", "turfhaven-centrum", "Turfhaven-Centrum", "Turfhaven centre"),
    ("GM9907", "turfhaven-veenkolonie", "Veenkolonie", "Peat colony"),
]
# Living situation at registration, for a minor in a voluntary framework.
LIVING_WEIGHTS = {
    W.THUIS: 68, W.NETWERK: 6, W.PLEEGZORG: 6, W.GEZINSHUIS: 4, W.RESIDENTIEEL: 8,
    W.CRISISOPVANG: 4, W.ANDERS: 4,
}  # fmt: skip
PROTECTED_LIVING = {
    W.THUIS: 30, W.PLEEGZORG: 25, W.GEZINSHUIS: 15, W.RESIDENTIEEL: 20, W.CRISISOPVANG: 10,
}  # fmt: skip
ADULT_LIVING = {W.THUIS: 45, W.ZELFSTANDIG: 30, W.NETWERK: 10, W.RESIDENTIEEL: 10, W.ANDERS: 5}
# Sectors: how often each is needed (a case needs one to three).
SECTOR_WEIGHTS = {
    "ggz": 40, "lvb": 20, "jeugd-opvoeding": 30, "verslaving": 6, "onderwijs": 22,
    "somatiek": 5, "jeugdbescherming": 12, "vg-meervoudig": 8, "wonen-financien": 7,
}  # fmt: skip
ROUTE_BY_REFERRER = {
    ReferrerType.GI: P.GI,
    ReferrerType.JUSTITIE: P.RECHTER,
    ReferrerType.ZORGAANBIEDER: P.ZORGAANBIEDER,
}
# Where the young person lives after each outcome.
LIVING_AT_CLOSURE = {
    ClosureOutcome.PASSENDE_PLEK: {
        W.THUIS: 40, W.NETWERK: 8, W.PLEEGZORG: 12, W.GEZINSHUIS: 14, W.RESIDENTIEEL: 12,
        W.ZELFSTANDIG: 8, W.GESLOTEN: 3, W.ANDERS: 3,
    },
    ClosureOutcome.UITHUISPLAATSING_VOORKOMEN: {W.THUIS: 85, W.NETWERK: 15},
    ClosureOutcome.CRISISPLAATSING: {W.CRISISOPVANG: 70, W.GESLOTEN: 20, W.PLEEGZORG: 10},
    ClosureOutcome.UITSTROOM_ZWAARDER: {W.THUIS: 35, W.GEZINSHUIS: 30, W.PLEEGZORG: 15, W.ZELFSTANDIG: 20},  # noqa: E501
    ClosureOutcome.OVERIG: {W.THUIS: 60, W.NETWERK: 10, W.ANDERS: 30},
}  # fmt: skip


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def load_wijken(region, gemeenten: dict) -> None:
    """The demo region's wijken (idempotent; a wijk already there stays as it is)."""
    have = set(Wijk.objects.filter(region=region).values_list("code", flat=True))
    Wijk.objects.bulk_create(
        Wijk(region=region, gemeente=gemeenten[cbs], code=code, label_nl=nl, label_en=en, order=i)
        for i, (cbs, code, nl, en) in enumerate(WIJKEN)
        if code not in have and cbs in gemeenten
    )


class DemoCodes:
    """Draws the codes of the demo cases; one per loader run."""

    def __init__(self, seed: int, region_ids):
        self.rng = random.Random(f"{seed}-monitoring-codes")  # noqa: S311 - demo data
        self.sectors = {
            region_id: {s.code: s for s in Sector.objects.offered(region_id).order_by("code")}
            for region_id in region_ids
        }
        self.thuiszitten = {
            region_id: RegistrationReason.objects.filter(
                region_id=region_id, code="thuiszitten", active=True
            ).first()
            for region_id in region_ids
        }
        wijken: dict[int, list] = {}
        for wijk in Wijk.objects.filter(region_id__in=region_ids, active=True).order_by("code"):
            wijken.setdefault(wijk.gemeente_id, []).append(wijk)
        self.wijken = wijken

    def registration(self, fields: dict, reasons: list, age: int) -> tuple[dict, list]:
        """(case fields: living situation and wijk; the sectors) at registration. A case that
        needs education expertise is sometimes one of a young person out of school: then
        'thuiszitten' joins `reasons`."""
        rng = self.rng
        framework = fields["legal_framework"]
        if fields.get("in_closed_youth_care"):
            living = W.GESLOTEN
        elif framework in (LegalFramework.OTS, LegalFramework.VOOGDIJ):
            living = _weighted(rng, PROTECTED_LIVING)
        elif age >= 18:
            living = _weighted(rng, ADULT_LIVING)
        else:
            living = _weighted(rng, LIVING_WEIGHTS)
        available = self.sectors[fields["team"].region_id]
        weights = {c: w for c, w in SECTOR_WEIGHTS.items() if c in available}
        codes = set()
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            codes.add(_weighted(rng, weights))
        if any(r.code == "thuiszitten" for r in reasons) and "onderwijs" in available:
            codes.add("onderwijs")
        if framework != LegalFramework.VRIJWILLIG and "jeugdbescherming" in available:
            codes.add("jeugdbescherming")
        thuiszitten = self.thuiszitten[fields["team"].region_id]
        out_of_school = (
            "onderwijs" in codes and thuiszitten and thuiszitten not in reasons and len(reasons) < 3
        )
        if out_of_school and rng.random() < 0.4:
            reasons.append(thuiszitten)
        options = self.wijken.get(fields["gemeente"].pk, [])
        wijk = rng.choice(options) if options and rng.random() < 0.7 else None
        sectors = [available[c] for c in sorted(codes)]
        return {"living_situation": living, "wijk": wijk}, sectors

    def closure(self, closure: dict, fields: dict) -> dict:
        """The living situation at closure and the placement route for a closed case."""
        rng = self.rng
        outcome = closure["closure_outcome"]
        living = _weighted(rng, LIVING_AT_CLOSURE[outcome])
        route = ""
        if outcome in PLACEMENT_OUTCOMES or (living != W.THUIS and rng.random() < 0.5):
            route = ROUTE_BY_REFERRER.get(fields["referrer_type"]) or _weighted(
                rng, {P.WIJKTEAM: 55, P.GI: 20, P.ZORGAANBIEDER: 20, P.RECHTER: 5}
            )
            if outcome == ClosureOutcome.CRISISPLAATSING and rng.random() < 0.3:
                route = P.RECHTER
        return {"living_situation_at_closure": living, "placement_route": route}
