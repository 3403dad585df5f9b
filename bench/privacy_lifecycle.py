"""The two bulk operations of the privacy lifecycle (issue 12): `manage.py rebuild_analytics`
and the nightly retention run (`apply_retention`), at 1,000 and 10,000 cases.

    python bench/privacy_lifecycle.py                     # SQLite, a fresh database per size
    python bench/privacy_lifecycle.py \
        --database-url postgres://postgres@127.0.0.1:5432/passend_bench_privacy   # PostgreSQL
    python bench/privacy_lifecycle.py --smoke             # tiny, for CI

Each size (``--sizes``, default 1000,10000) runs in a process of its own on a fresh database:
a temporary SQLite file, or with a PostgreSQL URL (``--database-url`` / DATABASE_URL) a
temporary database created on that server and dropped afterwards (the database named in the
URL itself is not touched). Settings: ``benchkit.settings`` (DEBUG off). Seed: the demo
region and map, N cases from ``load_cases.py``'s generator and ``insert_batch``, then their
case work from the demo (``passend.demo.casework_load``: timelines and analysis, meetings with
minutes, advice with follow-ups and clarification requests, procesregie and escalations), and
an encrypted PDF attachment on every ``--attachment-every``-th case that is due. The closed and
the rejected/redirected cases are moved in time (the whole case: registration, every history
entry, birth date, fitting place), so that M of the N (about ``--due-share``, 10 %) ended
before their team's retention period and the other ones within it. No case has an analytics
fact before the first rebuild (bulk loaders bypass the services).

Measured, in this order, each with the seconds, the time per case and the SQL queries per case:
``rebuild_analytics`` (``call_command``, every fact created), the same again (must write 0
rows), ``apply_retention(dry_run=True)`` (must count M), ``apply_retention()`` (must anonymise
M: their parents, name tokens and attachments gone, their facts unlinked), and the same again
(must find 0). Exits 1 when a check fails. Fully synthetic data.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import io
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import serving

REBUILT = re.compile(r"(\d+) gewijzigd \((\d+) rijen nieuw, (\d+) bijgewerkt, (\d+) verwijderd\)")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="PostgreSQL server to create the temporary databases on (default: SQLite)",
    )
    parser.add_argument("--sizes", default="1000,10000", help="case counts, comma-separated")
    parser.add_argument(
        "--due-share", type=float, default=0.1, help="share of the cases past retention (0.1)"
    )
    parser.add_argument(
        "--attachment-every",
        type=int,
        default=10,
        help="an attachment on every n-th due case (10; 0: none)",
    )
    parser.add_argument("--no-casework", action="store_true", help="skip the demo case work")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    parser.add_argument("--json", help="write the figures to this file as JSON")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny run on a fresh temporary SQLite (for CI)"
    )
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)  # one size: the child
    parser.add_argument("--result", help=argparse.SUPPRESS)  # where the child writes its figures
    args = parser.parse_args(argv)
    if args.smoke:
        args.database_url, args.sizes = None, "60"
        args.due_share, args.attachment_every = 0.25, 3
    return args


# --- seed -------------------------------------------------------------------------------------


class Dating:
    """Gives a closed case the demo's path (in behandeling → advies uitgebracht → follow-up →
    afgesloten, as ``passend.demo.casework``; the loader takes the shortest path, without an
    advice), so the case work gets an advice and a follow-up to record and to clear. Then moves
    every closed or decided case in time so that about N * share cases end before their team's
    retention period: a final case is due while fewer than floor(number * share) are (final
    cases are about half of all, so the quota is met all along). A due case ended 1-540 days
    before the cutoff, any other final case between the cutoff and today. The whole case moves
    (registration, history, birth date, fitting place), so its path, its age and its closure
    rule stay valid. Own rng: the generator's draws stay the same."""

    def __init__(self, rng: random.Random, anchor: dt.datetime, share: float):
        from passend.cases.codes import CaseState as S
        from passend.cases.workflow import TRANSITIONS
        from passend.privacy import retention

        steps = [S.IN_BEHANDELING, S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN]
        self.via_advice = [str(s) for s in steps]
        if not all(pair in TRANSITIONS for pair in itertools.pairwise(steps)):
            self.via_advice = []  # the workflow changed: keep the loader's path
        self.rng, self.anchor, self.share = rng, anchor, share
        self.final = {str(s) for s in (*retention.CLOSED_STATES, *retention.DECIDED_STATES)}
        self.cutoffs: dict[int, dt.datetime] = {}
        self.retention = retention
        self.due: list = []

    def cutoff(self, team) -> dt.datetime:
        if team.pk not in self.cutoffs:
            day = self.retention.retention_cutoff(team, self.anchor.date())
            self.cutoffs[team.pk] = self.retention._start_of(day)
        return self.cutoffs[team.pk]

    def advise(self, history: list) -> None:
        """in_behandeling → afgesloten becomes in_behandeling → ... → afgesloten (in place)."""
        from passend.cases.models import Statuswijziging

        start, closing = history[-2], history[-1]
        third = (closing.at - start.at) / 3
        middle = [
            Statuswijziging(
                from_state=frm, to_state=to, at=start.at + third * i, reason="benchmark"
            )
            for i, (frm, to) in enumerate(itertools.pairwise(self.via_advice[:3]), start=1)
        ]
        closing.from_state = self.via_advice[2]
        history[-1:-1] = middle

    def __call__(self, number: int, row: tuple) -> tuple:
        casus, _ouder, history, _reasons, _domains = row
        if casus.state not in self.final:
            return row
        rng, cutoff = self.rng, self.cutoff(casus.team)
        if self.via_advice and [e.to_state for e in history[-2:]] == self.via_advice[::3]:
            self.advise(history)
        if len(self.due) < math.floor(number * self.share):
            self.due.append(casus)
            ended = cutoff - dt.timedelta(days=rng.randint(1, 540), minutes=rng.randint(1, 900))
        else:
            room = (self.anchor - cutoff).total_seconds() - 2 * 86400
            ended = cutoff + dt.timedelta(seconds=86400 + rng.random() * room)
        delta = ended - history[-1].at
        casus.registered_at += delta
        for entry in history:
            entry.at += delta
        days = dt.timedelta(days=delta.days)
        if casus.birth_date:
            casus.birth_date += days
        if casus.fitting_place_on:
            casus.fitting_place_on = min(casus.fitting_place_on + days, self.anchor.date())
        return row


def attach(cases: list, every: int) -> int:
    """An encrypted PDF on every `every`-th due case, written like ``attachments.add`` (file
    in storage, Fernet like the encrypted fields) without its checks and access log."""
    from django.core.files.base import ContentFile

    from passend.cases.attachments import _fernet
    from passend.cases.models import Bijlage
    from passend.cases.tests.files import pdf

    if every < 1:
        return 0
    rows = []
    for n, casus in enumerate(cases[::every]):
        content = pdf(f"verslag {casus.reference}")
        attachment = Bijlage(
            casus=casus,
            original_name=f"verslag-{n}.pdf",
            content_type="application/pdf",
            size=len(content),
        )
        attachment.file.save(f"bench-{n:06d}", ContentFile(_fernet().encrypt(content)), save=False)
        rows.append(attachment)
    Bijlage.objects.bulk_create(rows)
    return len(rows)


def seed(args, count: int) -> dict:
    import load_cases  # bench/load_cases.py
    from django.test import override_settings
    from django.utils import timezone

    from passend.analytics.models import CasusFeit
    from passend.demo.casework_load import load_demo_casework
    from passend.demo.region import load_demo_region
    from passend.demo.socialmap import load_demo_socialmap

    started = time.perf_counter()
    # Nobody logs in here: the demo users' passwords with a fast hasher (PBKDF2 takes about
    # 0.3 s per user, most of a smoke run's seed).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        load_demo_region()
    load_demo_socialmap()  # the advice demo picks offers from the map
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    generator = load_cases.Generator(random.Random(args.seed), anchor)
    dating = Dating(random.Random(args.seed + 1), anchor, args.due_share)
    rows = 0
    for first in range(1, count + 1, 2000):
        batch = [dating(n, generator.case(n)) for n in range(first, min(first + 2000, count + 1))]
        rows += load_cases.insert_batch(batch)
    loaded = time.perf_counter() - started
    casework = {} if args.no_casework else load_demo_casework(args.seed)
    worked = time.perf_counter() - started - loaded
    attachments = attach(dating.due, args.attachment_every)
    load_cases.analyze()
    problems = load_cases.check_cases() if args.smoke else []
    return {
        "cases": count,
        "rows": rows,
        "due": len(dating.due),
        "due_ids": sorted(c.pk for c in dating.due),
        "casework": {k: v for k, v in casework.items() if k != "created"},
        "attachments": attachments,
        "facts_before": CasusFeit.objects.count(),
        "load_s": loaded,
        "casework_s": worked,
        "seed_s": time.perf_counter() - started,
        "problems": problems,
    }


# --- measuring --------------------------------------------------------------------------------


@contextlib.contextmanager
def timed():
    """Seconds and SQL statements of the block (a counting execute wrapper: no query log)."""
    from django.db import connection

    result = {"queries": 0}

    def count(execute, sql, params, many, context):
        result["queries"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        yield result
        result["s"] = time.perf_counter() - started


def rebuild_analytics() -> tuple[dict, dict]:
    from django.core.management import call_command

    out = io.StringIO()
    with timed() as figures:
        call_command("rebuild_analytics", stdout=out)
    match = REBUILT.search(out.getvalue())
    if match is None:
        raise SystemExit(f"rebuild_analytics said: {out.getvalue()!r}")
    facts, created, updated, deleted = map(int, match.groups())
    return figures, {"facts": facts, "created": created, "updated": updated, "deleted": deleted}


def retention(dry_run: bool) -> tuple[dict, dict]:
    from passend.privacy.retention import apply_retention

    with timed() as figures:
        run = apply_retention(dry_run=dry_run, trigger="command")
    return figures, run.counts


def one_size(args) -> int:
    """This process: seed one fresh database with `args.size` cases and measure."""
    media = Path(tempfile.mkdtemp(prefix="passend-bench-media-"))
    atexit.register(shutil.rmtree, media, ignore_errors=True)
    os.environ["PASSEND_VAR_DIR"] = str(media)  # attachments; the database URL is explicit
    server = None if args.smoke else args.database_url
    with serving.temporary_database(server) as url:
        serving.setup_django(url)
        from django.db import connection

        from passend.analytics.models import CasusFeit
        from passend.cases.models import Bijlage, Casus, NameToken, Ouder

        serving.migrate()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sqlite_version()"
                if connection.vendor == "sqlite"
                else "SHOW server_version"
            )
            version = cursor.fetchone()[0]
        database = f"{'SQLite' if connection.vendor == 'sqlite' else 'PostgreSQL'} {version}"
        data = seed(args, args.size)
        load_before = os.getloadavg()
        n, m = data["cases"], data["due"]
        print(
            f"[{n} cases] seeded in {data['seed_s']:.1f} s ({data['rows']} case rows in "
            f"{data['load_s']:.1f} s; case work {data['casework']} in {data['casework_s']:.1f} s); "
            f"{m} due, {data['attachments']} attachments; facts before: {data['facts_before']}",
            flush=True,
        )
        problems = list(data["problems"])
        if data["facts_before"]:
            problems.append(f"{data['facts_before']} facts before the first rebuild")

        first, first_rows = rebuild_analytics()
        linked = CasusFeit.objects.filter(casus__isnull=False).count()
        if linked != n or first_rows["facts"] != n:
            problems.append(f"first rebuild: {first_rows['facts']} facts changed, {linked} linked")
        second, second_rows = rebuild_analytics()
        written = second_rows["created"] + second_rows["updated"] + second_rows["deleted"]
        if written or second_rows["facts"]:
            problems.append(f"second rebuild wrote {written} rows ({second_rows})")
        print(
            f"[{n} cases] rebuild_analytics: {first['s']:.1f} s, "
            f"{1000 * first['s'] / n:.1f} ms/case, {first['queries'] / n:.1f} queries/case, "
            f"{first_rows['created']} rows; again: {second['s']:.1f} s, "
            f"{1000 * second['s'] / n:.1f} ms/case, {written} rows",
            flush=True,
        )

        load_cases_analyze()
        dry, dry_counts = retention(dry_run=True)
        if dry_counts["casussen"] != m:
            problems.append(f"dry run: {dry_counts['casussen']} cases due, expected {m}")
        if Casus.objects.filter(anonymised_at__isnull=False).exists():
            problems.append("the dry run anonymised cases")
        real, real_counts = retention(dry_run=False)
        if real_counts["casussen"] != m:
            problems.append(f"retention: {real_counts['casussen']} anonymised, expected {m}")
        due = Casus.objects.filter(pk__in=data["due_ids"])
        left = {
            "not anonymised": due.filter(anonymised_at__isnull=True).count(),
            "anonymised but not due": Casus.objects.filter(anonymised_at__isnull=False)
            .exclude(pk__in=data["due_ids"])
            .count(),
            "parents": Ouder.objects.filter(casus__in=due).count(),
            "name tokens": NameToken.objects.filter(casus__in=due).count(),
            "attachments": Bijlage.objects.filter(casus__in=due).count(),
            "linked facts": CasusFeit.objects.filter(casus__in=due).count(),
            "files": sum(1 for p in (media / "media").rglob("*") if p.is_file())
            if (media / "media").exists()
            else 0,
        }
        problems += [f"after retention: {number} {what}" for what, number in left.items() if number]
        unlinked = CasusFeit.objects.filter(casus__isnull=True).count()
        if unlinked != m:
            problems.append(f"after retention: {unlinked} unlinked facts, expected {m}")
        again, again_counts = retention(dry_run=False)
        if again_counts["casussen"] or again_counts["concepten"]:
            problems.append(f"second retention run found {again_counts['casussen']} cases")
        records = real_counts.get("records", {})
        print(
            f"[{n} cases] retention: dry run {dry['s']:.1f} s ({dry_counts['casussen']} due); "
            f"run {real['s']:.1f} s, {1000 * real['s'] / max(m, 1):.1f} ms/case, "
            f"{real['queries'] / max(m, 1):.1f} queries/case; again {again['s']:.1f} s "
            f"({again_counts['casussen']} found)",
            flush=True,
        )
        print(
            f"[{n} cases] anonymised records: "
            + ", ".join(f"{k} {v}" for k, v in sorted(records.items())),
            flush=True,
        )
        for problem in problems:
            print(f"[{n} cases] PROBLEM {problem}", file=sys.stderr)
        result = {
            "database": database,
            "cases": n,
            "due": m,
            "attachments": data["attachments"],
            "casework": data["casework"],
            "seed_s": data["seed_s"],
            "rebuild": {**first, **first_rows},
            "rebuild_again": {**second, **second_rows},
            "dry_run": {**dry, "found": dry_counts["casussen"]},
            "retention": {**real, "anonymised": real_counts["casussen"], "records": records},
            "retention_again": {**again, "found": again_counts["casussen"]},
            "load": [load_before, os.getloadavg()],
            "problems": problems,
        }
    if args.result:
        Path(args.result).write_text(json.dumps(result))
    return 1 if problems else 0


def load_cases_analyze() -> None:
    """Planner statistics for the new analytics rows, as in steady state (autovacuum; on
    SQLite the ANALYZE after migrate)."""
    import load_cases  # bench/load_cases.py

    load_cases.analyze()


# --- the sizes, each in its own process ---------------------------------------------------------


def machine() -> str:
    import django

    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        names = [
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return (
        f"{os.cpu_count()} CPU ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Django {django.get_version()}"
    )


def table(results: list[dict]) -> str:
    lines = [
        "| database | cases | rebuild s | ms/case | queries/case | again s | rows | due M "
        "| dry run s | retention s | ms/case | queries/case | again s | found |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n, m = r["cases"], max(r["due"], 1)
        b, b2, d, t, t2 = (
            r[k] for k in ("rebuild", "rebuild_again", "dry_run", "retention", "retention_again")
        )
        again_rows = b2["created"] + b2["updated"] + b2["deleted"]
        lines.append(
            f"| {r['database']} | {n} | {b['s']:.1f} | {1000 * b['s'] / n:.1f} "
            f"| {b['queries'] / n:.1f} | {b2['s']:.1f} | {again_rows} | {r['due']} "
            f"| {d['s']:.2f} | {t['s']:.1f} | {1000 * t['s'] / m:.1f} | {t['queries'] / m:.1f} "
            f"| {t2['s']:.2f} | {t2['found']} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.size is not None:
        return one_size(args)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if any(size < 1 for size in sizes) or not 0 < args.due_share < 0.5:
        print("sizes must be positive and --due-share between 0 and 0.5", file=sys.stderr)
        return 2
    sys.path.insert(0, str(serving.ROOT))
    print(f"Machine: {machine()}")
    print(f"Load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results, codes = [], []
    base = [sys.executable, __file__, *(argv if argv is not None else sys.argv[1:])]
    for size in sizes:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            code = subprocess.run(
                [*base, "--size", str(size), "--result", out.name], check=False
            ).returncode
            codes.append(code)
            text = Path(out.name).read_text()
            if text:
                results.append(json.loads(text))
    if results:
        print()
        print(table(results))
        loads = [x for r in results for pair in r["load"] for x in pair[:1]]
        print(f"\nLoad average (1 min) during the runs: {min(loads):.2f}-{max(loads):.2f}")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))
    ok = len(results) == len(sizes) and all(code == 0 for code in codes)
    print(f"privacy lifecycle: {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
