"""The basisset (``basisset.toml``): every entry is complete and computable, covers LEARNING.md
§1's indicator list, and — the acceptance test of issue 13 — every number it shows on the demo
data equals a computation written here straight from the case records.

The independent side reads ``Casus``, its transitions, its discussions, advice, follow-ups,
clarification requests and escalations through ``analytics.tests.helpers.expected_dump`` (the
record's definitions, written from the case records, not with ``analytics.record``) and then
filters, groups and counts in plain Python here: nothing of ``passend.analytics`` (other than
that test helper) or ``passend.monitoring.engine`` is used. The dimension registry is used only
to spell a group as the API does (a gemeente by its CBS code, a wijk by its code …).
"""

import calendar
import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from passend.accounts.models import Membership, User
from passend.accounts.roles import Role
from passend.analytics.tests.helpers import expected_dump
from passend.cases.models import Casus
from passend.monitoring import definitions as D
from passend.monitoring import dimensions
from passend.monitoring import periods as P
from passend.monitoring.selectors import indicator_table
from passend.monitoring.suppress import TOTAL
from passend.regions.models import Team

TEXTS = ("name", "wat", "waarom", "hoe")
SEED = re.compile(r"\(S\d:\d+")

# LEARNING.md §1 "Resulting indicator list", items 1–7 (8 needs data the record does not hold),
# each part to the basisset codes that answer it.
LEARNING_LIST = {
    "1 registrations per period": ["aanmeldingen"],
    "1 by referrer type": ["aanmeldingen_verwijzer"],
    "1 by referring organisation": ["aanmeldingen_organisatie"],
    "1 by municipality": ["aanmeldingen_gemeente"],
    "1 by wijk/stadsdeel": ["aanmeldingen_wijk"],
    "1 by age group": ["aanmeldingen_leeftijd"],
    "1 by problem type": ["aanmeldingen_problematiek"],
    "1 by reason": ["aanmeldingen_reden"],
    "1 by legal framework": ["aanmeldingen_kader"],
    "1 by urgency": ["aanmeldingen_urgentie"],
    "1 self-registration": ["zelfmeldingen"],
    "2 screening outcomes": ["screening_uitkomst"],
    "2 consultation vs advice": ["consultatie_advies"],
    "2 crisis share": ["crisis_aandeel"],
    "3 cases discussed in meetings": ["besproken_casussen"],
    "3 family participation by kind": ["besprekingen_deelname"],
    "4 lead times": [
        "dt_screening",
        "dt_eerste_bespreking",
        "dt_advies",
        "dt_passende_plek",
        "dt_advies_plek",
    ],
    "4 clarity within 6 months": ["duidelijkheid_halfjaar"],
    "4 waiting for a fitting place > 3 months": ["wachtend_3_maanden"],
    "5 advice status": ["advies_status"],
    "5 implementation status": ["advies_uitvoering"],
    "5 follow-up done": ["followups"],
    "5 clarification requests": ["toelichting"],
    "5 short-term solutions": ["kortetermijn"],
    "6 fitting place reached": ["passende_plek", "afsluitingen_uitkomst"],
    "6 out-of-home placement prevented": ["uithuisplaatsing_voorkomen"],
    "6 crisis placement": ["crisisplaatsingen"],
    "6 exit from heavier care": ["uitstroom_zwaarder"],
    "6 living situation at registration and closure": [
        "woonsituatie_aanmelding",
        "woonsituatie_afsluiten",
    ],
    "6 out-of-home placements": ["uithuisplaatsingen"],
    "6 placed via wijkteam vs GI": ["geplaatst_via"],
    "7 escalations by level": ["escalaties_niveau"],
}


# --- the entries -----------------------------------------------------------------------------


def test_every_entry_validates_with_unique_codes():
    found = D.basisset()
    codes = [d.code for d in found]
    assert len(codes) == len(set(codes)) >= 38
    for d in found:
        D.validate(d)
        assert d.basisset and d.version >= 1
        for c in (*d.where, *d.numerator):
            assert not c.predicate or c.predicate in D.PREDICATES, d.code


@pytest.mark.parametrize("d", D.basisset(), ids=lambda d: d.code)
def test_every_entry_has_dutch_and_english_texts_and_sources(d):
    for text in TEXTS:
        for lang in ("nl", "en"):
            assert getattr(d, f"{text}_{lang}").strip(), (d.code, text, lang)
    assert SEED.search(d.waarom_nl) and SEED.search(d.waarom_en), d.code
    assert d.sources and all(re.fullmatch(r"S\d:\d+(-\d+)?", s) for s in d.sources), d.code


def test_every_item_of_the_learning_list_maps_to_a_code():
    codes = D.basisset_codes()
    for item, mapped in LEARNING_LIST.items():
        assert mapped and set(mapped) <= codes, item
    assert {int(item.split()[0]) for item in LEARNING_LIST} == set(range(1, 8))


# --- the independent computation -------------------------------------------------------------

# Heaviness of a living situation (home lightest, closed care heaviest), written for the test.
HEAVINESS = {
    "thuis": 0,
    "zelfstandig": 0,
    "netwerk": 1,
    "pleegzorg": 2,
    "gezinshuis": 2,
    "residentieel": 3,
    "crisisopvang": 3,
    "gesloten": 4,
}
AT_HOME = {"thuis", "netwerk", "zelfstandig"}
OUT_OF_HOME = {"pleegzorg", "gezinshuis", "residentieel", "gesloten", "crisisopvang"}


def _lighter(row) -> bool:
    before = HEAVINESS.get(row["living_situation"] or "")
    after = HEAVINESS.get(row["living_situation_at_closure"] or "")
    return before is not None and after is not None and after < before


def predicates(today: dt.date) -> dict:
    return {
        "taken_on": lambda r: r["screening_outcome"] == "geschikt",
        "closed": lambda r: r["closed_on"] is not None,
        "lighter_at_closure": _lighter,
        "placed_out_of_home": lambda r: (
            r["living_situation"] in AT_HOME and r["living_situation_at_closure"] in OUT_OF_HOME
        ),
        "stayed_home": lambda r: (
            r["living_situation"] in AT_HOME and r["living_situation_at_closure"] in AT_HOME
        ),
        "family_setting_at_closure": lambda r: (
            r["living_situation_at_closure"] in {"pleegzorg", "gezinshuis"}
        ),
        "clarity_known": lambda r: (
            r["days_to_clarity"] is not None or (today - r["registered_on"]).days >= 183
        ),
        "clarity_within_half_year": lambda r: (
            r["days_to_clarity"] is not None and r["days_to_clarity"] <= 183
        ),
        "discussed": lambda r: r["first_discussed_on"] is not None,
        "advice_sent": lambda r: r["advice_sent_on"] is not None,
        "short_term_solution": lambda r: bool(r["short_term_solution"]),
        "follow_up_done": lambda r: r["follow_ups_done"] > 0,
        "clarification_requested": lambda r: r["clarification_requests"] > 0,
        "escalated": lambda r: r["escalation_level"] is not None,
        "self_registration": lambda r: bool(r["self_registration"]),
    }


# The case's field for each single-valued dimension, and the code kind of the multi-valued ones.
COLUMN_FIELDS = {
    "gemeente": "gemeente_id",
    "wijk": "wijk_id",
    "referrerType": "referrer_type",
    "organisation": "aanmelder_organisation_id",
    "ageGroup": "age_group",
    "legalFramework": "legal_framework",
    "urgency": "urgency",
    "selfRegistration": "self_registration",
    "state": "state",
    "screeningOutcome": "screening_outcome",
    "consultationType": "consultation_type",
    "adviceStatus": "advice_status",
    "implementationStatus": "implementation_status",
    "closureOutcome": "closure_outcome",
    "livingSituation": "living_situation",
    "livingSituationAtClosure": "living_situation_at_closure",
    "placementRoute": "placement_route",
    "escalationLevel": "escalation_level",
}
CODE_KINDS = {"problemType": "sector", "reason": "reden", "lifeDomain": "leefgebied"}


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier, the month's last day when it is shorter."""
    year, month = day.year, day.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nearest_rank(values: list[int], q: int) -> int:
    ordered = sorted(values)
    return ordered[max(1, (q * len(ordered) + 99) // 100) - 1]


class Independent:
    """The basisset's numbers for one team and its municipalities `gemeente_ids`, restricted by
    `filters` ({dimension: API value}), from the case records (`dumps`)."""

    def __init__(self, team, today: dt.date, dumps, gemeente_ids, filters=None):
        self.team = team
        self.today = today
        self.gemeente_ids = set(gemeente_ids)
        self.predicates = predicates(today)
        self._api = {}
        self.rows = [
            r
            for r in dumps
            if r["gemeente_id"] in self.gemeente_ids
            and all(v in self.groups_of(r, name) for name, v in (filters or {}).items())
        ]

    def api(self, name: str) -> dict:
        """Database value -> API spelling (the registry's values; only the spelling)."""
        if name not in self._api:
            values = dimensions.get(name).values(self.team, frozenset(self.gemeente_ids))
            self._api[name] = {v.db: v.api for v in values}
        return self._api[name]

    def groups_of(self, row, name: str) -> list[str]:
        if name in CODE_KINDS:
            return [code for kind, code in row["codes"] if kind == CODE_KINDS[name]]
        raw = row[COLUMN_FIELDS[name]]
        if raw is None or raw == "":
            return [""]
        return [self.api(name).get(raw, str(raw))]

    def meets(self, row, conditions) -> bool:
        for c in conditions:
            if c.predicate:
                if not self.predicates[c.predicate](row):
                    return False
            elif not set(self.groups_of(row, c.dimension)) & set(c.values):
                return False
        return True

    # -- what is counted: (groups, date, row) per case or event ----------------------------
    def items(self, d: D.Definition):
        for row in self.rows:
            if not self.meets(row, d.where):
                continue
            if d.subject == D.EVENTS:
                for event in row["events"]:
                    e = dict(event)
                    if e["kind"] != d.event_kind:
                        continue
                    groups = [e["code"] or ""] if d.group_by else []
                    yield groups, e["occurred_on"], row
            elif d.subject == D.CASES:
                day = row[d.date]
                if day is None or (d.unit == D.DURATION and row[d.field] is None):
                    continue
                groups = self.groups_of(row, d.group_by) if d.group_by else []
                yield groups, day, row

    def selected(self, d, group, period: P.Period):
        """The rows (one per case or event) of `group` (TOTAL: all) placed in `period`."""
        found = []
        for groups, day, row in self.items(d):
            if period.start <= day <= period.end and (group == TOTAL or group in groups):
                found.append(row)
        return found

    def stock(self, d, group, period: P.Period) -> int:
        day = min(period.end, self.today)
        n = 0
        for row in self.rows:
            if not self.meets(row, d.where):
                continue
            if d.group_by and group != TOTAL and group not in self.groups_of(row, d.group_by):
                continue
            waiting = (
                row["screening_outcome"] == "geschikt"
                and row["registered_on"] < months_before(day, 3)
                and (row["closed_on"] is None or row["closed_on"] > day)
                and (row["fitting_place_on"] is None or row["fitting_place_on"] > day)
            )
            n += waiting
        return n

    def figure(self, d, group, period, statistic) -> dict:
        """{"n": cases (the count), and for derived figures "value" and its parts}."""
        if d.subject == D.STOCK:
            return {"n": self.stock(d, group, period)}
        rows = self.selected(d, group, period)
        n = len(rows)
        if d.unit == D.COUNT:
            return {"n": n}
        if d.unit == D.SHARE:
            part = sum(1 for r in rows if self.meets(r, d.numerator))
            return {"n": n, "part": part, "rest": n - part, "value": pct(part, n)}
        days = [r[d.field] for r in rows]
        if statistic == "withinNorm":
            part = sum(1 for v in days if v <= d.norm_days)
            return {"n": n, "part": part, "rest": n - part, "value": pct(part, n)}
        if statistic == "n":
            return {"n": n}
        q = {"median": 50, "p75": 75, "p90": 90}[statistic]
        return {"n": n, "value": nearest_rank(days, q) if days else None}


def pct(part: int, n: int):
    return round(100 * part / n) if n else None


def small(n: int) -> bool:
    return 1 <= n <= 4


def check_cell(d, row_key, column, cell, expected) -> list[str]:
    """The mismatches of one shown/hidden cell against the independent figure."""
    where = f"{d.code} [{row_key}] {column.period.key} {column.statistic}"
    problems = []
    counts_cases = column.statistic == "n" or (d.unit == D.COUNT and column.statistic == "value")
    if cell.suppressed and (cell.value is not None or cell.api_value is not None):
        problems.append(f"{where}: hidden but carries a value")
    if counts_cases:
        n = expected["n"]
        if cell.suppressed:
            if cell.display != "<5":
                problems.append(f"{where}: hidden count shown as {cell.display!r}")
            if n < 1:
                problems.append(f"{where}: hidden but 0")
        else:
            if cell.value != n:
                problems.append(f"{where}: shows {cell.value}, records give {n}")
            if small(n):
                problems.append(f"{where}: shown although the records give {n} (1–4)")
        return problems
    # A derived figure: a percentage or a duration statistic.
    if not cell.suppressed and cell.value != expected["value"]:
        problems.append(f"{where}: shows {cell.value}, records give {expected['value']}")
    too_few = expected["n"] < 5
    parts_small = "part" in expected and (small(expected["part"]) or small(expected["rest"]))
    if (too_few or parts_small) and not cell.suppressed:
        problems.append(f"{where}: shown over {expected} (needs ≥ 5, parts not 1–4)")
    return problems


def case_dumps(team) -> list[dict]:
    cases = Casus.objects.filter(team=team, is_draft=False).order_by("pk")
    return [expected_dump(c) for c in cases]


def compare_tables(user, team, independent, period, **kwargs):
    """(mismatches, cells shown, cells hidden) of every basisset table against `independent`."""
    problems, shown, hidden = [], 0, 0
    for d in D.basisset():
        table = indicator_table(user, team, d, period=period, today=independent.today, **kwargs)
        keys = {row.key for row in table.rows}
        assert TOTAL in keys
        if d.group_by:
            # every group someone is in has a row
            for groups, day, _row in independent.items(d):
                if period.start <= day <= period.end and not set(groups) <= keys:
                    problems.append(f"{d.code}: no row for {sorted(set(groups) - keys)}")
                    break
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                expected = independent.figure(d, row.key, column.period, column.statistic)
                problems += check_cell(d, row.key, column, cell, expected)
                shown += not cell.suppressed
                hidden += cell.suppressed
    return problems, shown, hidden


@pytest.fixture
def demo(db):
    call_command("load_demo", "--force", stdout=StringIO())
    return Team.objects.get(slug="duinland-noord")


def test_every_basisset_number_on_the_demo_equals_the_case_records(demo):
    team = demo
    today = timezone.localdate()
    year = P.Period.parse(str(today.year - 1))
    dumps = case_dumps(team)
    area = team.gemeenten.values_list("pk", flat=True)

    # The voorzitter, the last complete year by quarter, each indicator's own grouping.
    voorzitter = User.objects.get(username="voorzitter.noord")
    independent = Independent(team, today, dumps, area)
    assert len(independent.rows) > 100
    problems, shown, hidden = compare_tables(
        voorzitter, team, independent, year, granularity=P.QUARTER
    )
    assert not problems, "\n".join(problems[:40])
    # The demo gives tables worth looking at: many figures shown, some hidden.
    assert shown > 250 and hidden > 50

    # The beleidsadviseur (the own municipality only), filtered, with the comparisons.
    advisor = Membership.objects.get(team=team, role=Role.BELEIDSADVISEUR, active=True)
    assert not advisor.aggregate_whole_area
    own = {advisor.organisation.gemeente_id}
    independent = Independent(team, today, dumps, own, filters={"urgency": "normaal"})
    assert 0 < len(independent.rows) < len(dumps)
    problems, shown, hidden = compare_tables(
        advisor.user, team, independent, year, compare=True, filters={"urgency": "normaal"}
    )
    assert not problems, "\n".join(problems[:40])
    assert shown > 40 and hidden > 10
