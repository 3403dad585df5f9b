"""Synthetic social map of the demo region: provider profiles, locations, about sixty offers
(specialist care and the voorliggend veld) and waiting times at three levels with their
confirmation history.

Deterministic for a seed. About 15% of the offers have a newest confirmation older than six
weeks (outdated by the default team setting) and a few have no waiting time at all, so the
map shows what a real one does. Idempotent: nothing happens when the demo region already has
offers.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from passend.accounts.models import User
from passend.cases.models import LifeDomain
from passend.regions.models import Gemeente, Organisation, Region
from passend.socialmap.models import (
    Aanbiederprofiel,
    Aanbod,
    Aandachtspunt,
    Expertisegebied,
    Hulpvraag,
    Locatie,
    Wachttijd,
)
from passend.socialmap.waiting import DEFAULT_STALE_WEEKS, is_outdated

from . import socialmap_data as D
from .region import REGION, TEAM_PROVIDER_ORG

OUTDATED_SHARE = 0.15
WITHOUT_WAITING_TIME = 4


def _codes(model, region) -> dict:
    return {item.code: item for item in model.objects.of_region(region)}


def _profiles(orgs: dict, gemeenten: dict, expertise: dict) -> tuple[int, dict]:
    locations: dict[str, list[Locatie]] = {}
    profiles = 0
    for name, (description, exp, contracted, contact, places) in D.PROFILES.items():
        org = orgs.get(name)
        if org is None:
            continue
        profile, created = Aanbiederprofiel.objects.get_or_create(
            organisation=org,
            defaults={
                "description": description,
                "contact_name": contact[0],
                "contact_phone": contact[1],
                "contact_email": contact[2],
            },
        )
        if created:
            profile.expertise.set([expertise[c] for c in exp])
            profile.contracted_by.set([gemeenten[c] for c in contracted])
            profiles += 1
        for index, (place, street, postcode, code) in enumerate(places, start=1):
            location, _ = Locatie.objects.get_or_create(
                organisation=org,
                name=place,
                defaults={
                    "address": street,
                    "postcode": postcode,
                    "gemeente": gemeenten[code],
                    "phone": contact[1][:-1] + str(index),
                    "email": contact[2],
                },
            )
            locations.setdefault(name, []).append(location)
    return profiles, locations


def _levels(rng: random.Random, kind: str, drift: int = 0) -> tuple[int, int, int]:
    (r0, r1), (i0, i1), (t0, t1) = D.KINDS[kind]
    registration = max(0, rng.randint(r0, r1) + (drift if r1 else 0))
    intake = max(registration, rng.randint(i0, i1) + (drift if i1 else 0))
    treatment = max(intake, rng.randint(t0, t1) + (2 * drift if t1 else 0))
    return registration, intake, treatment


def _history(rng, aanbod, location, kind, confirmer, today, *, outdated: bool) -> list[Wachttijd]:
    """2–4 confirmations over the last months; the newest fresh, or older than six weeks."""
    newest_days = rng.randint(7 * 7, 7 * 16) if outdated else rng.randint(0, 7 * 5)
    days = [newest_days]
    for _ in range(rng.randint(1, 3)):
        days.append(days[-1] + rng.randint(21, 56))
    rows = []
    for step, ago in enumerate(sorted(days, reverse=True)):
        drift = rng.choice([-1, 0, 0, 1]) * step
        user, name = confirmer
        rows.append(
            Wachttijd(
                aanbod=aanbod,
                locatie=location,
                **dict(
                    zip(
                        ("weeks_to_registration", "weeks_to_intake", "weeks_to_treatment"),
                        _levels(rng, kind, drift),
                        strict=True,
                    )
                ),
                confirmed_on=today - dt.timedelta(days=ago),
                confirmed_by=user,
                confirmed_by_name="" if user else name,
                note="" if rng.random() < 0.8 else "Wachtlijst loopt terug door extra personeel.",
            )
        )
    return rows


def _confirmer(rng, org_name: str, provider_users: dict) -> tuple[User | None, str]:
    user = provider_users.get(org_name)
    return (user, "") if user else (None, rng.choice(D.CONFIRMERS))


@transaction.atomic
def load_demo_socialmap(seed: int = 2026) -> dict:
    """Fill the demo region's social map once; returns counts (created False when it existed)."""
    region = Region.objects.filter(slug=REGION["slug"]).first()
    if region is None:
        return {"created": False, "offers": 0}
    existing = Aanbod.objects.filter(organisation__regions=region)
    if existing.exists():
        return {"created": False, "offers": existing.distinct().count()}
    rng = random.Random(seed + 5)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    orgs = {o.name: o for o in Organisation.objects.filter(regions=region)}
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(region=region)}
    expertise, needs = _codes(Expertisegebied, region), _codes(Hulpvraag, region)
    attention, domains = _codes(Aandachtspunt, region), _codes(LifeDomain, region)
    profiles, locations = _profiles(orgs, gemeenten, expertise)
    provider_users = {
        org: User.objects.filter(username=f"aanbieder.{short}").first()
        for short, org in TEAM_PROVIDER_ORG.items()
    }

    offers = []
    for spec in D.OFFERS:
        org = orgs.get(spec["org"])
        if org is None:
            continue
        free = spec.get("free", False)
        age_min, age_max = spec.get("ages", (0, 23))
        aanbod = Aanbod.objects.create(
            organisation=org,
            name=spec["name"],
            description=spec["description"],
            productcategorie=spec.get("pc", ""),
            hulpvorm=spec.get("hv", ""),
            voorliggend_veld=spec["kind"] == "vv" or spec["kind"] == "wijk",
            with_stay=spec.get("stay", False),
            age_min=age_min,
            age_max=age_max,
            referral_needed=not free,
            beschikking_needed=not free and spec.get("pc", "") not in ("46", "47", "48"),
        )
        aanbod.hulpvragen.set([needs[c] for c in spec.get("need", [])])
        aanbod.aandachtspunten.set([attention[c] for c in spec.get("attn", [])])
        aanbod.life_domains.set([domains[c] for c in spec.get("dom", []) if c in domains])
        aanbod.expertise.set([expertise[c] for c in spec.get("exp", [])])
        served = spec.get("where") or D.PROFILES[spec["org"]][2]
        aanbod.gemeenten.set([gemeenten[c] for c in served])
        places = locations.get(spec["org"], [])
        aanbod.locaties.set(places)
        offers.append((aanbod, spec, places))

    order = list(range(len(offers)))
    rng.shuffle(order)
    without = set(order[:WITHOUT_WAITING_TIME])
    outdated = set(
        order[WITHOUT_WAITING_TIME : WITHOUT_WAITING_TIME + round(OUTDATED_SHARE * len(offers))]
    )
    rows: list[Wachttijd] = []
    for index, (aanbod, spec, places) in enumerate(offers):
        if index in without:
            continue
        confirmer = _confirmer(rng, spec["org"], provider_users)
        per_location = spec.get("per_location") and len(places) > 1
        for location in places if per_location else [None]:
            rows += _history(
                rng, aanbod, location, spec["kind"], confirmer, today, outdated=index in outdated
            )
    Wachttijd.objects.bulk_create(rows)
    newest: dict[int, dt.date] = {}
    for row in rows:
        newest[row.aanbod_id] = max(newest.get(row.aanbod_id, row.confirmed_on), row.confirmed_on)
    stale = sum(1 for day in newest.values() if is_outdated(day, today, DEFAULT_STALE_WEEKS))
    return {
        "created": True,
        "profiles": profiles,
        "locations": sum(len(v) for v in locations.values()),
        "offers": len(offers),
        "voorliggend_veld": sum(1 for a, _s, _p in offers if a.voorliggend_veld),
        "waiting_times": len(rows),
        "outdated": stale,
        "without_waiting_time": len(without),
    }
