"""Monitoring over the analytics record (issue 13): 1,000,000 synthetic case facts, the
dashboard with every filter set and an indicator API call, on SQLite or PostgreSQL, with the
same aggregations by DuckDB over the same rows exported to Parquet as the machine's reference.

    python bench/monitoring.py                          # SQLite (a temporary file), 1,000,000
    python bench/monitoring.py \
        --database-url postgres://postgres@127.0.0.1:5432/postgres   # PostgreSQL
    python bench/monitoring.py --smoke                  # 2,000 facts, for CI

The database is fresh and thrown away: a SQLite file in a temporary directory, or with a
PostgreSQL URL (``--database-url`` / DATABASE_URL) a temporary database created on that server
and dropped afterwards. Settings: ``benchkit.settings`` (DEBUG off). Seed: the demo region
(2 teams, 6 gemeenten, wijken, code lists, users), 30 extra teams, then N ``CasusFeit`` rows
with their ``FeitCode`` and ``GebeurtenisFeit`` rows inserted in bulk (executemany on SQLite,
COPY on PostgreSQL), then ANALYZE.

Spread over the teams (every monitoring query is team-scoped): ``duinland-noord`` holds a
quarter of all facts (the worst case: one team with 250,000), ``duinland-zuid`` a 40th (the
realistic case: 40 teams of 25,000), the rest is spread over the extra teams. Both measured
teams are timed, as a team member (``teamlid.<team>``) with the DPIA recorded.

Measured per team:

* **all indicators**: ``selectors.indicator_table`` for every basisset definition, the last
  twelve months by quarter with compare on and every dashboard filter set (gemeente, wijk,
  referrerType, ageGroup, problemType, legalFramework; random values per request) — what the
  section pages together compute (``--all-indicators N`` rounds; 0 leaves it out);
* **dashboard (page)**: ``monitoring:home`` through the Django test client with the last
  twelve months, compare on and every dashboard filter set: the page the target is about
  (the headline indicator of each section, its trend, charts and tables);
* **API**: ``/api/v1/monitoring/indicators/{code}/values`` for a random basisset definition
  (counts of cases and events, stocks, shares, lead times) with 2–4 random filters and a
  random ``groupBy``;
* **DuckDB**: the SQL of one dashboard computation (captured from Django) replayed by DuckDB
  over Parquet files of the same three tables, plus the lead-time percentiles done in SQL
  (``quantile_cont``) instead of in Python.

p50/p95/max over ``--requests`` (API) and ``--dashboard-requests`` requests after one warm-up
(``charts.warm_up()`` first). Targets (full run): dashboard p95 < 1 s, API p95 < 300 ms;
printed as met/missed, never a failure. Exits 1 when something fails (an error, a status that
is not 200, a DuckDB replay that does not give the same rows on the smoke data).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import serving
from benchkit.monitoring_facts import db_size, load, world

DASHBOARD_TARGET = 1.0
API_TARGET = 0.3


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--count", type=int, default=1_000_000, help="case facts (1,000,000)")
    parser.add_argument("--requests", type=int, default=30, help="API requests per team (30)")
    parser.add_argument(
        "--dashboard-requests", type=int, default=10, help="dashboards per team (10)"
    )
    parser.add_argument(
        "--all-indicators",
        type=int,
        default=None,
        help="how many times to compute all basisset indicators per team (default: as "
        "--dashboard-requests); the page and the API are timed regardless",
    )
    parser.add_argument(
        "--teams", default="noord,zuid", help="which measured teams to time (noord,zuid)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", help="write the figures to this file as JSON")
    parser.add_argument("--smoke", action="store_true", help="2,000 facts (for CI)")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of one dashboard page per team"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.count, args.requests, args.dashboard_requests = 2_000, 3, 2
    return args


def now() -> float:
    return time.perf_counter()


def stats(values: list[float]) -> dict:
    return {
        "p50": serving.percentile(values, 50),
        "p95": serving.percentile(values, 95),
        "max": max(values) if values else 0.0,
        "n": len(values),
    }


def ms(x: float) -> str:
    return f"{x * 1000:,.0f} ms"


def machine() -> dict:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    return {
        "cpu": model,
        "nproc": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --- the measurements -------------------------------------------------------------------------


class Filters:
    """Random values for the dashboard filters, within what the team member may see; the wijk
    lies in the chosen gemeente (otherwise every filtered figure would be empty)."""

    def __init__(self, user, team, rng):
        from passend.accounts.permissions import aggregate_gemeente_ids
        from passend.cases.models import Wijk
        from passend.monitoring import dimensions

        gids = aggregate_gemeente_ids(user, team)
        self.rng = rng
        self.values = {
            name: dimensions.get(name).values(team, gids) for name in dimensions.DASHBOARD_FILTERS
        }
        gemeente_api = {v.db: v.api for v in self.values["gemeente"]}
        wijk_gemeente = dict(
            Wijk.objects.filter(gemeente_id__in=gids).values_list("pk", "gemeente_id")
        )
        self.wijken = [(v.api, gemeente_api[wijk_gemeente[v.db]]) for v in self.values["wijk"]]

    def all(self) -> dict[str, str]:
        r = self.rng
        found = {name: r.choice(values).api for name, values in self.values.items() if values}
        if self.wijken:
            found["wijk"], found["gemeente"] = r.choice(self.wijken)
        return found

    def some(self) -> dict[str, str]:
        every = self.all()
        names = self.rng.sample(sorted(every), min(len(every), self.rng.randint(2, 4)))
        if "wijk" in names and "gemeente" not in names:
            names.append("gemeente")
        return {n: every[n] for n in names}


def dashboard_period(today):
    from passend.monitoring import periods as P

    last = P.month_index(today)
    return P.Period.between(P.month_start(last - 11), P.month_end(last))


def time_team(label: str, team, user, args, today, rng, failures: list) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    from passend.monitoring import definitions as D
    from passend.monitoring import periods as P
    from passend.monitoring import selectors

    filters = Filters(user, team, rng)
    period = dashboard_period(today)
    basisset = D.basisset()
    quarter = P.FROM_API["quarter"]

    def compute_dashboard(chosen):
        for d in basisset:
            selectors.indicator_table(
                user,
                team,
                d,
                period=period,
                granularity=quarter,
                compare=True,
                filters=chosen,
                today=today,
            )

    # warm-up, and the SQL of one dashboard (for the DuckDB replay)
    with CaptureQueriesContext(connection) as captured:
        compute_dashboard(filters.all())
    sql = [q["sql"] for q in captured.captured_queries if "analytics_" in q["sql"]]

    computation, per_definition = [], {d.code: [] for d in basisset}
    rounds = args.dashboard_requests if args.all_indicators is None else args.all_indicators
    for _ in range(rounds):
        chosen = filters.all()
        started = now()
        for d in basisset:
            t0 = now()
            selectors.indicator_table(
                user,
                team,
                d,
                period=period,
                granularity=quarter,
                compare=True,
                filters=chosen,
                today=today,
            )
            per_definition[d.code].append(now() - t0)
        computation.append(now() - started)

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    page, page_url = [], ""
    with contextlib.suppress(NoReverseMatch):
        page_url = reverse("monitoring:home", kwargs={"team": team.slug})
    if page_url:

        def page_params():
            params = {
                "from": period.start.strftime("%Y-%m"),
                "to": period.end.strftime("%Y-%m"),
                "period": "quarter",
                "compare": "true",
            }
            return params | filters.all()

        client.get(page_url, page_params())  # warm-up
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(client.get, page_url, page_params())
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        for _ in range(args.dashboard_requests):
            started = now()
            response = client.get(page_url, page_params())
            page.append(now() - started)
            if response.status_code != 200:
                failures.append(f"{label}: page {response.status_code}")

    # the API: the real route when it exists, else indicator_table of one definition
    probe = f"/api/v1/monitoring/indicators/{basisset[0].code}/values"
    try:
        resolve(probe)
        api_real = True
    except Resolver404:
        api_real = False
    groupings = ["referrerType", "ageGroup", "gemeente", "legalFramework", "none"]
    # Every kind of indicator: counts of cases and of events, stocks, shares, lead times.
    api = []
    for i in range(args.requests + 1):
        d = rng.choice(basisset)
        chosen, group_by = filters.some(), rng.choice(groupings)
        started = now()
        if api_real:
            params = {
                "teamId": team.pk,
                "from": period.start.strftime("%Y-%m"),
                "to": period.end.strftime("%Y-%m"),
                "period": "quarter",
                "groupBy": group_by,
            } | chosen
            response = client.get(f"/api/v1/monitoring/indicators/{d.code}/values", params)
            if response.status_code != 200:
                failures.append(f"{label}: API {response.status_code} {response.content[:200]}")
        else:
            selectors.indicator_table(
                user,
                team,
                d,
                period=period,
                granularity=quarter,
                filters=chosen,
                group_by="" if group_by == "none" else group_by,
                today=today,
            )
        if i:  # the first is the warm-up
            api.append(now() - started)
    return {
        "definitions": len(basisset),
        "computation": stats(computation),
        "per_definition": {k: stats(v) for k, v in per_definition.items()},
        "page": stats(page) if page else None,
        "page_url": page_url,
        "api": stats(api),
        "api_real": api_real,
        "sql": sql,
    }


# --- DuckDB -----------------------------------------------------------------------------------


DUCK_TYPES = {
    "AutoField": "BIGINT",
    "BigAutoField": "BIGINT",
    "ForeignKey": "BIGINT",
    "OneToOneField": "BIGINT",
    "IntegerField": "INTEGER",
    "PositiveIntegerField": "INTEGER",
    "PositiveSmallIntegerField": "INTEGER",
    "BooleanField": "BOOLEAN",
    "DateField": "DATE",
    "DateTimeField": "VARCHAR",
}


def export_parquet(folder: Path) -> dict:
    """The three analytics tables, row by row from the database, as CSV and then Parquet."""
    import duckdb
    from django.db import connection

    from passend.analytics.models import CasusFeit, FeitCode, GebeurtenisFeit

    started = now()
    con = duckdb.connect()
    for model in (CasusFeit, FeitCode, GebeurtenisFeit):
        fields = model._meta.concrete_fields
        cols = [f.column for f in fields]
        table = model._meta.db_table
        path = folder / f"{table}.csv"
        with path.open("w", newline="") as out, connection.cursor() as cur:
            writer = csv.writer(out)
            cur.execute(f"SELECT {', '.join(cols)} FROM {table}")
            while rows := cur.fetchmany(20_000):
                writer.writerows(
                    tuple("\\N" if v is None else (int(v) if isinstance(v, bool) else v) for v in r)
                    for r in rows
                )
        types = {f.column: DUCK_TYPES.get(f.get_internal_type(), "VARCHAR") for f in fields}
        spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
        con.execute(
            f"COPY (SELECT * FROM read_csv('{path}', header=false, nullstr='\\N', "
            f"columns={spec}, quote='\"', escape='\"')) "
            f"TO '{folder / (table + '.parquet')}' (FORMAT parquet)"
        )
        path.unlink()
    con.close()
    return {"export_s": now() - started}


def duck_sql(sql: str, vendor: str) -> str:
    """Django's SQL for DuckDB: the same statement, SQLite's booleans as DuckDB's."""
    if vendor == "sqlite":
        for column in ("self_registration", "learning_consent", "short_term_solution"):
            sql = sql.replace(f'"{column}" = 1', f'"{column}" = true')
            sql = sql.replace(f'"{column}" = 0', f'"{column}" = false')
            sql = sql.replace(f'"{column}" IN (1)', f'"{column}" IN (true)')
            sql = sql.replace(f'"{column}" IN (0)', f'"{column}" IN (false)')
    return sql


def duckdb_reference(folder: Path, results: dict, vendor: str, args, failures: list) -> dict:
    import duckdb
    from django.db import connection

    from passend.analytics.models import CasusFeit, FeitCode, GebeurtenisFeit

    con = duckdb.connect()
    for model in (CasusFeit, FeitCode, GebeurtenisFeit):
        table = model._meta.db_table
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{folder / (table + '.parquet')}')"
        )
    found = {}
    for label, r in results.items():
        sql = [duck_sql(s, vendor) for s in r["sql"]]
        errors, total = 0, []
        for i in range(max(3, args.dashboard_requests)):
            started = now()
            for s in sql:
                try:
                    rows = con.execute(s).fetchall()
                except duckdb.Error as error:
                    if i == 0:
                        errors += 1
                        print(f"  DuckDB could not replay: {str(error)[:160]}", file=sys.stderr)
                    continue
                if i == 0 and args.smoke:
                    with connection.cursor() as cur:
                        cur.execute(s)
                        mine = cur.fetchall()
                    if sorted(map(repr, mine)) != sorted(map(repr, rows)) and len(mine) != len(
                        rows
                    ):
                        failures.append(f"{label}: DuckDB gives other rows for {s[:120]}")
            total.append(now() - started)
        team = r["team_id"]
        # what DuckDB does with the percentiles in SQL (the engine fetches the values)
        q = (
            "SELECT date_trunc('quarter', advice_sent_on) AS q, count(*), "
            "quantile_cont(days_to_advice, [0.5, 0.75, 0.9]) "
            "FROM analytics_casusfeit WHERE team_id = ? AND advice_sent_on IS NOT NULL "
            "AND advice_sent_on >= current_date - INTERVAL 3 YEAR GROUP BY 1 ORDER BY 1"
        )
        pct = []
        for _ in range(5):
            started = now()
            con.execute(q, [team]).fetchall()
            pct.append(now() - started)
        found[label] = {
            "queries": len(sql),
            "errors": errors,
            "dashboard_sql": stats(total),
            "percentiles": stats(pct),
        }
        if errors:
            failures.append(f"{label}: DuckDB could not replay {errors} of {len(sql)} queries")
    con.close()
    return found


# --- main -------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    failures: list[str] = []
    figures: dict = {"machine": machine(), "count": args.count}
    with (
        serving.temporary_database(args.database_url) as url,
        tempfile.TemporaryDirectory(prefix="passend-bench-parquet-") as tmp,
    ):
        serving.setup_django(url)
        serving.migrate()
        from django.db import connection
        from django.utils import timezone

        from passend.monitoring import charts

        vendor = connection.vendor
        figures["database"] = vendor
        today = timezone.localdate()
        started = now()
        w = world(args)
        figures["seed_s"] = now() - started
        counts = load(w, args, today)
        figures["rows"] = counts
        figures["db_size"] = db_size()
        print(
            f"{vendor}: {counts['facts']:,} facts, {counts['codes']:,} codes, "
            f"{counts['events']:,} events in {counts['load_s']:.0f} s "
            f"({counts['generated']:,} generated in {counts['generate_s']:.0f} s, the rest copied "
            "in SQL) "
            f"(+ ANALYZE {counts['analyze_s']:.1f} s), {figures['db_size']}; "
            f"{w['extra_teams'] + 2} teams",
            flush=True,
        )
        started = now()
        charts.warm_up()
        figures["charts_warm_up_s"] = now() - started
        rng = random.Random(args.seed)
        results = {}
        wanted = {t.strip() for t in args.teams.split(",")}
        for short, team in w["teams"].items():
            if short not in wanted:
                continue
            size = w["sizes"][team.pk]
            label = f"{team.slug} ({size:,})"
            print(f"timing {label} …", flush=True)
            try:
                r = time_team(label, team, w["users"][team.pk], args, today, rng, failures)
            except Exception as error:
                import traceback

                traceback.print_exc()
                failures.append(f"{label}: {error!r}")
                continue
            r["team_id"], r["size"] = team.pk, size
            results[label] = r
        started = now()
        try:
            figures["parquet"] = export_parquet(Path(tmp))
            figures["duckdb"] = duckdb_reference(Path(tmp), results, vendor, args, failures)
        except ImportError:
            failures.append(
                "DuckDB is not installed: it is in requirements/dev.txt (dev.py test installs it)"
            )
        figures["teams"] = {
            k: {x: y for x, y in v.items() if x != "sql"} for k, v in results.items()
        }
        report(figures, args)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


def report(figures: dict, args) -> None:
    m = figures["machine"]
    print()
    print(
        f"## {figures['database']}, {figures['count']:,} facts ({figures['db_size']}) — "
        f"{m['cpu']}, {m['nproc']} CPUs, {m['ram']}, load {m['load']}"
    )
    rows = []
    definitions = next(iter(figures["teams"].values()), {}).get("definitions", 0)
    for label, r in figures["teams"].items():
        duck = figures.get("duckdb", {}).get(label, {})
        c, a = r["computation"], r["api"]

        def verdict(value, target):
            return "" if args.smoke else (" ✓" if value < target else " ✗")

        rows.append(
            [
                label,
                f"{ms(c['p50'])} / {ms(c['p95'])}",
                f"{ms(r['page']['p50'])} / {ms(r['page']['p95'])}"
                f"{verdict(r['page']['p95'], DASHBOARD_TARGET)}"
                if r["page"]
                else "—",
                f"{ms(a['p50'])} / {ms(a['p95'])}{verdict(a['p95'], API_TARGET)}"
                + ("" if r["api_real"] else " (selector)"),
                f"{ms(duck['dashboard_sql']['p50'])} ({duck['queries']} q)" if duck else "—",
                f"{ms(duck['percentiles']['p50'])}" if duck else "—",
            ]
        )
    print(
        serving.markdown_table(
            [
                "team (facts)",
                f"dashboard: {definitions} indicators, p50 / p95",
                "page monitoring:home p50 / p95",
                "API p50 / p95",
                "DuckDB: same SQL",
                "DuckDB: lead-time percentiles",
            ],
            rows,
        )
    )
    for label, r in figures["teams"].items():
        slow = sorted(r["per_definition"].items(), key=lambda kv: -kv[1]["p50"])
        print(
            f"{label} per indicator (p50): "
            + ", ".join(f"{code} {ms(s['p50'])}" for code, s in slow)
        )
    if "parquet" in figures:
        print(f"Parquet export: {figures['parquet']['export_s']:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
