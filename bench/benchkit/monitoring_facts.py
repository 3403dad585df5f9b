"""The data of ``bench/monitoring.py``: the world (demo region, extra teams, DPIA, users) and
N synthetic analytics facts with their codes and events, inserted in bulk (executemany on
SQLite, COPY on PostgreSQL), then ANALYZE. Fully synthetic."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

BATCH = 10_000


def now() -> float:
    return time.perf_counter()


# --- the world --------------------------------------------------------------------------------


def world(args) -> dict:
    from passend.accounts.models import User
    from passend.demo.region import load_demo_region
    from passend.privacy.tests.factories import DpiaToetsFactory
    from passend.regions.models import Gemeente, Organisation, Team

    load_demo_region()
    noord, zuid = Team.objects.get(slug="duinland-noord"), Team.objects.get(slug="duinland-zuid")
    big, small = args.count // 4, args.count // 40
    fillers, rest = [], args.count - big - small
    n_extra = max(1, round(rest / max(small, 1)))
    for i in range(n_extra):
        team = Team.objects.create(
            region=noord.region, name=f"Bench {i:02d}", slug=f"bench-{i:02d}"
        )
        team.gemeenten.set(list(zuid.gemeenten.all()))
        fillers.append(team)
    sizes = {noord.pk: big, zuid.pk: small}
    for i, team in enumerate(fillers):
        sizes[team.pk] = rest // n_extra + (1 if i < rest % n_extra else 0)
    for team in (noord, zuid):
        DpiaToetsFactory(team=team)
    users = {
        noord.pk: User.objects.get(username="teamlid.noord"),
        zuid.pk: User.objects.get(username="teamlid.zuid"),
    }
    gemeenten = {t.pk: list(t.gemeenten.values_list("pk", flat=True)) for t in (noord, zuid)}
    all_gemeenten = list(Gemeente.objects.filter(region=noord.region).values_list("pk", flat=True))
    return {
        "teams": {"noord": noord, "zuid": zuid},
        "sizes": sizes,
        "users": users,
        "gemeenten": gemeenten,
        "all_gemeenten": all_gemeenten,
        "orgs": list(
            Organisation.objects.filter(regions=noord.region).values_list("pk", flat=True)
        ),
        "extra_teams": len(fillers),
    }


# --- the facts --------------------------------------------------------------------------------


class Generator:
    """Synthetic facts over two years: dates, lead times, outcomes and codes drawn so that
    every dimension has every value and the course of a case is consistent (a case screened
    before it is discussed, advised before it is closed, never in the future)."""

    def __init__(self, w: dict, seed: int, today: dt.date):
        from passend.cases import codes as C
        from passend.cases.models import Wijk
        from passend.monitoring import dimensions

        self.rng = random.Random(seed)
        self.today, self.w = today, w
        self.C = C
        team = w["teams"]["noord"]
        gids = w["all_gemeenten"]

        def codes(name):
            return [v.db for v in dimensions.get(name).values(team, gids)]

        self.wijken: dict[int, list[int]] = {}
        for pk, gid in Wijk.objects.filter(gemeente_id__in=gids).values_list("pk", "gemeente_id"):
            self.wijken.setdefault(gid, []).append(pk)
        self.sector, self.reden, self.leefgebied = (
            codes("problemType"),
            codes("reason"),
            codes("lifeDomain"),
        )
        self.participation = codes("participation")
        self.follow_up = codes("followUpStatus")
        self.advice = codes("sentAdviceStatus")
        self.referrers = [c.value for c in C.ReferrerType]
        self.referrer_weights = [30, 8, 6, 20, 4, 6, 3, 10, 5, 5, 3][: len(self.referrers)]
        self.living = [c.value for c in C.Woonsituatie]
        self.living_weights = [50, 10, 10, 6, 10, 3, 5, 4, 2][: len(self.living)]
        self.updated = "2026-01-01 00:00:00"
        from passend.analytics.models import age_group

        self.age_group = age_group
        self.legal = [c.value for c in C.LegalFramework]
        self.urgencies = [c.value for c in C.Urgency]
        self.outcomes = [c.value for c in C.ScreeningOutcome]
        self.consultations = [c.value for c in C.ConsultationType]
        self.routes = [c.value for c in C.Plaatsingsroute]
        self.closures = [c.value for c in C.ClosureOutcome]

    def day(self, d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    def fact(self, pk: int, team_id: int, gemeenten: list[int]):
        """One CasusFeit row (a dict by attname), its codes and its events."""
        r, C, today = self.rng, self.C, self.today
        registered = today - dt.timedelta(days=r.randint(0, 730))
        elapsed = (today - registered).days
        age = min(23, max(0, int(r.triangular(0, 23, 14))))
        age_group = self.age_group
        gemeente = r.choice(gemeenten)
        wijken = self.wijken.get(gemeente) or [None]
        referrer = r.choices(self.referrers, self.referrer_weights)[0]
        row = {
            "id": pk,
            "key": f"{r.getrandbits(128):032x}",
            "casus_id": None,
            "team_id": team_id,
            "gemeente_id": gemeente,
            "wijk_id": r.choice(wijken) if r.random() < 0.9 else None,
            "registered_on": registered,
            "age_years": age,
            "age_group": age_group(age),
            "referrer_type": referrer,
            "aanmelder_organisation_id": r.choice(self.w["orgs"]) if r.random() < 0.7 else None,
            "self_registration": r.random() < 0.03,
            "legal_framework": r.choices(self.legal, [60, 20, 6, 6, 4, 4])[0],
            "urgency": r.choices(self.urgencies, [70, 22, 8])[0],
            "living_situation": r.choices(self.living, self.living_weights)[0],
            "learning_consent": r.random() < 0.4,
            "state": C.CaseState.AANGEMELD.value,
            "screening_outcome": "",
            "screened_on": None,
            "consultation_type": "",
            "first_discussed_on": None,
            "discussions": 0,
            "advice_sent_on": None,
            "advice_status": "",
            "implementation_status": "",
            "follow_ups_done": 0,
            "clarification_requests": 0,
            "short_term_solution": False,
            "escalation_level": None,
            "reopenings": 0,
            "closed_on": None,
            "closure_outcome": "",
            "fitting_place_on": None,
            "living_situation_at_closure": "",
            "placement_route": "",
            "days_to_screening": None,
            "days_to_first_discussion": None,
            "days_to_advice": None,
            "days_to_fitting_place": None,
            "days_advice_to_fitting_place": None,
            "days_to_closure": None,
            "days_to_clarity": None,
            "unlinked_at": None,
            "updated_at": self.updated,
        }
        codes = []
        for dimension, pool, k in (
            ("sector", self.sector, r.choice((1, 1, 2))),
            ("reden", self.reden, r.choice((1, 2))),
            ("leefgebied", self.leefgebied, r.choice((1, 2, 3))),
        ):
            for code in r.sample(pool, min(k, len(pool))):
                codes.append((pk, team_id, dimension, code))
        events = []

        def event(kind, day, seq=0, frm="", to="", code="", level=None):
            events.append(
                (
                    pk,
                    team_id,
                    kind,
                    seq,
                    registered + dt.timedelta(days=day),
                    day,
                    frm,
                    to,
                    code,
                    level,
                )
            )

        t_screen = r.randint(2, 40)
        if t_screen > elapsed:
            row["state"] = C.CaseState.IN_SCREENING.value if elapsed > 1 else row["state"]
            return row, codes, events
        outcome = r.choices(self.outcomes, [80, 12, 8])[0]
        row |= {
            "screening_outcome": outcome,
            "screened_on": registered + dt.timedelta(days=t_screen),
            "days_to_screening": t_screen,
        }
        if outcome != C.ScreeningOutcome.GESCHIKT.value:
            state = (
                C.CaseState.CRISIS_DOORVERWEZEN
                if outcome == C.ScreeningOutcome.CRISIS.value
                else r.choice((C.CaseState.AFGEWEZEN, C.CaseState.DOORVERWEZEN))
            )
            row["state"] = state.value
            event("transition", t_screen, 0, "in_screening", state.value)
            return row, codes, events
        row["state"] = C.CaseState.IN_BEHANDELING.value
        row["consultation_type"] = r.choice(self.consultations)
        event("transition", t_screen, 0, "in_screening", row["state"])
        t_discuss = t_screen + r.randint(5, 45)
        if t_discuss > elapsed:
            return row, codes, events
        n = r.choice((1, 1, 2, 2, 3, 4))
        days = sorted(r.randint(t_discuss, t_discuss + 120) for _ in range(n))
        days = [d for d in days if d <= elapsed] or [t_discuss]
        for seq, d in enumerate(days):
            event("discussion", d, seq, code=r.choice(self.participation))
        row |= {
            "first_discussed_on": registered + dt.timedelta(days=t_discuss),
            "days_to_first_discussion": t_discuss,
            "discussions": len(days),
        }
        if r.random() < 0.06:
            level = r.randint(1, 3)
            row["escalation_level"] = level
            event("escalation", t_discuss + 3, 0, code=str(level), level=level)
        t_advice = t_discuss + r.randint(5, 90)
        if t_advice > elapsed:
            return row, codes, events
        status = r.choice(self.advice)
        row |= {
            "state": C.CaseState.ADVIES_UITGEBRACHT.value,
            "advice_sent_on": registered + dt.timedelta(days=t_advice),
            "days_to_advice": t_advice,
            "advice_status": status,
            "clarification_requests": r.choice((0, 0, 0, 1, 2)),
            "short_term_solution": r.random() < 0.15,
            "days_to_clarity": t_advice,
        }
        event("advice_sent", t_advice, 0, code=status)
        done = 0
        for seq, extra in enumerate((42, 90, 180)):
            if t_advice + extra <= elapsed and r.random() < 0.8:
                status = r.choice(self.follow_up)
                event("follow_up", t_advice + extra, seq, code=status)
                row["implementation_status"] = status
                done += 1
        if done:
            row["state"] = C.CaseState.FOLLOW_UP.value
            row["follow_ups_done"] = done
        if r.random() < 0.7:
            t_place = t_advice + r.randint(10, 300)
            if t_place <= elapsed:
                row |= {
                    "fitting_place_on": registered + dt.timedelta(days=t_place),
                    "days_to_fitting_place": t_place,
                    "days_advice_to_fitting_place": t_place - t_advice,
                    "placement_route": r.choice(self.routes),
                }
        t_close = t_advice + r.randint(60, 400)
        if t_close <= elapsed and r.random() < 0.85:
            outcome = r.choices(self.closures, [45, 20, 10, 10, 15])[0]
            row |= {
                "state": C.CaseState.AFGESLOTEN.value,
                "closed_on": registered + dt.timedelta(days=t_close),
                "closure_outcome": outcome,
                "days_to_closure": t_close,
                "living_situation_at_closure": r.choices(self.living, self.living_weights)[0],
            }
            event("closure", t_close, 0, code=outcome)
            event("transition", t_close, 1, row["state"], C.CaseState.AFGESLOTEN.value)
        return row, codes, events


def load(w: dict, args, today: dt.date, base: int = 25_000) -> dict:
    """Insert the facts in batches; returns row counts and seconds."""
    from django.db import connection

    from passend.analytics.models import CasusFeit, FeitCode, GebeurtenisFeit

    gen = Generator(w, args.seed, today)
    fact_cols = [f.column for f in CasusFeit._meta.concrete_fields]
    attnames = [f.attname for f in CasusFeit._meta.concrete_fields]
    code_cols = ["feit_id", "team_id", "dimension", "code"]
    event_cols = [
        "feit_id",
        "team_id",
        "kind",
        "seq",
        "occurred_on",
        "day",
        "from_state",
        "to_state",
        "code",
        "level",
    ]
    tables = (CasusFeit._meta.db_table, FeitCode._meta.db_table, GebeurtenisFeit._meta.db_table)
    pg = connection.vendor == "postgresql"
    counts = {"facts": 0, "codes": 0, "events": 0}
    started = now()
    noord, zuid = w["teams"]["noord"].pk, w["teams"]["zuid"].pk
    pk = 0

    def flush(facts, codes, events):
        raw = connection.connection
        if pg:
            with raw.cursor() as cur:
                for table, cols, rows in zip(
                    tables, (fact_cols, code_cols, event_cols), (facts, codes, events), strict=True
                ):
                    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
        else:
            cur = raw.cursor()
            for table, cols, rows in zip(
                tables, (fact_cols, code_cols, event_cols), (facts, codes, events), strict=True
            ):
                marks = ", ".join("?" * len(cols))
                cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
            cur.close()
        raw.commit()

    connection.ensure_connection()
    if not pg:
        with connection.cursor() as cur:
            cur.execute("PRAGMA synchronous = OFF")
    blocks = {}  # team -> (first id, number) of its generated facts
    for team_id in (noord, zuid):
        n = min(w["sizes"][team_id], base)
        blocks[team_id] = (pk + 1, n)
        facts, codes, events = [], [], []
        for i in range(n):
            pk += 1
            row, c, e = gen.fact(pk, team_id, w["gemeenten"][team_id])
            facts.append(
                tuple(
                    v.isoformat() if isinstance(v, dt.date) else v for v in map(row.get, attnames)
                )
            )
            codes += c
            events += [(*x[:4], x[4].isoformat(), *x[5:]) for x in e]
            if len(facts) >= BATCH or i == n - 1:
                flush(facts, codes, events)
                facts, codes, events = [], [], []
    counts["generated"] = pk
    counts["generate_s"] = now() - started
    # The rest: copies of a generated block in SQL (new ids and keys; the fillers get the
    # zuid block with their own team).
    key = "lpad(to_hex(id + %s), 32, '0')" if pg else "printf('%%032x', id + %s)"
    select = ", ".join(
        "id + %s" if c == "id" else key if c == "key" else "%s" if c == "team_id" else c
        for c in fact_cols
    )
    ev_cols = ", ".join(event_cols[2:])
    for team_id, wanted in w["sizes"].items():
        lo, n = blocks[noord if team_id == noord else zuid]
        wanted -= blocks[team_id][1] if team_id in blocks else 0
        while wanted > 0:
            k = min(n, wanted)
            offset = pk + 1 - lo
            with connection.cursor() as cur:
                cur.execute(
                    f"INSERT INTO {tables[0]} ({', '.join(fact_cols)}) SELECT {select} "
                    f"FROM {tables[0]} WHERE id BETWEEN %s AND %s",
                    [offset, offset, team_id, lo, lo + k - 1],
                )
                cur.execute(
                    f"INSERT INTO {tables[1]} (feit_id, team_id, dimension, code) "
                    f"SELECT feit_id + %s, %s, dimension, code FROM {tables[1]} "
                    f"WHERE feit_id BETWEEN %s AND %s",
                    [offset, team_id, lo, lo + k - 1],
                )
                cur.execute(
                    f"INSERT INTO {tables[2]} (feit_id, team_id, {ev_cols}) "
                    f"SELECT feit_id + %s, %s, {ev_cols} FROM {tables[2]} "
                    f"WHERE feit_id BETWEEN %s AND %s",
                    [offset, team_id, lo, lo + k - 1],
                )
            pk += k
            wanted -= k
    with connection.cursor() as cur:
        for name, table in zip(("facts", "codes", "events"), tables, strict=True):
            cur.execute(f"SELECT count(*) FROM {table}")
            counts[name] = cur.fetchone()[0]
    with connection.cursor() as cur:
        if pg:
            for table in tables:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
    counts["load_s"] = now() - started
    started = now()
    with connection.cursor() as cur:
        if pg:
            connection.connection.commit()
            old = connection.connection.autocommit
            connection.connection.autocommit = True
            for table in tables:
                cur.execute(f"VACUUM ANALYZE {table}")
            connection.connection.autocommit = old
        else:
            cur.execute("ANALYZE")
    counts["analyze_s"] = now() - started
    return counts


def db_size() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_database_size(current_database())")
            size = cur.fetchone()[0]
        else:
            size = Path(connection.settings_dict["NAME"]).stat().st_size
    return f"{size / 1024 / 1024:,.0f} MiB"
