"""Computing an indicator over the analytics record: SQL aggregation, then suppression.

One aggregate query per figure kind gives month counts by filter flags and group (a ``Cube``);
``suppress.Protection`` decides what may be shown; ``Result`` reads figures for any period.
Everything reads ``passend.analytics`` only: the case facts (``CasusFeit``), their codes and
their events — within the team and the municipalities the user is granted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Case, Count, F, Func, IntegerField, Q, Sum, Value, When
from django.utils.translation import gettext as _

from passend.analytics.models import CasusFeit, GebeurtenisFeit

from . import definitions as D
from . import dimensions
from . import periods as P
from .query import InvalidQuery
from .suppress import (
    TOTAL,
    Cube,
    Protection,
    Shown,
    StockProtection,
    duration,
    hidden_measure,
    share,
)

UNKNOWN = ""  # the group of cases without a value (no wijk, no outcome yet …)
# The group of values the registry no longer offers (an organisation that left the region, a
# code taken out of its list): shown as a row, so the rows still add up to the total.
OTHER = "_overig"
STATISTICS = ("median", "p75", "p90")


# A request the engine cannot answer: the parameter and a Dutch message for the user.
QueryError = InvalidQuery


@dataclass(frozen=True)
class Scope:
    team: object
    gemeente_ids: frozenset[int]
    # The dimension values read in this scope (code lists, wijken …), shared by the engines and
    # the filter form of one request: a page of several indicators reads each list once.
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def values(self, name: str) -> list[dimensions.Value]:
        """The values of dimension `name` in this team and these municipalities."""
        if name not in self.cache:
            self.cache[name] = dimensions.get(name).values(self.team, self.gemeente_ids)
        return self.cache[name]


@dataclass
class Request:
    definition: D.Definition
    scope: Scope
    periods: list[P.Period]
    filters: dict[str, str] = field(default_factory=dict)  # dimension -> API value
    group_by: str = ""
    today: dt.date = field(default_factory=dt.date.today)


def _flag(q: Q) -> Case:
    return Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField())


class MonthIndex(Func):
    """The month index (``periods.month_index``: year * 12 + month - 1) of a date, computed
    by the database itself (one expression instead of a CASE per month)."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL and others
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CAST(EXTRACT(YEAR FROM {sql}) AS INTEGER) * 12 "
            f"+ CAST(EXTRACT(MONTH FROM {sql}) AS INTEGER) - 1)",
            [*params, *params],
        )

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CAST(strftime('%%Y', {sql}) AS INTEGER) * 12 "
            f"+ CAST(strftime('%%m', {sql}) AS INTEGER) - 1)",
            [*params, *params],
        )


class Engine:
    def __init__(self, request: Request):
        self.r = request
        self.d = request.definition
        self.scope = request.scope
        self.events = self.d.subject == D.EVENTS
        self.prefix = "feit__" if self.events else ""
        self.group_dim = dimensions.get(request.group_by) if request.group_by else None
        self.filter_qs = [
            self._condition_q(name, [value]) for name, value in request.filters.items()
        ]

    # -- values ----------------------------------------------------------------------------
    def values(self, name: str) -> list[dimensions.Value]:
        return self.scope.values(name)

    def _db_values(self, name: str, api_values) -> list:
        known = {v.api: v.db for v in self.values(name)}
        found = []
        for value in api_values:
            if value not in known:
                raise QueryError(
                    name,
                    _("Onbekende waarde '%(value)s' voor %(dimension)s.")
                    % {"value": str(value)[:40], "dimension": dimensions.get(name).label},
                )
            found.append(known[value])
        return found

    def _condition_q(self, name: str, api_values) -> Q:
        dim = dimensions.DIMENSIONS.get(name)
        if dim is None:
            raise QueryError(name, _("Onbekend kenmerk '%(name)s'.") % {"name": name[:40]})
        db = self._db_values(name, api_values)
        if dim.kind == dimensions.EVENT:
            if not self.events or dim.event_kind != self.d.event_kind:
                raise QueryError(
                    name,
                    _("%(dimension)s hoort niet bij deze indicator.") % {"dimension": dim.label},
                )
            return Q(code__in=db)
        return dim.q(db, team=self.scope.team, prefix=self.prefix)

    def _conditions_q(self, conditions) -> Q:
        q = Q()
        for c in conditions:
            if c.predicate:
                predicate = D.PREDICATES[c.predicate](self.r.today)
                q &= self._prefixed(predicate) if self.events else predicate
            else:
                q &= self._condition_q(c.dimension, c.values)
        return q

    def _prefixed(self, q: Q) -> Q:
        """A predicate over the fact, seen from an event."""
        return Q(feit__in=CasusFeit.objects.filter(q))

    # -- base querysets --------------------------------------------------------------------
    def base(self):
        s = self.scope
        if self.events:
            # The team on both sides of the join: the database then reads the team's facts
            # (index) instead of every fact to find those of the team's events.
            qs = GebeurtenisFeit.objects.filter(
                team=s.team,
                kind=self.d.event_kind,
                feit__team=s.team,
                feit__gemeente_id__in=s.gemeente_ids,
            )
        else:
            qs = CasusFeit.objects.filter(team=s.team, gemeente_id__in=s.gemeente_ids)
        qs = qs.filter(self._conditions_q(self.d.where))
        if self.d.unit == D.DURATION:
            qs = qs.filter(**{f"{self.d.field}__isnull": False})
        return qs

    def date_field(self) -> str:
        return "occurred_on" if self.events else self.d.date

    def group_expression(self) -> str | None:
        dim = self.group_dim
        if dim is None:
            return None
        if dim.kind == dimensions.EVENT:
            return "code"
        if dim.kind == dimensions.CODE:
            return f"{self.prefix}codes__code"
        return f"{self.prefix}{dim.column}"

    def _grouped(self, qs):
        dim = self.group_dim
        if dim is not None and dim.kind == dimensions.CODE:
            qs = qs.filter(
                **{
                    f"{self.prefix}codes__team": self.scope.team,
                    f"{self.prefix}codes__dimension": dim.code_dimension,
                }
            )
        return qs

    def _count_expression(self, distinct: bool):
        if self.events:
            return Count("id")
        return Count("id", distinct=distinct)

    def _group_key(self, raw) -> object:
        """A database group value to its API value."""
        if raw is None or raw == "":
            return UNKNOWN
        return self._api_of.get(raw, OTHER)

    @cached_property
    def _api_of(self) -> dict:
        return {v.db: v.api for v in self.values(self.group_dim.name)} if self.group_dim else {}

    # -- cubes -----------------------------------------------------------------------------
    def cube(self, *, years: range, split: Q | None = None) -> Cube | tuple[Cube, Cube, Cube]:
        """Month counts for every flags vector and group over whole calendar `years`.

        With `split`: from the same single query, the cubes of all cases, of those that meet
        `split` and of those that do not (a percentage's numerator, a lead time's norm)."""
        months = range(years.start * 12, years.stop * 12)
        date_field = self.date_field()
        qs = self.base().filter(
            **{
                f"{date_field}__range": (
                    P.month_start(months.start),
                    P.month_end(months.stop - 1),
                )
            }
        )
        annotations = {"_m": MonthIndex(F(date_field))}
        flag_names = []
        for i, q in enumerate(self.filter_qs):
            annotations[f"_f{i}"] = _flag(q)
            flag_names.append(f"_f{i}")
        keys = list(flag_names)
        if split is not None:
            annotations["_s"] = _flag(split)
            keys.append("_s")
        qs = qs.annotate(**annotations)
        # counts[part][(flags, group, month)], part 1 / 0: meets `split` or not (1 without it)
        counts = {1: defaultdict(int), 0: defaultdict(int)}
        k = len(flag_names)
        group = self.group_expression()
        additive = self.group_dim is None or self.group_dim.additive
        if group:
            rows = (
                self._grouped(qs)
                .values("_m", *keys, group)
                .annotate(n=self._count_expression(distinct=not additive))
            )
            for row in rows:
                flags = tuple(row[f] for f in flag_names)
                part = counts[row["_s"] if split is not None else 1]
                key = self._group_key(row[group])
                part[(flags, key, row["_m"])] += row["n"]
                if additive:
                    part[(flags, TOTAL, row["_m"])] += row["n"]
        if not group or not additive:
            rows = qs.values("_m", *keys).annotate(n=self._count_expression(distinct=False))
            for row in rows:
                flags = tuple(row[f] for f in flag_names)
                part = counts[row["_s"] if split is not None else 1]
                part[(flags, TOTAL, row["_m"])] += row["n"]
        if split is None:
            return Cube(k, dict(counts[1]))
        both = defaultdict(int, counts[1])
        for key, n in counts[0].items():
            both[key] += n
        return Cube(k, dict(both)), Cube(k, dict(counts[1])), Cube(k, dict(counts[0]))

    def stock_cubes(self) -> dict[P.Period, Cube]:
        """Per period: the counts at its end (today when it has not ended)."""
        stock = D.STOCKS[self.d.stock]
        qs = self.base()
        annotations = {}
        flag_names = []
        for i, q in enumerate(self.filter_qs):
            annotations[f"_f{i}"] = _flag(q)
            flag_names.append(f"_f{i}")
        sums = {}
        for j, period in enumerate(self.r.periods):
            day = min(period.end, self.r.today)
            sums[f"_s{j}"] = Sum(_flag(stock(day)))
        qs = qs.annotate(**annotations)
        group = self.group_expression()
        cubes = {p: defaultdict(int) for p in self.r.periods}
        k = len(flag_names)

        def collect(rows, key_of):
            for row in rows:
                flags = tuple(row[f] for f in flag_names)
                for j, period in enumerate(self.r.periods):
                    cubes[period][(flags, key_of(row), period.first)] += row[f"_s{j}"] or 0

        if group:
            collect(
                self._grouped(qs).values(*flag_names, group).annotate(**sums),
                lambda row: self._group_key(row[group]),
            )
        if not group or not self.group_dim.additive:
            collect(qs.values(*flag_names).annotate(**sums), lambda row: TOTAL)
        else:
            for cube in cubes.values():
                for (flags, _g, m), n in list(cube.items()):
                    cube[(flags, TOTAL, m)] += n
        return {p: Cube(k, dict(c)) for p, c in cubes.items()}

    def duration_values(self) -> dict[tuple[object, int], list[int]]:
        """(group, month) -> the day counts of the cases that meet every filter."""
        first = min(p.first for p in self.r.periods)
        last = max(p.last for p in self.r.periods)
        qs = self.base().filter(
            **{f"{self.d.date}__range": (P.month_start(first), P.month_end(last))}
        )
        for q in self.filter_qs:
            qs = qs.filter(q)
        qs = qs.annotate(_m=MonthIndex(F(self.d.date)))
        found: dict = defaultdict(list)
        group = self.group_expression()
        if group:
            for m, g, v in self._grouped(qs).values_list("_m", group, self.d.field):
                found[(self._group_key(g), m)].append(v)
        for m, v in qs.values_list("_m", self.d.field):
            found[(TOTAL, m)].append(v)
        return found


@dataclass
class Result:
    """An indicator's figures for the requested periods, by group, as they may be shown."""

    definition: D.Definition
    periods: list[P.Period]
    groups: list[dimensions.Value]
    figure: dict  # (group api | TOTAL, period key, statistic) -> Shown
    statistics: tuple[str, ...]

    def get(self, group, period: P.Period, statistic: str = "value") -> Shown:
        return self.figure.get((group, period.key, statistic), hidden_measure())


def _groups(engine: Engine) -> list[dimensions.Value]:
    if engine.group_dim is None:
        return []
    values = list(engine.values(engine.group_dim.name))
    values.append(dimensions.Value(OTHER, _("overig (niet meer in de lijst)"), None))
    if engine.group_dim.kind == dimensions.COLUMN:
        values.append(dimensions.Value(UNKNOWN, _("niet vastgelegd"), None))
    return values


def compute(request: Request, *, engine: Engine | None = None) -> Result:
    """`request`'s figures; `engine`: the request's Engine when the caller built it already
    (its dimension values are then read once)."""
    engine = engine or Engine(request)
    d = request.definition
    years = range(
        min(p.first for p in request.periods) // 12,
        max(p.last for p in request.periods) // 12 + 1,
    )
    groups = _groups(engine)
    keys = [g.api for g in groups]
    additive = engine.group_dim is None or engine.group_dim.additive
    figure: dict = {}

    def protect(cube: Cube) -> Protection:
        return Protection(cube, groups=keys, years=years, additive_groups=additive)

    if d.subject == D.STOCK:
        stock = StockProtection(engine.stock_cubes(), groups=keys, additive_groups=additive)
        for p in request.periods:
            for g in [*keys, TOTAL]:
                figure[(g, p.key, "value")] = stock.count(g, p)
        return Result(d, request.periods, groups, figure, ("value",))

    if d.unit == D.COUNT:
        protection = protect(engine.cube(years=years))
        for p in request.periods:
            for g in [*keys, TOTAL]:
                figure[(g, p.key, "value")] = protection.count(g, p)
        return Result(d, request.periods, groups, figure, ("value",))

    if d.unit == D.SHARE:
        # The percentage reveals its numerator: it is shown only when the cases it counts and
        # those it does not count are both shown; the number of cases is a count of its own.
        cubes = engine.cube(years=years, split=engine._conditions_q(d.numerator))
        base, part, rest = (protect(c) for c in cubes)
        for p in request.periods:
            for g in [*keys, TOTAL]:
                figure[(g, p.key, "value")] = share(part.count(g, p), rest.count(g, p))
                figure[(g, p.key, "n")] = base.count(g, p)
        return Result(d, request.periods, groups, figure, ("value", "n"))

    # Durations: the number of cases is a count like any other; the statistics need ≥ 5.
    values = engine.duration_values()
    within = beyond = None
    if d.norm_days:
        cubes = engine.cube(years=years, split=Q(**{f"{d.field}__lte": d.norm_days}))
        protection, within, beyond = (protect(c) for c in cubes)
    else:
        protection = protect(engine.cube(years=years))
    for p in request.periods:
        for g in [*keys, TOTAL]:
            figure[(g, p.key, "n")] = protection.count(g, p)
            pooled = [v for m in range(p.first, p.last + 1) for v in values.get((g, m), ())]
            for statistic in STATISTICS:
                figure[(g, p.key, statistic)] = duration(pooled, statistic)
            if within is not None:
                figure[(g, p.key, "withinNorm")] = share(within.count(g, p), beyond.count(g, p))
    statistics = (*STATISTICS, "withinNorm", "n") if d.norm_days else (*STATISTICS, "n")
    return Result(d, request.periods, groups, figure, statistics)
