"""Response times of the social-map search (page and API) at 60, 1,000 and 10,000 offers.

    python bench/socialmap_search.py                      # SQLite, a fresh temporary database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passend_bench_smap \\
        python bench/socialmap_search.py                  # PostgreSQL (an empty database)
    python bench/socialmap_search.py --smoke              # tiny, for CI

The database in DATABASE_URL (or ``--database-url``; default a fresh temporary SQLite) is
migrated and gets the demo region and social map (60 offers). For each size (``--sizes``,
default 60,1000,10000) the region is grown to that many active offers with synthetic ones
(kept; a larger database is measured as it is): varied names and descriptions from Dutch
building blocks, 1–3 needs, 0–3 attention points, 1–4 of the region's gemeenten, an age range,
with/without stay, voorliggend veld, and 0–3 waiting-time confirmations of which some are
outdated. Then, as ``aanmelder.noord`` through Django's test ``Client`` (no network),
``--requests`` searches on the page and on the API with random criteria: 1–2 needs (70%) or
none (a broad query on age only), an age, an attention point (half), a maximum waiting time
(half), a gemeente (a third), a word of text (a fifth). Prints per size p50/p95 (nearest rank)
in milliseconds and the most SQL queries one request needed (of 10), then the growth factor of
p95 from the smallest to the largest size. Exits non-zero when a request does not answer 200.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import sys
import time
from pathlib import Path

import smoke  # bench/smoke.py, next to this script

ROOT = Path(__file__).resolve().parent.parent

KINDS = [
    "Logeerhuis",
    "Praatgroep",
    "Gezinsbegeleiding",
    "Ambulante begeleiding",
    "Sportmaatje",
    "Huiswerkbegeleiding",
    "Traumabehandeling",
    "Jongerenwerk",
    "Opvoedondersteuning",
    "Dagbehandeling",
    "Buddyproject",
    "Weerbaarheidstraining",
    "Schuldhulp",
    "Speltherapie",
    "Inloopspreekuur",
    "Logeergezin",
    "Ouderavonden",
    "Zwemles op maat",
]
FOR_WHOM = [
    "voor jongeren",
    "voor ouders",
    "voor gezinnen",
    "voor kinderen met autisme",
    "voor broertjes en zusjes",
    "voor pleegkinderen",
    "voor tieners",
    "voor jonge kinderen",
]
SENTENCES = [
    "Wij begeleiden kinderen en jongeren thuis en op school.",
    "Ouders krijgen tips voor de opvoeding en steun bij zorgen.",
    "Een vaste begeleider komt elke week langs.",
    "Jongeren oefenen in een kleine groep met sociale vaardigheden.",
    "Er is een logeerweekend eens per maand zodat ouders op adem komen.",
    "We werken samen met de huisarts en de school.",
    "De behandeling richt zich op angst, somberheid of trauma.",
    "Kinderen sporten samen met een maatje uit de buurt.",
    "Gezinnen met schulden krijgen hulp bij geldzaken.",
    "Een ervaringsdeskundige denkt mee over wat wel werkt.",
    "De hulp is gratis en zonder verwijzing.",
    "Wij hebben ervaring met licht verstandelijke beperking.",
    "Na schooltijd is er huiswerkbegeleiding in het buurthuis.",
    "Bij verslaving in het gezin praten kinderen met leeftijdgenoten.",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


def grow(target: int, rng: random.Random) -> int:
    """Add synthetic active offers to the demo region until it has `target`."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from passend.regions.models import Organisation, Region
    from passend.socialmap.models import Aanbod, Aandachtspunt, Hulpvraag, Wachttijd

    region = Region.objects.get(slug="zuidoost-duinland")
    region_offers = Aanbod.objects.filter(organisation__regions=region, active=True)
    count = region_offers.count()
    if count >= target:
        return count
    orgs = list(Organisation.objects.filter(regions=region, aanbod__isnull=False).distinct())
    gemeenten = list(region.gemeenten.values_list("pk", "name"))
    needs = list(Hulpvraag.objects.of_region(region).values_list("pk", flat=True))
    attention = list(Aandachtspunt.objects.of_region(region).values_list("pk", flat=True))
    forms = list(region_offers.values_list("productcategorie", "hulpvorm").distinct())
    today = timezone.localdate()
    through = {name: getattr(Aanbod, name).through for name in ("hulpvragen", "aandachtspunten")}
    through["gemeenten"] = Aanbod.gemeenten.through
    with transaction.atomic():
        while count < target:
            batch = []
            for _ in range(min(500, target - count)):
                gemeente_name = rng.choice(gemeenten)[1]
                age_min = rng.randint(0, 16)
                productcategorie, hulpvorm = rng.choice(forms)
                batch.append(
                    Aanbod(
                        organisation=rng.choice(orgs),
                        name=f"{rng.choice(KINDS)} {rng.choice(FOR_WHOM)} {gemeente_name}",
                        description=" ".join(rng.sample(SENTENCES, 3)),
                        productcategorie=productcategorie,
                        hulpvorm=hulpvorm,
                        voorliggend_veld=rng.random() < 0.25,
                        with_stay=rng.random() < 0.15,
                        age_min=age_min,
                        age_max=min(age_min + rng.randint(3, 12), 23),
                    )
                )
            created = Aanbod.objects.bulk_create(batch)
            links = {name: [] for name in through}
            waiting = []
            for offer in created:
                for pk in rng.sample(needs, rng.randint(1, 3)):
                    links["hulpvragen"].append(through["hulpvragen"](aanbod=offer, hulpvraag_id=pk))
                for pk in rng.sample(attention, rng.randint(0, 3)):
                    links["aandachtspunten"].append(
                        through["aandachtspunten"](aanbod=offer, aandachtspunt_id=pk)
                    )
                for pk, _name in rng.sample(gemeenten, rng.randint(1, min(4, len(gemeenten)))):
                    links["gemeenten"].append(through["gemeenten"](aanbod=offer, gemeente_id=pk))
                newest = rng.randint(0, 10) if rng.random() < 0.85 else rng.randint(7, 30)
                for n in range(rng.randint(0, 3)):
                    treatment = rng.randint(0, 30)
                    waiting.append(
                        Wachttijd(
                            aanbod=offer,
                            weeks_to_registration=0,
                            weeks_to_intake=treatment // 2,
                            weeks_to_treatment=treatment,
                            confirmed_on=today - dt.timedelta(weeks=newest + 6 * n),
                            confirmed_by_name="bench",
                        )
                    )
            for name, rows in links.items():
                through[name].objects.bulk_create(rows)
            Wachttijd.objects.bulk_create(waiting)
            count += len(created)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--sizes", default="60,1000,10000", help="map sizes, comma-separated")
    parser.add_argument("--requests", type=int, default=100, help="per size and target")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny run for CI: a fresh temporary SQLite, sizes 60 and 120, 3 requests",
    )
    args = parser.parse_args()
    if args.smoke:
        args.database_url = smoke.database_url()
        args.sizes, args.requests = "60,120", 3
    args.database_url = args.database_url or smoke.database_url()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchkit.settings")  # DEBUG off
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from passend.accounts.models import User
    from passend.demo.region import load_demo_region
    from passend.demo.socialmap import load_demo_socialmap
    from passend.regions.models import Team
    from passend.socialmap.models import Aandachtspunt, Hulpvraag

    smoke.migrate()
    load_demo_region()
    load_demo_socialmap()
    team = Team.objects.get(slug="duinland-noord")
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="aanmelder.noord"))
    needs = list(Hulpvraag.objects.of_region(team.region).values_list("code", flat=True))
    attention = list(Aandachtspunt.objects.of_region(team.region).values_list("code", flat=True))
    gemeenten = list(team.region.gemeenten.values_list("pk", flat=True))
    words = ["begeleiding", "jongeren", "logeer", "ouders", "praatgroep", "sport", "trauma"]
    rng = random.Random(7)

    def criteria() -> dict:
        query = {"leeftijd": rng.randint(4, 20)}
        if rng.random() < 0.7:
            query["hulpvragen"] = rng.sample(needs, rng.randint(1, 2))
        if rng.random() < 0.5:
            query["aandachtspunten"] = rng.sample(attention, 1)
        if rng.random() < 0.5:
            query["max_weken"] = rng.choice([4, 8, 12, 26])
        if rng.random() < 0.33:
            query["gemeente"] = rng.choice(gemeenten)
        if rng.random() < 0.2:
            query["zoek"] = rng.choice(words)
        return query

    def api_params(query: dict) -> dict:
        names = {"leeftijd": "age", "max_weken": "maxWeeks", "gemeente": "gemeenteId"}
        params = {"teamId": team.pk, "q": query.get("zoek", "")}
        params.update({api: query[page] for page, api in names.items() if page in query})
        if "hulpvragen" in query:
            params["needs"] = ",".join(query["hulpvragen"])
        if "aandachtspunten" in query:
            params["attention"] = ",".join(query["aandachtspunten"])
        return params

    targets = {
        "page": (f"/teams/{team.slug}/sociale-kaart/", lambda q: q),
        "api": ("/api/v1/socialmap/offers", api_params),
    }

    def measure(path, to_params) -> tuple[float, float, int]:
        # As passend/wsgi.py does once the app is loaded: what lives on leaves the collector's view.
        gc.collect()
        gc.freeze()
        for _ in range(5):  # warm-up
            warm = client.get(path, to_params(criteria()))
            if warm.status_code != 200:
                sys.exit(f"{path}: HTTP {warm.status_code}")
        counts = []
        for _ in range(10):  # the most queries one request needs
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(path, to_params(criteria()))
            counts.append(len(queries))
        timings = []
        for _ in range(args.requests):
            params = to_params(criteria())
            start = time.perf_counter()
            response = client.get(path, params)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                sys.exit(f"{path} {params}: HTTP {response.status_code}")
        return percentile(timings, 50), percentile(timings, 95), max(counts)

    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    )
    print(f"Database: {connection.vendor}; {args.requests} requests per size and target")
    print(f"{'offers':>7} | {'page p50':>9} {'p95':>7} | {'API p50':>8} {'p95':>7} | queries")
    gen = random.Random(2026)
    rows = []
    for size in sizes:
        actual = grow(size, gen)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # statistics after the bulk insert, as autovacuum would
        page, api = (measure(*targets[name]) for name in ("page", "api"))
        rows.append((actual, page, api))
        print(
            f"{actual:7d} | {page[0]:9.1f} {page[1]:7.1f} | {api[0]:8.1f} {api[1]:7.1f} | "
            f"{page[2]} / {api[2]}"
        )
    (first, fpage, fapi), (last, lpage, lapi) = rows[0], rows[-1]
    print(
        f"p95 growth {first} -> {last} offers: page x{lpage[1] / fpage[1]:.2f}, "
        f"API x{lapi[1] / fapi[1]:.2f}"
    )


if __name__ == "__main__":
    main()
