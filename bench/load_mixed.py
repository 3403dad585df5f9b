"""Mixed traffic: N concurrent users (default 50) for a while (default 5 minutes), driven by
locust, against 2 gunicorn instances and 2 job workers on one fresh database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/load_mixed.py
    python bench/load_mixed.py --users 50 --duration 300 --database-url postgres://...
    python bench/load_mixed.py --smoke      # 5 users, 10 s, 1 gunicorn + 1 worker, SQLite

The script creates a database of its own (on the PostgreSQL server of the URL; without one a
temporary SQLite file), migrates it, seeds it (demo region, demo social map, synthetic cases:
``benchkit.workload.seed``), serves it, runs the users, checks, and drops the database.

Users (each logs in once, from its own loopback address 127.x.y.z, with think time):
team member (case list, filtered list, name search, case page), registrant (API: registers
cases and reads them back), map searcher (social-map page and API), provider (confirms
waiting times via the API), zelfmelder (anonymous self-registration via the API).
Reports p50/p95/max per request type, errors, and lost writes: every case id, reference and
waiting-time id the clients were given must be in the database afterwards, the number of new
cases must equal the number acknowledged, and every case must be whole. Exit code 1 on any
error or lost write.
"""

from __future__ import annotations

# locust first: it monkey-patches the standard library for gevent
from locust import HttpUser, between, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import itertools
import os
import random
import sys
import time
from pathlib import Path

import gevent

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import serving, workload

STATE: dict = {"plan": {}, "hosts": None, "created": None, "addresses": None}
MIX = {  # share of the users per type
    "TeamMember": 0.4,
    "Registrant": 0.2,
    "MapSearcher": 0.2,
    "Provider": 0.1,
    "Zelfmelder": 0.1,
}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent users (50)")
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (300)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--cases", type=int, default=2000, help="synthetic cases seeded (2000)")
    parser.add_argument("--instances", type=int, default=2, help="gunicorn instances (2)")
    parser.add_argument("--gunicorn-workers", type=int, default=2, help="workers each (2)")
    parser.add_argument("--job-workers", type=int, default=2, help="job workers (2)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="PostgreSQL server URL (a database is created there); "
                        "default DATABASE_URL; none: temporary SQLite")  # fmt: skip
    parser.add_argument("--smoke", action="store_true", help="5 users for 10 s (CI)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.users, args.duration, args.spawn_rate, args.cases = 5, 10, 5, 100
        args.instances, args.job_workers = 1, 1
    return args


class Base(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username_role = ""

    def __init__(self, environment):
        self.host = next(STATE["hosts"])
        super().__init__(environment)
        workload.bind(self.client, serving.loopback_address(next(STATE["addresses"])))
        self.rng = random.Random()
        self.slug = self.rng.choice(sorted(STATE["plan"]["teams"]))
        self.team = STATE["plan"]["teams"][self.slug]

    @property
    def username(self) -> str:
        return f"{self.username_role}.{self.team['short']}"

    def get(self, path: str, name: str, **kwargs):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True,
                             **kwargs) as response:  # fmt: skip
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def post(self, path: str, name: str, body: dict, kind: str, key: str):
        with self.client.post(path, json=body, name=name, catch_response=True) as response:
            if response.status_code != 201:
                response.failure(f"HTTP {response.status_code} {response.text[:120]}")
                return None
            value = response.json()[key]
            STATE["created"][kind].add(value)
            return value


class TeamMember(Base):
    """Screener or procesregisseur: the case list, filtered and searched, and case pages."""

    def on_start(self):
        self.username_role = self.rng.choice(["screener", "procesregisseur"])
        workload.web_login(self.client, self.host, self.username, STATE["plan"]["password"])
        self.list = f"/teams/{self.slug}/casussen/"

    @task(3)
    def case_list(self):
        self.get(self.list, "/teams/<t>/casussen/")

    @task(2)
    def filtered(self):
        self.get(self.list, "/teams/<t>/casussen/?status", params={"status": "aangemeld"})

    @task(2)
    def search_name(self):
        name = self.rng.choice(self.team["surnames"] or ["Duinhof"])
        self.get(self.list, "/teams/<t>/casussen/?naam", params={"naam": name})

    @task(4)
    def case_page(self):
        case_id = self.rng.choice(self.team["case_ids"])
        self.get(f"{self.list}{case_id}/", "/teams/<t>/casussen/<id>/")


class Registrant(Base):
    """A referrer's system: registers cases through the API and reads them back."""

    username_role = "aanmelder"
    wait_time = between(2, 5)

    def on_start(self):
        workload.api_token(self.client, self.host, self.username, STATE["plan"]["password"])
        self.register()

    @task(2)
    def register(self):
        body = workload.registration_body(STATE["plan"], self.slug, self.rng)
        case_id = self.post("/api/v1/cases", "/api/v1/cases", body, "cases", "id")
        if case_id is not None:
            self.get(f"/api/v1/cases/{case_id}", "/api/v1/cases/<id>")

    @task(1)
    def own_cases(self):
        self.get("/api/v1/cases", "/api/v1/cases?mine", params={"mine": "true"})


class MapSearcher(Base):
    """Looks for an offer on the social map: the search page and the API."""

    username_role = "aanmelder"

    def on_start(self):
        workload.web_login(self.client, self.host, self.username, STATE["plan"]["password"])

    def criteria(self) -> tuple[list[str], int]:
        return self.rng.sample(STATE["plan"]["needs"], 1), self.rng.randint(4, 20)

    @task(2)
    def page(self):
        needs, age = self.criteria()
        params = {"hulpvragen": needs, "leeftijd": age}
        self.get(f"/teams/{self.slug}/sociale-kaart/", "/teams/<t>/sociale-kaart/", params=params)

    @task(1)
    def api(self):
        needs, age = self.criteria()
        params = {"teamId": self.team["id"], "needs": ",".join(needs), "age": age}
        self.get("/api/v1/socialmap/offers", "/api/v1/socialmap/offers", params=params)


class Provider(Base):
    """A provider's employee confirms or changes waiting times of the own offers."""

    username_role = "aanbieder"
    wait_time = between(3, 8)

    def on_start(self):
        workload.api_token(self.client, self.host, self.username, STATE["plan"]["password"])

    @task
    def confirm(self):
        if not self.team["offers"]:
            return
        offer = self.rng.choice(self.team["offers"])
        body = workload.waiting_time_body(self.rng)
        path = f"/api/v1/socialmap/offers/{offer}/waiting-times"
        self.post(path, "/api/v1/socialmap/offers/<id>/waiting-times", body, "waiting_times", "id")


class Zelfmelder(Base):
    """A young person or parent registers themselves (anonymous API), each family from its
    own address (the per-address limit is 5 an hour)."""

    wait_time = between(5, 15)

    def on_start(self):
        open_teams = [
            s for s, t in sorted(STATE["plan"]["teams"].items()) if t["self_registration"]
        ]
        self.slug = self.rng.choice(open_teams)

    @task
    def register(self):
        workload.bind(self.client, serving.loopback_address(next(STATE["addresses"])))
        body = workload.public_body(STATE["plan"], self.slug, self.rng)
        path = "/api/v1/public/registrations"
        self.post(path, "/api/v1/public/registrations", body, "zelfmeldingen", "reference")


CLASSES = {cls.__name__: cls for cls in (TeamMember, Registrant, MapSearcher, Provider, Zelfmelder)}


def user_counts(users: int) -> dict[str, int]:
    """Users per type per MIX, at least one of each; the rest to the team members."""
    counts = {name: max(1, int(users * share)) for name, share in MIX.items()}
    counts["TeamMember"] += users - sum(counts.values())
    return counts


def run_load(bases: list[str], args) -> Environment:
    counts = user_counts(args.users)
    for name, cls in CLASSES.items():
        cls.fixed_count = counts[name]
    STATE["hosts"] = itertools.cycle(bases)
    STATE["addresses"] = itertools.count()
    # statistics restart once every user has started (logins and first requests of the
    # freshly booted workers are ramp-up, not steady state)
    env = Environment(user_classes=list(CLASSES.values()), reset_stats=True)
    runner = env.create_local_runner()
    runner.start(sum(counts.values()), spawn_rate=args.spawn_rate)
    gevent.spawn_later(args.duration, runner.quit)
    runner.greenlet.join()
    return env


def report(env: Environment, args, vendor: str, checks: dict) -> int:
    rows, errors = [], 0
    for (name, method), entry in sorted(env.stats.entries.items()):
        errors += entry.num_failures
        rows.append([
            f"{method} {name}", entry.num_requests, entry.num_failures,
            round(entry.get_response_time_percentile(0.5)),
            round(entry.get_response_time_percentile(0.95)), round(entry.max_response_time),
        ])  # fmt: skip
    total = env.stats.total
    print()
    print(f"machine   {serving.machine()}")
    print(f"setup     {args.users} users {args.duration:.0f} s, {args.instances} gunicorn x "
          f"{args.gunicorn_workers} workers, {args.job_workers} job workers "
          f"({serving.WORKER_COMMAND}), {vendor}, {args.cases} seeded cases")  # fmt: skip
    print()
    print(serving.markdown_table(
        ["request", "n", "errors", "p50 ms", "p95 ms", "max ms"],
        [*rows, ["all", total.num_requests, total.num_failures,
                 round(total.get_response_time_percentile(0.5)),
                 round(total.get_response_time_percentile(0.95)),
                 round(total.max_response_time)]],
    ))  # fmt: skip
    print(f"\nthroughput {total.num_requests / max(args.duration, 1):.1f} requests/s")
    for (method, name), error in list(env.stats.errors.items())[:10]:
        print(f"  error {method} {name}: {error.occurrences}x {str(error.error)[:160]}")
    print()
    print(serving.markdown_table(["write check", "value"], [[k, v] for k, v in checks.items()]))
    bad = errors or any(
        checks[k] for k in checks if k.startswith(("lost", "partial", "unack", "unexercised"))
    )
    print(f"\nresult: {'FAIL' if bad else 'OK'}: {errors} errors")
    return 1 if bad else 0


def main(argv=None) -> int:
    args = parse_args(argv)
    with serving.temporary_database(args.database_url) as url:
        serving.setup_django(url)
        from django.db import connection

        from passend.cases.models import Casus

        started = time.perf_counter()
        serving.migrate()
        STATE["plan"] = workload.seed(args.cases)
        vendor = connection.vendor
        before = Casus.objects.count()
        connection.close()
        print(f"{vendor}: migrated and seeded in {time.perf_counter() - started:.0f} s", flush=True)
        STATE["created"] = {"cases": set(), "zelfmeldingen": set(), "waiting_times": set()}
        service = serving.Service(url, instances=args.instances,
                                  gunicorn_workers=args.gunicorn_workers,
                                  job_workers=args.job_workers)  # fmt: skip
        with service:
            env = run_load(service.bases, args)
            service.check_alive()
            server_errors = service.server_errors()
        created = STATE["created"]
        lost = workload.lost_writes(created)
        acknowledged = len(created["cases"]) + len(created["zelfmeldingen"])
        new_cases = Casus.objects.count() - before
        checks = {
            "cases registered (API)": len(created["cases"]),
            "zelfmeldingen": len(created["zelfmeldingen"]),
            "waiting times confirmed": len(created["waiting_times"]),
            **{f"lost {kind}": n for kind, n in lost.items()},
            "unacknowledged new cases": new_cases - acknowledged,
            "partial cases": len(workload.partial_cases()),
        }
        if args.smoke:  # every kind of write must have happened at least once
            checks["unexercised writes"] = sum(1 for n in list(checks.values())[:3] if not n)
        connection.close()
        for line, count in server_errors.items():
            print(f"  server log {count}x: {line}")
        return report(env, args, vendor, checks)


if __name__ == "__main__":
    sys.exit(main())
