"""Response times of the social-map search (page and API) for a map of a given size.

    python bench/socialmap_search.py --database-url sqlite:////tmp/demo.sqlite3 --offers 2000

Needs a database with the demo loaded (``manage.py load_demo``: 60 offers). ``--offers N`` first
adds synthetic copies of the demo offers (same organisations, needs and waiting-time history,
names suffixed "(kopie n)") until the region has N active offers; copies are added once and kept.
Then, as ``aanmelder.noord`` through Django's test ``Client`` (no network), ``--requests`` searches
with random criteria (1–2 needs, 0–1 attention point, an age, half of them with a maximum waiting
time) on the page and on the API. Prints p50/p95 (nearest rank) and max in milliseconds, the SQL
queries of one search, the map size and the machine.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import sys
import time
from pathlib import Path

import smoke  # bench/smoke.py, next to this script

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


def grow(target: int) -> int:
    from django.db import transaction

    from passend.socialmap.models import Aanbod, Wachttijd

    base = list(
        Aanbod.objects.filter(organisation__regions__slug="zuidoost-duinland", active=True)
        .exclude(name__contains="(kopie")
        .prefetch_related("hulpvragen", "aandachtspunten", "life_domains", "gemeenten")
        .distinct()
    )
    count = Aanbod.objects.filter(active=True).count()
    n = 0
    with transaction.atomic():
        while count < target:
            src = base[n % len(base)]
            n += 1
            copy = Aanbod.objects.get(pk=src.pk)
            copy.pk = None
            copy.name = f"{src.name} (kopie {n})"
            copy.save()
            copy.hulpvragen.set(src.hulpvragen.all())
            copy.aandachtspunten.set(src.aandachtspunten.all())
            copy.life_domains.set(src.life_domains.all())
            copy.gemeenten.set(src.gemeenten.all())
            Wachttijd.objects.bulk_create(
                Wachttijd(
                    aanbod=copy,
                    weeks_to_registration=w.weeks_to_registration,
                    weeks_to_intake=w.weeks_to_intake,
                    weeks_to_treatment=w.weeks_to_treatment,
                    confirmed_on=w.confirmed_on,
                    confirmed_by_name=w.confirmed_by_name or "bench",
                )
                for w in src.wachttijden.filter(locatie=None)
            )
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--offers", type=int, default=0, help="grow the map to N active offers")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny run for CI: demo region and social map in a fresh temporary SQLite, "
        "80 offers, 3 requests",
    )
    args = parser.parse_args()
    if args.smoke:
        args.database_url = args.database_url or smoke.database_url()
        args.offers, args.requests = 80, 3
    elif not args.database_url:
        parser.error("--database-url is required (or --smoke)")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.smoke:
        from passend.demo.region import load_demo_region
        from passend.demo.socialmap import load_demo_socialmap

        smoke.migrate()
        load_demo_region()
        load_demo_socialmap()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from passend.accounts.models import User
    from passend.regions.models import Team
    from passend.socialmap.models import Aandachtspunt, Hulpvraag

    size = grow(args.offers) if args.offers else None
    team = Team.objects.get(slug="duinland-noord")
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="aanmelder.noord"))
    needs = list(Hulpvraag.objects.values_list("code", flat=True))
    attention = list(Aandachtspunt.objects.values_list("code", flat=True))
    rng = random.Random(7)

    def criteria() -> dict:
        query = {"hulpvragen": rng.sample(needs, rng.randint(1, 2)), "leeftijd": rng.randint(4, 20)}
        if rng.random() < 0.5:
            query["aandachtspunten"] = rng.sample(attention, 1)
        if rng.random() < 0.5:
            query["max_weken"] = rng.choice([4, 8, 12, 26])
        return query

    def api_params(query: dict) -> dict:
        params = {"teamId": team.pk, "needs": ",".join(query["hulpvragen"])}
        params["age"] = query["leeftijd"]
        if "aandachtspunten" in query:
            params["attention"] = ",".join(query["aandachtspunten"])
        if "max_weken" in query:
            params["maxWeeks"] = query["max_weken"]
        return params

    targets = {
        "pagina  /teams/<team>/sociale-kaart/": (f"/teams/{team.slug}/sociale-kaart/", lambda q: q),
        "API     /api/v1/socialmap/offers": ("/api/v1/socialmap/offers", api_params),
    }
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    )
    print(f"Database: {connection.vendor}; active offers in the map: {size or 'as loaded'}")
    print(f"{'target':40} {'p50':>7} {'p95':>7} {'max':>7} {'queries':>8}")
    for label, (path, to_params) in targets.items():
        for _ in range(5):  # warm-up
            warm = client.get(path, to_params(criteria()))
            assert warm.status_code == 200, (warm.status_code, warm.get("Location"))
        connection.queries_log.clear()  # each request clears the log when it starts
        with CaptureQueriesContext(connection) as queries:
            client.get(path, to_params(criteria()))
        timings = []
        for _ in range(args.requests):
            params = to_params(criteria())
            start = time.perf_counter()
            response = client.get(path, params)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        p50, p95 = percentile(timings, 50), percentile(timings, 95)
        print(f"{label:40} {p50:7.1f} {p95:7.1f} {max(timings):7.1f} {len(queries):8d}")


if __name__ == "__main__":
    main()
