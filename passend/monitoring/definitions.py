"""Indicators as data: what each one wants to know, why, how, and how it is computed.

The **basisset** ships with Passend in ``basisset.toml`` (one table per indicator; read and
checked once). A region adds **its own indicators** in the app (``models.Indicator``: a measure,
filters and a grouping over the record's fields — no code). Both become a ``Definition``, the
one thing the engine, the dashboard, the exports and the API read.

A definition counts cases of the analytics record (``subject = "cases"``), events of a kind
(``"events"``: a discussion, a follow-up, an escalation — a case discussed twice counts twice),
or the cases in a state at the end of each period (``"stock"``). It places a case in a period
by one date (``date``), keeps only the cases that satisfy ``where`` (dimension values and named
predicates) and reports a count, a share (``numerator`` within the counted cases) or a duration
(``field``: days, as median, p75 and p90).
"""

from __future__ import annotations

import calendar
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import F, Q
from django.utils.translation import get_language

from passend.cases.codes import ScreeningOutcome, Woonsituatie

from . import dimensions

COUNT, SHARE, DURATION = "count", "share", "duration"
UNITS = (COUNT, SHARE, DURATION)
CASES, EVENTS, STOCK = "cases", "events", "stock"

# Dates of the record that place a case in a period.
CASE_DATES = (
    "registered_on",
    "screened_on",
    "first_discussed_on",
    "advice_sent_on",
    "closed_on",
    "fitting_place_on",
)
# Day counts a duration indicator can report.
DURATION_FIELDS = (
    "days_to_screening",
    "days_to_first_discussion",
    "days_to_advice",
    "days_to_fitting_place",
    "days_advice_to_fitting_place",
    "days_to_closure",
    "days_to_clarity",
)
HALF_YEAR_DAYS = 183  # "snelle hulp": clarity within half a year (S2:959)
WAITING_MONTHS = 3  # Doorbraak10: waiting longer than 3 months (S1:1570)

SECTIONS = (
    "aanmeldingen",
    "screening",
    "doorlooptijden",
    "advies",
    "uitkomsten",
    "escalaties",
    "eigen",
)

# -- named predicates ---------------------------------------------------------------------
# Heaviness of a living situation, for "move out of heavier care" (S1:2691): home and the
# network lightest, residential and closed care heaviest; crisis shelter counts as heavy.
W = Woonsituatie
HEAVINESS = {
    W.THUIS: 0,
    W.ZELFSTANDIG: 0,
    W.NETWERK: 1,
    W.PLEEGZORG: 2,
    W.GEZINSHUIS: 2,
    W.RESIDENTIEEL: 3,
    W.CRISISOPVANG: 3,
    W.GESLOTEN: 4,
}
OUT_OF_HOME = (W.PLEEGZORG, W.GEZINSHUIS, W.RESIDENTIEEL, W.GESLOTEN, W.CRISISOPVANG)
AT_HOME = (W.THUIS, W.NETWERK, W.ZELFSTANDIG)
FAMILY_SETTINGS = (W.PLEEGZORG, W.GEZINSHUIS)


def _lighter_at_closure(today: dt.date) -> Q:
    q = Q(pk__in=[])
    for before, heavy in HEAVINESS.items():
        lighter = [after for after, level in HEAVINESS.items() if level < heavy]
        if lighter:
            q |= Q(living_situation=before, living_situation_at_closure__in=lighter)
    return q


def _clarity_known(today: dt.date) -> Q:
    # The half-year has passed, or clarity came already.
    return Q(days_to_clarity__isnull=False) | Q(
        registered_on__lte=today - dt.timedelta(days=HALF_YEAR_DAYS)
    )


PREDICATES = {
    "taken_on": lambda today: Q(screening_outcome=ScreeningOutcome.GESCHIKT),
    "closed": lambda today: Q(closed_on__isnull=False),
    "lighter_at_closure": _lighter_at_closure,
    "placed_out_of_home": lambda today: Q(
        living_situation__in=AT_HOME, living_situation_at_closure__in=OUT_OF_HOME
    ),
    "stayed_home": lambda today: Q(
        living_situation__in=AT_HOME, living_situation_at_closure__in=AT_HOME
    ),
    "family_setting_at_closure": lambda today: Q(living_situation_at_closure__in=FAMILY_SETTINGS),
    "clarity_known": _clarity_known,
    "clarity_within_half_year": lambda today: Q(days_to_clarity__lte=HALF_YEAR_DAYS),
    "discussed": lambda today: Q(first_discussed_on__isnull=False),
    "advice_sent": lambda today: Q(advice_sent_on__isnull=False),
    "short_term_solution": lambda today: Q(short_term_solution=True),
    "follow_up_done": lambda today: Q(follow_ups_done__gt=0),
    "clarification_requested": lambda today: Q(clarification_requests__gt=0),
    "escalated": lambda today: Q(escalation_level__isnull=False),
    "self_registration": lambda today: Q(self_registration=True),
}


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day when shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def waiting_at(day: dt.date) -> Q:
    """Stock 'waiting > 3 months for a fitting place' on `day`: taken on, registered more than
    three months before, not closed and no fitting place by then."""
    return (
        Q(screening_outcome=ScreeningOutcome.GESCHIKT)
        & Q(registered_on__lt=months_before(day, WAITING_MONTHS))
        & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        & (Q(fitting_place_on__isnull=True) | Q(fitting_place_on__gt=day))
    )


STOCKS = {"waiting_over_3_months": waiting_at}


@dataclass(frozen=True)
class Condition:
    """Cases whose `dimension` has one of `values` (API spelling), or a named predicate."""

    dimension: str = ""
    values: tuple[str, ...] = ()
    predicate: str = ""


@dataclass(frozen=True)
class Definition:
    code: str
    version: int
    name_nl: str
    name_en: str
    wat_nl: str
    wat_en: str
    waarom_nl: str
    waarom_en: str
    hoe_nl: str
    hoe_en: str
    unit: str
    subject: str = CASES
    date: str = "registered_on"
    where: tuple[Condition, ...] = ()
    numerator: tuple[Condition, ...] = ()
    field: str = ""  # duration: a DURATION_FIELDS column
    event_kind: str = ""  # subject events
    stock: str = ""  # subject stock: a STOCKS key
    group_by: str = ""  # the default grouping, a dimension name
    section: str = "aanmeldingen"
    norm_days: int | None = None
    region_id: int | None = None  # None: the basisset
    sources: tuple[str, ...] = ()  # seed references, e.g. "S0:13-18"

    def _text(self, nl: str, en: str) -> str:
        return en if (get_language() or "nl").startswith("en") and en else nl

    @property
    def name(self) -> str:
        return self._text(self.name_nl, self.name_en)

    @property
    def wat(self) -> str:
        return self._text(self.wat_nl, self.wat_en)

    @property
    def waarom(self) -> str:
        return self._text(self.waarom_nl, self.waarom_en)

    @property
    def hoe(self) -> str:
        return self._text(self.hoe_nl, self.hoe_en)

    @property
    def basisset(self) -> bool:
        return self.region_id is None

    def date_expression(self):
        return F("occurred_on") if self.subject == EVENTS else F(self.date)


class DefinitionError(ValueError):
    pass


def _conditions(raw) -> tuple[Condition, ...]:
    found = []
    for item in raw or ():
        if isinstance(item, str):
            found.append(Condition(predicate=item))
        else:
            ((name, values),) = item.items()
            found.append(Condition(dimension=name, values=tuple(str(v) for v in values)))
    return tuple(found)


def validate(d: Definition) -> None:
    """Refuse a definition the engine cannot compute (the basisset test runs this on all)."""

    def check(conditions):
        for c in conditions:
            if c.predicate:
                if c.predicate not in PREDICATES:
                    raise DefinitionError(f"{d.code}: unknown predicate {c.predicate}")
            elif c.dimension not in dimensions.DIMENSIONS or not c.values:
                raise DefinitionError(f"{d.code}: bad condition {c}")
            elif dimensions.get(c.dimension).kind == dimensions.EVENT and d.subject != EVENTS:
                raise DefinitionError(f"{d.code}: event dimension on cases")

    if d.unit not in UNITS or d.subject not in (CASES, EVENTS, STOCK):
        raise DefinitionError(f"{d.code}: unit/subject")
    if d.subject == CASES and d.date not in CASE_DATES:
        raise DefinitionError(f"{d.code}: date {d.date}")
    if d.subject == EVENTS and not d.event_kind:
        raise DefinitionError(f"{d.code}: event_kind")
    if d.subject == STOCK and (d.stock not in STOCKS or d.unit != COUNT):
        raise DefinitionError(f"{d.code}: stock")
    if d.unit == DURATION and (d.field not in DURATION_FIELDS or d.subject != CASES):
        raise DefinitionError(f"{d.code}: duration field")
    if d.unit == SHARE and not d.numerator:
        raise DefinitionError(f"{d.code}: share without numerator")
    if d.group_by:
        dim = dimensions.DIMENSIONS.get(d.group_by)
        if dim is None or (dim.kind == dimensions.EVENT and dim.event_kind != d.event_kind):
            raise DefinitionError(f"{d.code}: group_by {d.group_by}")
    if d.section not in SECTIONS:
        raise DefinitionError(f"{d.code}: section {d.section}")
    check(d.where)
    check(d.numerator)


BASISSET_FILE = Path(__file__).with_name("basisset.toml")


@cache
def basisset() -> tuple[Definition, ...]:
    data = tomllib.loads(BASISSET_FILE.read_text(encoding="utf-8"))
    found = []
    for code, raw in data.items():
        raw = dict(raw)
        d = Definition(
            code=code,
            version=int(raw.pop("version", 1)),
            where=_conditions(raw.pop("where", ())),
            numerator=_conditions(raw.pop("numerator", ())),
            sources=tuple(raw.pop("sources", ())),
            **raw,
        )
        validate(d)
        found.append(d)
    return tuple(found)


def basisset_codes() -> set[str]:
    return {d.code for d in basisset()}


def for_team(team) -> list[Definition]:
    """The basisset and the team's region's own (active) indicators."""
    from .models import Indicator

    own = [i.definition() for i in Indicator.objects.filter(region_id=team.region_id, active=True)]
    return [*basisset(), *own]


def get(team, code: str) -> Definition | None:
    return next((d for d in for_team(team) if d.code == code), None)
