"""Response times of the case list (first page, filtered) and the case page.

    python bench/case_pages.py --requests 200 --database-url sqlite:////work/main/var/bench.sqlite3
    python bench/case_pages.py --requests 200 \
        --database-url postgres://postgres@127.0.0.1:5432/passend_bench

As user ``screener.noord`` of team ``duinland-noord`` (load the data with bench/load_cases.py):

* target ``client``: Django's test ``Client`` in this process (``force_login``; the dev settings
  exempt demo users from 2FA), no network, one persistent database connection;
* target ``http``: gunicorn started by this script on 127.0.0.1 (a free port, ``--workers 2``,
  ``benchkit.settings``: the dev settings with DEBUG off, as served; the same database;
  ``benchkit.serving.Service``), logged in through the real login form, requests with
  ``urllib`` and a cookie jar; gunicorn is always stopped at the end.

Each path gets warm-up requests first (both workers derive their Fernet keys once), then
``--requests`` timed requests, each the full request including reading the body. The case page
uses a random case of the team per request. SQL queries per page are counted once with the test
client. The table shows p50/p95 (nearest rank) and max in milliseconds, plus the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import math
import os
import platform
import random
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import smoke  # bench/smoke.py, next to this script
from benchkit import serving

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "passend.settings.dev"
TEAM_SLUG = "duinland-noord"
USERNAME = "screener.noord"
BUDGET_MS = 150.0


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per path")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per path")
    parser.add_argument("--database-url", help="DATABASE_URL (default: environment / dev)")
    parser.add_argument(
        "--targets", default="client,http", help="comma-separated: client, http (both)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per HTTP request")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the case ids")
    parser.add_argument("--show-queries", action="store_true", help="print the SQL per page")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny run for CI: 250 cases into a fresh temporary SQLite, 3 requests per path",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.requests, args.warmup = 3, 1
        args.database_url = args.database_url or smoke.database_url()
    return args


def setup_django(database_url: str | None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- the pages ------------------------------------------------------------------------------


class Pages:
    """The paths to measure; the case page picks a random case of the team per request."""

    def __init__(self, seed: int):
        from django.urls import reverse

        from passend.accounts.models import User
        from passend.cases.models import Casus
        from passend.regions.models import Team

        self.user = User.objects.get(username=USERNAME)
        self.team = Team.objects.get(slug=TEAM_SLUG)
        cases = Casus.objects.filter(team=self.team, is_draft=False)
        self.case_ids = list(cases.order_by("pk").values_list("pk", flat=True))
        if len(self.case_ids) < 100:
            raise SystemExit(
                f"Team {TEAM_SLUG} has only {len(self.case_ids)} cases; "
                "run bench/load_cases.py first."
            )
        self.rng = random.Random(seed)
        # A name that exists: the surname of a random case of the team (decrypted here).
        sample = cases.get(pk=self.rng.choice(self.case_ids))
        self.name = sample.last_name
        base = reverse("cases:list", kwargs={"team": self.team.slug})
        self.detail_template = reverse("cases:detail", kwargs={"team": self.team.slug, "pk": 0})
        self.fixed = {
            "list: status+leeftijd": f"{base}?status=in_behandeling&leeftijd=12-15",
            "list: naam": f"{base}?{urllib.parse.urlencode({'naam': self.name})}",
            "list: no filter": base,
        }

    def names(self) -> list[str]:
        return [*self.fixed, "case page"]

    def path(self, name: str) -> str:
        if name in self.fixed:
            return self.fixed[name]
        return self.detail_template.replace("/0/", f"/{self.rng.choice(self.case_ids)}/")


# --- statistics and machine -----------------------------------------------------------------


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(p / 100 * len(sorted_ms)))
    return sorted_ms[rank - 1]


def summary(target: str, name: str, path: str, timings: list[float], queries) -> dict:
    ms = sorted(t * 1000 for t in timings)
    return {
        "target": target,
        "page": name,
        "path": path,
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "max_ms": round(ms[-1], 1),
        "queries": queries,
    }


def _proc_value(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def machine_info(pages: Pages) -> dict:
    import django
    from django.conf import settings
    from django.db import connection

    from passend.cases.models import Casus

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        db_version = cursor.fetchone()[0]
    mem_kb = _proc_value("/proc/meminfo", "MemTotal").split()[0]
    planner_stats = "?"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT last_analyze, last_autoanalyze FROM pg_stat_user_tables "
                "WHERE relname = 'cases_casus'"
            )
            row = cursor.fetchone()
            planner_stats = "yes" if row and (row[0] or row[1]) else "no"
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_casus'")
                planner_stats = "yes" if cursor.fetchone()[0] else "no"
            else:
                planner_stats = "no"
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": _proc_value("/proc/cpuinfo", "model name"),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else None,
        "python": platform.python_version(),
        "django": django.get_version(),
        "debug": settings.DEBUG,
        "database": f"{connection.vendor} {db_version}",
        "database_name": str(connection.settings_dict["NAME"]),
        "planner_stats": planner_stats,
        "cases_total": Casus.objects.count(),
        "cases_team": len(pages.case_ids),
        "loadavg": os_loadavg(),
        "search_name": pages.name,
    }


# --- target: test client --------------------------------------------------------------------


def make_client(pages: Pages):
    from django.test import Client

    # A host the dev settings allow; avoids setup_test_environment (instrumented rendering).
    client = Client(HTTP_HOST="localhost")
    client.force_login(pages.user)
    return client


def client_get(client, path: str) -> bytes:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"client GET {path}: status {response.status_code}")
    return response.content


def count_queries(pages: Pages, show: bool) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = make_client(pages)
    counts = {}
    for name in pages.names():
        path = pages.path(name)
        html = client_get(client, path).decode()  # warm, and check the page is not empty
        if name.startswith("list") and "Geen casussen gevonden" in html:
            raise SystemExit(f"{path}: no cases found; the benchmark would measure an empty list")
        if name == "list: naam" and pages.name not in html:
            raise SystemExit(f"{path}: the searched name {pages.name!r} is not on the page")
        with CaptureQueriesContext(connection) as captured:
            client_get(client, path)
        counts[name] = len(captured.captured_queries)
        if show:
            print(f"\n--- {name}: {path} ({counts[name]} queries)")
            for query in captured.captured_queries:
                print(f"  [{query['time']}s] {query['sql']}")
    return counts


def run_client(pages: Pages, args, queries: dict[str, int]) -> list[dict]:
    client = make_client(pages)
    results = []
    for name in pages.names():
        for _ in range(args.warmup):
            client_get(client, pages.path(name))
        timings = []
        for _ in range(args.requests):
            path = pages.path(name)
            started = time.perf_counter()
            client_get(client, path)
            timings.append(time.perf_counter() - started)
        results.append(summary("client", name, pages.path(name), timings, queries.get(name)))
        print(f"  client {name}: done", flush=True)
    return results


# --- target: HTTP against gunicorn ----------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect (to the login or 2FA page) is a failure, never silently followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def http_login(base: str, timeout: float):
    from passend.demo.region import DEMO_PASSWORD

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    with opener.open(f"{base}/inloggen/", timeout=timeout) as response:
        html = response.read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise SystemExit("login page without a CSRF token")
    form = {"csrfmiddlewaretoken": match.group(1), "username": USERNAME, "password": DEMO_PASSWORD}
    request = urllib.request.Request(
        f"{base}/inloggen/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": f"{base}/inloggen/"},
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            raise SystemExit(f"login did not redirect (status {response.status}); wrong password?")
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            raise SystemExit(f"login failed: HTTP {redirect.code}") from redirect
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise SystemExit("login gave no session cookie")
    return opener


def http_get(opener, url: str, timeout: float) -> None:
    try:
        with opener.open(url, timeout=timeout) as response:
            response.read()
            if response.status != 200:
                raise SystemExit(f"GET {url}: status {response.status}")
    except urllib.error.HTTPError as error:
        where = error.headers.get("Location", "")
        raise SystemExit(f"GET {url}: HTTP {error.code} {where}") from error


def served_database_url() -> str:
    """The database of this process as a DATABASE_URL for the served processes."""
    from django.db import connection

    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{connection.settings_dict['NAME']}"


def run_http(pages: Pages, args, queries: dict[str, int]) -> list[dict]:
    results = []
    service = serving.Service(served_database_url(), gunicorn_workers=args.workers, job_workers=0)
    with service:
        base = service.bases[0]
        opener = http_login(base, args.timeout)
        for name in pages.names():
            for _ in range(max(args.warmup, 2 * args.workers)):
                http_get(opener, base + pages.path(name), args.timeout)
            timings = []
            for _ in range(args.requests):
                url = base + pages.path(name)
                started = time.perf_counter()
                http_get(opener, url, args.timeout)
                timings.append(time.perf_counter() - started)
            results.append(summary("http", name, pages.path(name), timings, queries.get(name)))
            print(f"  http {name}: done", flush=True)
    return results


def os_loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- output ---------------------------------------------------------------------------------


def print_report(machine: dict, results: list[dict]) -> None:
    print()
    print(f"date      {machine['date']}")
    print(f"machine   {machine['platform']}; {machine['cpu']}")
    print(
        f"          {machine['cpu_count']} CPUs ({machine['cpus_usable']} usable), "
        f"{machine['memory_gib']} GiB RAM; Python {machine['python']}, Django "
        f"{machine['django']} (client: DEBUG={machine['debug']}; "
        f"http: {serving.SETTINGS}, DEBUG off)"
    )
    print(
        f"database  {machine['database']} ({machine['database_name']}); planner statistics "
        f"for cases_casus: {machine['planner_stats']}"
    )
    print(f"load avg  {machine['loadavg']} at start, {machine['loadavg_end']} at end (1/5/15 min)")
    print(
        f"data      {machine['cases_total']} cases, {machine['cases_team']} in team "
        f"{TEAM_SLUG}; name searched: {machine['search_name']!r}"
    )
    print()
    header = f"{'target':<7} {'page':<22} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
    print(header + f"{'queries':>7}  path")
    for row in results:
        flag = "" if row["p95_ms"] < BUDGET_MS else "  (> budget)"
        print(
            f"{row['target']:<7} {row['page']:<22} {row['n']:>4} {row['p50_ms']:>7.1f} "
            f"{row['p95_ms']:>7.1f} {row['max_ms']:>7.1f} {row['queries'] or '-':>7}  "
            f"{row['path'] if row['page'] != 'case page' else '/teams/…/casussen/<random>/'}"
            f"{flag}"
        )
    # The budget covers the filtered list and the case page; the unfiltered list is extra.
    judged = [row for row in results if row["page"] != "list: no filter"]
    worst = max(row["p95_ms"] for row in judged)
    verdict = "met" if worst < BUDGET_MS else "NOT met"
    print(
        f"\nbudget p95 < {BUDGET_MS:.0f} ms (filtered list, case page): {verdict} "
        f"(worst p95 {worst:.1f} ms; 'list: no filter' is shown for information)"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    targets = {t.strip() for t in args.targets.split(",") if t.strip()}
    if not targets <= {"client", "http"} or args.requests < 1:
        print("--targets takes client and/or http; --requests must be positive", file=sys.stderr)
        return 2
    if args.smoke:
        import load_cases  # bench/load_cases.py

        if load_cases.main(["--smoke", "--database-url", args.database_url, "--no-analyze"]):
            return 1
    setup_django(args.database_url)
    pages = Pages(args.seed)
    machine = machine_info(pages)
    print(
        f"database: {machine['database']} ({machine['database_name']}), "
        f"{machine['cases_total']} cases"
    )
    queries = count_queries(pages, args.show_queries)
    print("queries per page:", ", ".join(f"{k} {v}" for k, v in queries.items()))
    results = []
    if "client" in targets:
        results += run_client(pages, args, queries)
    if "http" in targets:
        results += run_http(pages, args, queries)
    machine["loadavg_end"] = os_loadavg()
    print_report(machine, results)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
