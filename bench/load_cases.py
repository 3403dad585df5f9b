"""Load N synthetic benchmark cases (default 100,000) into the two demo teams, fast.

    python bench/load_cases.py --count 100000 --database-url sqlite:////work/main/var/bench.sqlite3
    python bench/load_cases.py --count 100000 \
        --database-url postgres://postgres@127.0.0.1:5432/passend_bench

Loads the demo region first (``passend.demo.region.load_demo_region``), then inserts cases with
``bulk_create`` in batches. Encrypted fields are real: ``Casus(...)`` and ``Ouder(...)`` are
built normally and encrypted in ``get_prep_value`` during the insert. Derived fields come from
``services.refresh_identity``; the blind name index from ``pseudonyms.token_digests``. Per case:
1 Ouder, 1-3 reasons and 1-4 life domains, and one Statuswijziging per step of the shortest
path from aangemeld to the case's state through the workflow table (``workflow.TRANSITIONS``),
so a new state or transition is followed without a change here. The first cases take each
state once; the rest follow the demo's state shares (a state they do not know weighs 1).

Benchmark cases are recognised by their reference (``BENCH-0000001`` ...). The script refuses to
run when they exist, unless ``--reset`` deletes them first. Deterministic for a seed, with dates
counted back from today's midnight. Fully synthetic data (the demo region's word pools).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import sys
import time
from pathlib import Path

import smoke  # bench/smoke.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "BENCH-"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="number of cases (100000)")
    parser.add_argument("--database-url", help="DATABASE_URL to load into (default: env/dev)")
    parser.add_argument("--batch-size", type=int, default=2000, help="cases per batch (2000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    parser.add_argument("--reset", action="store_true", help="delete benchmark cases first")
    parser.add_argument(
        "--no-analyze", action="store_true", help="skip ANALYZE (planner statistics) at the end"
    )
    parser.add_argument(
        "--analyze-only",
        action="store_true",
        help="only run (VACUUM) ANALYZE, e.g. after a migration",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="afterwards check the cases against the workflow table (always with --smoke)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny run on a fresh temporary SQLite (for CI)"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.count, args.batch_size = min(args.count, 250), 100
        args.database_url = args.database_url or smoke.database_url()
    return args


def setup_django(database_url: str | None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "passend.settings.dev"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Generator:
    """Builds one batch of unsaved model instances per call; all randomness from one rng."""

    def __init__(self, rng: random.Random, anchor: dt.datetime):
        from passend.accounts.models import User
        from passend.cases.codes import CaseState, ReferrerType
        from passend.cases.models import LifeDomain, RegistrationReason
        from passend.demo import case_data as D
        from passend.demo.region import TEAMS
        from passend.regions.models import Organisation, Team

        self.rng, self.anchor, self.D = rng, anchor, D
        self.S, self.R = CaseState, ReferrerType
        self.teams = []
        for spec in TEAMS:
            team = Team.objects.get(slug=spec.slug)
            names = ("aanmelder", "screener", "procesregisseur", "teamlid-procesregisseur")
            users = {
                u.username.split(".")[0]: u
                for u in User.objects.filter(username__in=[f"{n}.{spec.short}" for n in names])
            }
            referrers = dict(D.REFERRER_WEIGHTS)
            if not team.self_registration_enabled:
                referrers.pop(ReferrerType.OUDERS_JEUGDIGE)
            self.teams.append(
                {
                    "team": team,
                    "gemeenten": list(team.gemeenten.order_by("cbs_code")),
                    "users": users,
                    "referrers": referrers,
                }
            )
        self.orgs: dict[str, list] = {}
        for org in Organisation.objects.order_by("name"):
            self.orgs.setdefault(org.type, []).append(org)
        self.reasons = list(RegistrationReason.objects.filter(active=True).order_by("code"))
        self.domains = list(LifeDomain.objects.filter(active=True).order_by("code"))
        self.used_bsn: set[str] = set()

    def _birth_date(self, day: dt.date, age: int) -> dt.date:
        latest = day - dt.timedelta(days=round(age * 365.25) + 1)
        return latest - dt.timedelta(days=self.rng.randint(0, 364))

    def state(self, number: int) -> str:
        """Cases 1..len(CaseState) take each state once (so even a tiny run has every state),
        the rest the demo's shares; a state the demo data does not know yet weighs 1."""
        states = list(self.S)
        if number <= len(states):
            return states[number - 1]
        return weighted(self.rng, {s: self.D.STATE_WEIGHTS.get(s, 1) for s in states})

    def case(self, number: int):
        """(Casus, Ouder, [Statuswijziging], reasons, life domains) for case `number`, unsaved."""
        from passend.cases.codes import ACTIVE_STATES, ClosureOutcome, Plaatsingsroute, Woonsituatie
        from passend.cases.models import Casus, Ouder, Statuswijziging
        from passend.cases.workflow import PLACEMENT_OUTCOMES

        rng, D, S, R = self.rng, self.D, self.S, self.R
        ctx = self.teams[number % len(self.teams)]
        state = self.state(number)
        path = workflow_path(state)
        low, high = D.DAYS_AGO.get(state, (30, 730))
        registered_at = self.anchor - dt.timedelta(
            days=rng.randint(low, high), hours=rng.randint(0, 15), minutes=rng.randint(0, 59)
        )
        age = weighted(rng, D.AGE_WEIGHTS)
        birth = self._birth_date(registered_at.date(), age)
        gender = weighted(rng, D.GENDER_WEIGHTS)
        pool = {"v": D.FIRST_NAMES_GIRLS, "m": D.FIRST_NAMES_BOYS}.get(
            gender, D.FIRST_NAMES_NEUTRAL
        )
        gemeente = rng.choice(ctx["gemeenten"])
        referrer = weighted(rng, ctx["referrers"])
        users = ctx["users"]
        aanmelder, organisation = users["aanmelder"], None
        if referrer == R.OUDERS_JEUGDIGE:
            aanmelder = None
        elif referrer == R.ZELFVERWIJZER:
            aanmelder = users["screener"]
        else:
            types = D.REFERRER_ORG_TYPES.get(referrer, ())
            candidates = [o for t in types for o in self.orgs.get(t, [])]
            organisation = rng.choice(candidates) if candidates else None
        surname = D.surname(rng)
        casus = Casus(
            team=ctx["team"],
            reference=f"{PREFIX}{number:07d}",
            state=state,
            registered_at=registered_at,
            is_draft=False,
            self_registration=referrer == R.OUDERS_JEUGDIGE,
            first_name=rng.choice(pool),
            last_name=surname,
            birth_date=birth,
            gender=gender,
            bsn=D.synthetic_bsn(rng, self.used_bsn) if rng.random() < 0.2 else None,
            address=D.address(rng, gemeente),
            gemeente=gemeente,
            aanmelder=aanmelder,
            aanmelder_organisation=organisation,
            referrer_type=referrer,
            question=rng.choice(D.QUESTIONS),
            care_history=rng.choice(D.CARE_HISTORY),
            fluctuating=rng.random() < 0.35,
            multiple_conditions=rng.random() < 0.45,
            family_care_needs=rng.random() < 0.3,
            urgency=weighted(rng, D.URGENCY_WEIGHTS),
            # The monitoring codes from the case number (no draw: the rest stays as it was).
            living_situation=Woonsituatie.values[number % len(Woonsituatie.values)],
            youth_informed=rng.random() < 0.92,
            parents_informed=rng.random() < 0.95,
        )
        # The screening decision is the step out of in_screening on the case's path through
        # the workflow table (in_behandeling for every state after it).
        screened_as = next(
            (to for frm, to in itertools.pairwise(path) if frm == S.IN_SCREENING), None
        )
        if screened_as is not None:
            generic = D.SCREENING[
                S.IN_BEHANDELING if screened_as in ACTIVE_STATES else S.DOORVERWEZEN
            ]
            casus.screening_reason = rng.choice(D.SCREENING.get(screened_as, generic))
            casus.screening_outcome = {
                S.IN_BEHANDELING: "geschikt",
                S.CRISIS_DOORVERWEZEN: "crisis",
            }.get(screened_as, "niet_geschikt")
            casus.redirected_to = rng.choice(D.REDIRECTS.get(screened_as, [""]))
        if S.IN_BEHANDELING in path:
            casus.casushouder = users["teamlid-procesregisseur"]
            casus.procesregisseur = users["procesregisseur"]
        if state == S.AFGESLOTEN:  # a closed case carries its recorded outcome
            casus.closure_outcome = rng.choice(ClosureOutcome.values)
            if casus.closure_outcome == ClosureOutcome.PASSENDE_PLEK:
                casus.fitting_place_on = min(
                    self.anchor.date(), registered_at.date() + dt.timedelta(days=90)
                )
            casus.closure_reason = "Afgesloten (benchmark)."
            casus.living_situation_at_closure = Woonsituatie.values[(number // 3) % 9]
            if casus.closure_outcome in PLACEMENT_OUTCOMES:
                casus.placement_route = Plaatsingsroute.values[number % 4]
        relation, _gezag = rng.choice(D.PARENT_SETS[:6])[0][0]
        sex = {"moeder": "v", "vader": "m"}.get(relation) or rng.choice("vm")
        parent_first = rng.choice(D.FIRST_NAMES_ADULTS[sex])
        parent_last = surname if rng.random() < 0.7 else D.surname(rng)
        ouder = Ouder(
            first_name=parent_first,
            last_name=parent_last,
            relation=relation,
            has_gezag=age < 18,
            address=casus.address if rng.random() < 0.8 else None,
            **D.contact(rng, parent_first, parent_last),
        )
        # One history entry per step of the path, spread between registration and today.
        span = (self.anchor - registered_at) / (len(path) + 1)
        history = [
            Statuswijziging(
                from_state=frm,
                to_state=to,
                at=registered_at + span * i,
                reason="aanmelding" if not frm else "benchmark",
            )
            for i, (frm, to) in enumerate(zip(["", *path], path, strict=False))
        ]
        reasons = rng.sample(self.reasons, min(len(self.reasons), rng.randint(1, 3)))
        domains = rng.sample(self.domains, min(len(self.domains), rng.randint(1, 4)))
        casus.multiple_domains = len(domains) > 1
        return casus, ouder, history, reasons, domains


def workflow_path(state: str) -> list[str]:
    """The shortest path from aangemeld to `state` through the workflow table
    (passend.cases.workflow.TRANSITIONS), both ends included. A state the table cannot reach
    is an error here, not a silently wrong case."""
    from passend.cases.codes import CaseState
    from passend.cases.workflow import TRANSITIONS

    paths = {CaseState.AANGEMELD: [CaseState.AANGEMELD]}
    frontier = [CaseState.AANGEMELD]
    while frontier:
        nxt = []
        for current in frontier:
            for frm, to in TRANSITIONS:
                if frm == current and to not in paths:
                    paths[to] = [*paths[current], to]
                    nxt.append(to)
        frontier = nxt
    if state not in paths:
        raise SystemExit(f"state {state!r} cannot be reached through the workflow table")
    return [str(s) for s in paths[state]]


def bench_cases():
    from passend.cases.models import Casus

    return Casus.objects.filter(reference__startswith=PREFIX)


def reset() -> int:
    """Delete the benchmark cases (and, by cascade, their parents, history and index)."""
    from passend.cases.models import Casus

    deleted = 0
    while ids := list(bench_cases().order_by("pk").values_list("pk", flat=True)[:5000]):
        Casus.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
    return deleted


def insert_batch(rows) -> int:
    """Insert one batch in one transaction; returns the number of rows written."""
    from django.db import transaction

    from passend.cases import pseudonyms
    from passend.cases.models import Casus, NameToken, Ouder, Statuswijziging
    from passend.cases.services import refresh_identity

    Reasons, Domains = Casus.reasons.through, Casus.life_domains.through
    with transaction.atomic():
        cases = [row[0] for row in rows]
        for casus in cases:
            refresh_identity(casus)
        Casus.objects.bulk_create(cases)  # PKs come back (RETURNING on PostgreSQL and SQLite)
        tokens, ouders, history, reasons, domains = [], [], [], [], []
        for casus, ouder, entries, casus_reasons, casus_domains in rows:
            tokens += [
                NameToken(casus=casus, digest=d)
                for d in pseudonyms.token_digests(casus.first_name, casus.last_name)
            ]
            ouder.casus = casus
            ouders.append(ouder)
            for entry in entries:
                entry.casus = casus
            history += entries
            reasons += [Reasons(casus=casus, registrationreason=r) for r in casus_reasons]
            domains += [Domains(casus=casus, lifedomain=d) for d in casus_domains]
        NameToken.objects.bulk_create(tokens)
        Ouder.objects.bulk_create(ouders)
        Statuswijziging.objects.bulk_create(history)
        Reasons.objects.bulk_create(reasons)
        Domains.objects.bulk_create(domains)
    return len(cases) + len(tokens) + len(ouders) + len(history) + len(reasons) + len(domains)


def check_cases() -> list[str]:
    """What is wrong with the loaded benchmark cases (empty: nothing): every state occurs;
    each case's history is a path through the workflow table ending in its state; a closed
    case satisfies the closure rule. Run by --smoke (and --check), so a workflow change that
    the generator does not follow fails CI."""
    from passend.cases.codes import CaseState
    from passend.cases.workflow import TRANSITIONS, closure_recorded

    problems = []
    present = set(bench_cases().values_list("state", flat=True).distinct())
    if missing := set(CaseState.values) - present:
        problems.append(f"states without a case: {sorted(missing)}")
    for casus in bench_cases().prefetch_related("transitions"):
        steps = sorted(casus.transitions.all(), key=lambda t: (t.at, t.pk))
        if not steps or steps[0].from_state or steps[-1].to_state != casus.state:
            problems.append(f"{casus.reference}: history does not end in {casus.state}")
        for step in steps[1:]:
            if (step.from_state, step.to_state) not in TRANSITIONS:
                problems.append(f"{casus.reference}: {step.from_state} -> {step.to_state}")
        if casus.state == CaseState.AFGESLOTEN and (problem := closure_recorded(casus)):
            problems.append(f"{casus.reference}: {problem}")
    return problems


def analyze() -> None:
    """Planner statistics: VACUUM ANALYZE on PostgreSQL (what autovacuum does in steady state:
    statistics and the visibility map), ANALYZE on SQLite (Django never runs it, and every
    migration that rebuilds a SQLite table drops that table's statistics)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.count < 1 or args.batch_size < 1:
        print("--count and --batch-size must be positive", file=sys.stderr)
        return 2
    setup_django(args.database_url)
    if args.smoke:
        smoke.migrate()

    from django.db import connection
    from django.utils import timezone

    from passend.cases.models import Casus
    from passend.demo.region import load_demo_region

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if args.analyze_only:
        started = time.perf_counter()
        analyze()
        print(f"ANALYZE: {time.perf_counter() - started:.1f} s")
        return 0
    existing = bench_cases().count()
    if existing and not args.reset:
        print(
            f"{existing} benchmark cases ({PREFIX}...) already exist; "
            "run with --reset to delete them first.",
            file=sys.stderr,
        )
        return 1
    if existing:
        started = time.perf_counter()
        deleted = reset()
        print(f"reset: deleted {deleted} benchmark cases in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    region = load_demo_region()
    print(f"demo region {region['region']}: {region['teams']} teams, {region['users']} users")

    rng = random.Random(args.seed)
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    generator = Generator(rng, anchor)
    load_started = time.perf_counter()
    rows_written = 0
    for first in range(1, args.count + 1, args.batch_size):
        last = min(first + args.batch_size, args.count + 1)
        rows_written += insert_batch([generator.case(n) for n in range(first, last)])
        done = last - 1
        elapsed = time.perf_counter() - load_started
        print(
            f"  {done:>7} / {args.count} cases  {elapsed:7.1f} s  {done / elapsed:6.0f} cases/s",
            flush=True,
        )
    load_seconds = time.perf_counter() - load_started
    if not args.no_analyze:
        analyze_started = time.perf_counter()
        analyze()
        print(f"ANALYZE: {time.perf_counter() - analyze_started:.1f} s")
    total = time.perf_counter() - started
    print(
        f"loaded {args.count} cases ({rows_written} rows incl. tokens, parents, history, "
        f"code links) in {load_seconds:.1f} s: {args.count / load_seconds:.0f} cases/s, "
        f"{rows_written / load_seconds:.0f} rows/s; total {total:.1f} s"
    )
    print(f"cases in database: {Casus.objects.count()} ({bench_cases().count()} benchmark)")
    if args.smoke or args.check:
        problems = check_cases()
        for problem in problems[:20]:
            print(f"  PROBLEM {problem}", file=sys.stderr)
        print(f"check: {len(problems)} problems (states, workflow paths, closures)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
