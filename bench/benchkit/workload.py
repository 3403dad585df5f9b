"""The synthetic workload of the load and fault benchmarks: seeding a fresh database, the
request bodies simulated users send, logging in over HTTP, and the checks afterwards (no lost
writes, every case whole).

Seed: the demo region (teams, organisations, demo users with the public demo password, which
the dev-based bench settings exempt from the second factor), the demo social map, and
``cases`` synthetic cases per the case benchmark (``load_cases.py``). Fully synthetic data.

"Whole" for a registration (``cases.services.register``, one transaction): the case is no
longer a draft and has its first history entry (to 'aangemeld'), its blind name index
(``NameToken``), its parents and the code lists that were sent. A case missing any of these
is partial; the benchmarks count them and fail on any.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import requests
from requests.adapters import HTTPAdapter

PARENT = {"firstName": "Mara", "lastName": "Zandvoort", "relation": "moeder", "hasGezag": True}
API_REASONS = 2  # code-list items a registration sends
API_DOMAINS = 1


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address (``serving.loopback_address``)."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def bind(session: requests.Session, address: str) -> requests.Session:
    for prefix in ("http://", "https://"):
        if prefix in session.adapters:
            session.adapters[prefix].close()
        session.mount(prefix, SourceAddressAdapter(address))
    return session


def seed(cases: int, *, socialmap: bool = True, seed_value: int = 2026) -> dict:
    """Load the workload's data into the (migrated) database of this process; return the plan
    the simulated users work from (ids, names, codes: nothing they could not read themselves)."""
    import load_cases  # bench/load_cases.py
    from django.utils import timezone

    from passend.accounts.models import User
    from passend.accounts.permissions import may_update_waiting_times
    from passend.cases.models import LifeDomain, RegistrationReason, Sector
    from passend.demo.region import DEMO_PASSWORD, REGION, TEAMS, load_demo_region
    from passend.demo.socialmap import load_demo_socialmap
    from passend.regions.models import Team
    from passend.socialmap.models import Aanbod, Hulpvraag

    load_demo_region()
    if socialmap:
        load_demo_socialmap()
    rng = random.Random(seed_value)
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    generator = load_cases.Generator(rng, anchor)
    for first in range(1, cases + 1, 500):
        load_cases.insert_batch(
            [generator.case(n) for n in range(first, min(first + 500, cases + 1))]
        )
    teams = {}
    for spec in TEAMS:
        team = Team.objects.get(slug=spec.slug)
        bench = load_cases.bench_cases().filter(team=team)
        sample = list(bench.order_by("?")[:200])
        provider = User.objects.get(username=f"aanbieder.{spec.short}")
        offers = [
            o.pk
            for o in Aanbod.objects.select_related("organisation").order_by("pk")
            if may_update_waiting_times(provider, o)
        ]
        teams[spec.slug] = {
            "id": team.pk,
            "short": spec.short,
            "self_registration": team.self_registration_enabled,
            "gemeenten": list(team.gemeenten.values_list("pk", flat=True)),
            "case_ids": [c.pk for c in sample],
            "surnames": sorted({c.last_name for c in sample})[:50],
            "offers": offers,
        }
    return {
        "password": DEMO_PASSWORD,
        "teams": teams,
        # The main demo region's lists (the demo has a second region with the same codes).
        "reasons": list(
            RegistrationReason.objects.filter(active=True, region__slug=REGION["slug"])
            .order_by("order", "code")
            .values_list("code", flat=True)
        ),
        "domains": list(
            LifeDomain.objects.filter(active=True, region__slug=REGION["slug"])
            .order_by("order", "code")
            .values_list("code", flat=True)
        ),
        "sectors": list(
            Sector.objects.filter(active=True, region__slug=REGION["slug"])
            .order_by("order", "code")
            .values_list("code", flat=True)
        ),
        "needs": list(
            Hulpvraag.objects.filter(region__slug=REGION["slug"]).values_list("code", flat=True)
        ),
    }


def registration_body(plan: dict, slug: str, rng: random.Random) -> dict:
    team = plan["teams"][slug]
    today = dt.date.today()
    age = rng.randint(4, 17)
    return {
        "team": team["id"],
        "firstName": rng.choice(["Fenna", "Jesse", "Noor", "Sam", "Lotte", "Daan"]),
        "lastName": rng.choice(["Strandloper", "Duinhof", "Helmgras", "Zeewering"]),
        "birthDate": today.replace(year=today.year - age, day=min(today.day, 28)).isoformat(),
        "gemeente": rng.choice(team["gemeenten"]),
        "referrerType": "01",
        "question": "Vastgelopen hulp; de school en het gezin zoeken samen een plek.",
        "reasons": plan["reasons"][:API_REASONS],
        "lifeDomains": plan["domains"][:API_DOMAINS],
        "sectors": plan["sectors"][:1],
        "livingSituation": rng.choice(["thuis", "thuis", "netwerk", "pleegzorg", "residentieel"]),
        "youthInformed": True,
        "parentsInformed": True,
        "parents": [PARENT],
    }


def public_body(plan: dict, slug: str, rng: random.Random) -> dict:
    today = dt.date.today()
    return {
        "team": slug,
        "filledInBy": "ouder",
        "firstName": rng.choice(["Fenna", "Jesse", "Noor"]),
        "lastName": "Strandloper",
        "birthDate": today.replace(year=today.year - 14, day=min(today.day, 28)).isoformat(),
        "gemeente": rng.choice(plan["teams"][slug]["gemeenten"]),
        "question": "Ik wil weer naar school.",
        "livingSituation": "thuis",
        "contact": PARENT | {"email": "mara@voorbeeld.nl"},
        "youthInformed": True,
        "parentsInformed": True,
    }


def waiting_time_body(rng: random.Random) -> dict:
    first = rng.randint(0, 8)
    second = first + rng.randint(0, 6)
    return {
        "weeksToRegistration": first,
        "weeksToIntake": second,
        "weeksToTreatment": second + rng.randint(0, 8),
        "note": "Bevestigd (benchmark).",
    }


def web_login(session: requests.Session, base: str, username: str, password: str) -> None:
    """Log in through the login page (CSRF token, session cookie); raise on failure."""
    page = session.get(f"{base}/inloggen/", timeout=30)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not match:
        raise RuntimeError(f"login page without CSRF token (HTTP {page.status_code})")
    form = {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password}
    answer = session.post(
        f"{base}/inloggen/",
        data=form,
        headers={"Referer": f"{base}/inloggen/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {username} failed: HTTP {answer.status_code}")


def api_token(session: requests.Session, base: str, username: str, password: str) -> str:
    """An API token (POST /api/v1/auth/token); the session sends it from now on."""
    answer = session.post(
        f"{base}/api/v1/auth/token",
        json={"username": username, "password": password},
        timeout=30,
    )
    if answer.status_code != 201:
        raise RuntimeError(f"token for {username}: HTTP {answer.status_code} {answer.text[:200]}")
    token = answer.json()["token"]
    session.headers["Authorization"] = f"Token {token}"
    return token


# --- checks afterwards ------------------------------------------------------------------------


def partial_cases(queryset=None) -> list[str]:
    """References (or ids) of cases that are not whole; `queryset` defaults to all cases."""
    from django.db.models import Count, Q

    from passend.cases.codes import CaseState
    from passend.cases.models import Casus

    cases = (queryset if queryset is not None else Casus.objects.all()).annotate(
        n_ouders=Count("ouders", distinct=True),
        n_tokens=Count("name_tokens", distinct=True),
        n_registered=Count(
            "transitions",
            filter=Q(transitions__from_state="", transitions__to_state=CaseState.AANGEMELD),
            distinct=True,
        ),
        n_reasons=Count("reasons", distinct=True),
        n_domains=Count("life_domains", distinct=True),
    )
    problems = []
    for row in cases.values(
        "pk", "reference", "is_draft", "self_registration", "n_ouders", "n_tokens",
        "n_registered", "n_reasons", "n_domains",
    ):  # fmt: skip
        whole = (
            not row["is_draft"]
            and row["n_ouders"] >= 1
            and row["n_tokens"] >= 1
            and row["n_registered"] == 1
        )
        if not row["self_registration"] and not row["reference"].startswith("BENCH-"):
            whole = whole and (row["n_reasons"], row["n_domains"]) == (API_REASONS, API_DOMAINS)
        if not whole:
            problems.append(row["reference"] or f"id {row['pk']}")
    return problems


def lost_writes(created: dict[str, set]) -> dict[str, int]:
    """How many acknowledged writes the database does not hold, per kind: `created` has the
    case ids (API), references (zelfmelding) and waiting-time ids the clients were given."""
    from passend.cases.models import Casus
    from passend.socialmap.models import Wachttijd

    present = {
        "cases": Casus.objects.filter(pk__in=created.get("cases", set())).count(),
        "zelfmeldingen": Casus.objects.filter(
            reference__in=created.get("zelfmeldingen", set())
        ).count(),
        "waiting_times": Wachttijd.objects.filter(
            pk__in=created.get("waiting_times", set())
        ).count(),
    }
    return {kind: len(created.get(kind, set())) - n for kind, n in present.items()}
