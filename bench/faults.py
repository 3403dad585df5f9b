"""Faults under traffic: (a) `kill -9` of gunicorn workers during a burst of registrations,
(b) a PostgreSQL restart during traffic. Afterwards every case is whole or absent, no
acknowledged write is lost, and the service answers again without being restarted.

    python bench/faults.py --postgres            # both, on a private temporary PostgreSQL
    python bench/faults.py --database-url postgres://postgres@127.0.0.1:5432/postgres  # (a)
    python bench/faults.py --smoke               # (a) on SQLite; (b) when a private cluster
                                                 # can be started here (initdb, pg_ctl)

(a) `kill`: 1 gunicorn instance (2 workers) + 1 job worker; registrants post cases through
the API; a third of the way in one gunicorn worker is killed with SIGKILL, two thirds in all
of them at once. Measured: failed requests, and the seconds from killing all workers to the
first 2xx (gunicorn's master starts new workers). (b) `restart`: the same service on a
PostgreSQL cluster of its own (initdb in a temporary directory, a free port; never the
machine's shared server), traffic of registrations and reads; a third of the way in the
cluster is stopped (`pg_ctl stop -m fast`: every connection is cut), left down for `--down`
seconds (3) and started again. Measured: failed
requests, the seconds with errors, the seconds from the restart to the first 2xx after it,
and whether any app process had to restart.
Checks (both): every acknowledged case id is in the database, every case is whole
(``benchkit.workload.partial_cases``), no process of the service died. Exit code 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import serving, workload

SCENARIOS = ("kill", "restart")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="run on a private temporary PostgreSQL cluster (needed for restart)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="PostgreSQL server for (a) without --postgres; none: SQLite",
    )
    parser.add_argument("--duration", type=float, default=30, help="seconds of traffic (30)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--cases", type=int, default=200, help="seeded cases (200)")
    parser.add_argument("--down", type=float, default=3, help="(b): seconds PostgreSQL is down (3)")
    parser.add_argument("--smoke", action="store_true", help="short run (CI)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.smoke:
        args.duration, args.clients, args.cases, args.down = 6, 3, 10, 2
    return args


class Traffic:
    """Client threads, each with an API token from its own loopback address, registering
    cases (and, with `reads`, listing them) until stopped. Every answer is recorded with its
    time: (t, ok, what)."""

    def __init__(self, base: str, plan: dict, clients: int, reads: bool = False):
        self.base, self.plan, self.reads = base, plan, reads
        self.events: list[tuple[float, bool, str]] = []
        self.created: set[int] = set()
        self.lock, self.stop = threading.Lock(), threading.Event()
        self.sessions = []
        teams = sorted(plan["teams"])
        for n in range(clients):
            session = workload.bind(requests.Session(), serving.loopback_address(1000 + n))
            slug = teams[n % len(teams)]
            user = f"aanmelder.{plan['teams'][slug]['short']}"
            workload.api_token(session, base, user, plan["password"])
            self.sessions.append((session, slug))
        self.threads = [
            threading.Thread(target=self._run, args=(s, slug, n), daemon=True)
            for n, (s, slug) in enumerate(self.sessions)
        ]

    def _record(self, ok: bool, what: str, case_id=None) -> None:
        with self.lock:
            self.events.append((time.monotonic(), ok, what))
            if case_id is not None:
                self.created.add(case_id)

    def _run(self, session: requests.Session, slug: str, n: int) -> None:
        rng = random.Random(n)
        while not self.stop.is_set():
            try:
                if self.reads and n % 3 == 2:
                    answer = session.get(f"{self.base}/api/v1/cases", timeout=20)
                    self._record(answer.status_code == 200, f"GET {answer.status_code}")
                else:
                    body = workload.registration_body(self.plan, slug, rng)
                    answer = session.post(f"{self.base}/api/v1/cases", json=body, timeout=20)
                    ok = answer.status_code == 201
                    self._record(
                        ok, f"POST {answer.status_code}", answer.json()["id"] if ok else None
                    )
            except (requests.RequestException, ValueError) as error:
                self._record(False, type(error).__name__)
                time.sleep(0.05)

    def __enter__(self) -> Traffic:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def failures(self, since: float = 0.0) -> list[tuple[float, bool, str]]:
        return [e for e in self.events if not e[1] and e[0] >= since]

    def first_ok_after(self, moment: float) -> float | None:
        """Seconds from `moment` to the first success answered after it (None: none)."""
        times = [t for t, ok, _ in self.events if ok and t > moment]
        return min(times) - moment if times else None


def seconds(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f}"


def wait_for_workers(service: serving.Service, master, count: int, deadline_s=60.0) -> list[int]:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        pids = service.worker_pids(master)
        if len(pids) >= count:
            return pids
        time.sleep(0.1)
    raise SystemExit(f"gunicorn has no {count} workers after {deadline_s:.0f} s")


def scenario_kill(service: serving.Service, plan: dict, args) -> dict:
    master = service.gunicorn_masters()[0]
    wait_for_workers(service, master, service.gunicorn_workers)
    with Traffic(service.bases[0], plan, args.clients) as traffic:
        time.sleep(args.duration / 3)
        one = service.worker_pids(master)[0]
        killed_one = time.monotonic()
        os.kill(one, signal.SIGKILL)
        time.sleep(args.duration / 3)
        wait_for_workers(service, master, service.gunicorn_workers)
        killed_all = time.monotonic()
        for pid in service.worker_pids(master):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(args.duration / 3)
        deadline = time.monotonic() + 60
        while traffic.first_ok_after(killed_all) is None and time.monotonic() < deadline:
            time.sleep(0.2)
    recovery = traffic.first_ok_after(killed_all)
    return {
        "requests": len(traffic.events),
        "failed requests": len(traffic.failures()),
        "failed after killing 1 of 2 workers": len(
            [e for e in traffic.failures(killed_one) if e[0] < killed_all]
        ),
        "failed after killing all workers": len(traffic.failures(killed_all)),
        "s to first 2xx after killing all": seconds(recovery),
        "_ok": recovery is not None,
        "_created": traffic.created,
        "_failures": traffic.failures(),
    }


def scenario_restart(service: serving.Service, cluster: serving.PrivatePostgres, plan, args):
    masters = [p.pid for p in service.gunicorn_masters()]
    before = {
        pid: set(service.worker_pids(p))
        for pid, p in zip(masters, service.gunicorn_masters(), strict=True)
    }
    with Traffic(service.bases[0], plan, args.clients, reads=True) as traffic:
        time.sleep(args.duration / 3)
        restart_at = time.monotonic()
        cluster.restart(down_s=args.down)
        restarted = time.monotonic()
        time.sleep(2 * args.duration / 3)
        deadline = time.monotonic() + 60
        while traffic.first_ok_after(restarted) is None and time.monotonic() < deadline:
            time.sleep(0.2)
    failures = traffic.failures(restart_at)
    window = (failures[-1][0] - failures[0][0]) if failures else 0.0
    recovery = traffic.first_ok_after(failures[-1][0] if failures else restarted)
    after = {p.pid: set(service.worker_pids(p)) for p in service.gunicorn_masters()}
    respawned = sum(len(before[pid] - after.get(pid, set())) for pid in before)
    return {
        "requests": len(traffic.events),
        "s the database was away (stop, down, start)": f"{restarted - restart_at:.2f}",
        "failed requests": len(traffic.failures()),
        "s with errors": f"{window:.2f}",
        "s from the database back to first 2xx": seconds(traffic.first_ok_after(restarted)),
        "gunicorn workers replaced": respawned,
        "_ok": recovery is not None,
        "_created": traffic.created,
        "_failures": traffic.failures(),
    }


def run(args, scenario: str, database_url: str, cluster=None) -> int:
    serving.setup_django(database_url)
    from django.db import connection

    from passend.cases.models import Casus

    serving.migrate()
    plan = workload.seed(args.cases, socialmap=False)
    vendor = connection.vendor
    before = Casus.objects.count()
    connection.close()
    with serving.Service(database_url, instances=1, gunicorn_workers=2, job_workers=1) as service:
        if scenario == "kill":
            result = scenario_kill(service, plan, args)
        else:
            result = scenario_restart(service, cluster, plan, args)
        dead = [service.name(p) for p in service.processes if p.poll() is not None]
        log, server_errors = service.tail(1500), service.server_errors()
    created = result.pop("_created")
    lost = workload.lost_writes({"cases": created})["cases"]
    new_cases = Casus.objects.count() - before
    partial = workload.partial_cases()
    connection.close()
    result |= {
        "cases acknowledged": len(created),
        "lost acknowledged cases": lost,
        "cases written without an answer (whole)": new_cases - len(created),
        "partial cases": len(partial),
        "service processes that died": ", ".join(dead) or 0,
    }
    failures = result.pop("_failures")
    ok = result.pop("_ok") and not lost and not partial and not dead and new_cases >= len(created)
    title = {"kill": "(a) kill -9 of gunicorn workers", "restart": "(b) PostgreSQL restart"}
    print(f"\n{title[scenario]} — {vendor}, {args.clients} clients, {args.duration:.0f} s")
    print(f"machine {serving.machine()}\n")
    print(serving.markdown_table(["measure", "value"], [[k, v] for k, v in result.items()]))
    kinds: dict[str, int] = {}
    for _, _, what in failures:
        kinds[what] = kinds.get(what, 0) + 1
    print(f"\nfailures by kind: {kinds or 'none'}")
    for line, count in server_errors.items():
        print(f"  server log {count}x: {line}")
    if dead or not ok:
        print(f"service log (tail):\n{log}")
    print(f"result: {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


def child(args) -> int:
    """One scenario in this process, on its database."""
    if args.postgres or args.scenario == "restart":
        if not serving.PrivatePostgres.available():
            print("no initdb/pg_ctl here: PostgreSQL scenarios not run", file=sys.stderr)
            return 1
        with serving.PrivatePostgres() as cluster, serving.temporary_database(cluster.url()) as url:
            return run(args, args.scenario, url, cluster)
    server = None if args.smoke else args.database_url
    with serving.temporary_database(server) as url:
        return run(args, args.scenario, url)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.scenario != "all":
        return child(args)
    # each scenario in a process of its own (its own database and settings)
    base = [sys.executable, __file__, *(argv or sys.argv[1:])]
    scenarios = ["kill"]
    if args.postgres or (args.smoke and serving.PrivatePostgres.available()):
        scenarios.append("restart")
    else:
        print("(b) PostgreSQL restart: not run (needs --postgres and initdb/pg_ctl)")
    codes = {}
    for scenario in scenarios:
        codes[scenario] = subprocess.run([*base, "--scenario", scenario], check=False).returncode
    summary = ", ".join(f"{s} {'OK' if c == 0 else 'FAIL'}" for s, c in codes.items())
    print(f"\nfaults: {summary}")
    return 0 if all(c == 0 for c in codes.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
