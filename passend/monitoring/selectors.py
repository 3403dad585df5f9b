"""The first figures of monitoring, read only from the analytics record.

Every count comes from ``passend.analytics.selectors.visible_facts`` (the case facts of the
team for the municipalities the user is granted) and goes through ``suppress.suppress_row``
before it is shown, on the page and in the API alike. All tables cover the same period — the
last twelve months, the current one included — so their totals agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import aggregate_gemeente_ids

from . import definitions as D
from . import dimensions
from . import engine as E
from . import periods as P
from . import tables as T
from .models import Verhaal
from .suppress import SUPPRESSED, TOTAL
from .suppress import Count as Shown

MONTHS = 12
UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    count: Shown


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    cells: list[Cell]
    total: Shown


def months(today: datetime.date, n: int = MONTHS) -> list[datetime.date]:
    """The first days of the last `n` months, oldest first, the current month last."""
    first = today.replace(day=1)
    found = []
    for _i in range(n):
        found.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return found[::-1]


def _engine_table(
    user, team, key, title, period, *, group_by="", date="registered_on", buckets=None
):
    """A registrations table from the engine, suppressed by the one rule (``suppress``)."""
    definition = D.Definition(
        code=f"_summary_{key}",
        version=1,
        name_nl=title,
        name_en=title,
        wat_nl="",
        wat_en="",
        waarom_nl="",
        waarom_en="",
        hoe_nl="",
        hoe_en="",
        unit=D.COUNT,
        date=date,
    )
    periods = buckets or [period]
    result = E.compute(
        E.Request(
            definition,
            scope(user, team),
            [*periods, period] if buckets else periods,
            group_by=group_by,
        )
    )
    if buckets:
        cells = [Cell(b.key, b.label, _count(result.get(TOTAL, b))) for b in buckets]
    else:
        cells = [
            Cell(g.api or UNKNOWN, g.label, _count(result.get(g.api, period)))
            for g in result.groups
            if g.api not in (E.UNKNOWN, E.OTHER) or result.get(g.api, period).value != 0
        ]
    return Table(key, title, cells, _count(result.get(TOTAL, period)))


def _count(shown) -> Shown:
    return SUPPRESSED if shown.suppressed else shown.value


def summary(user, team, *, today: datetime.date | None = None) -> dict:
    """Registrations of the last twelve months per month, per gemeente and per status, and the
    outcomes of the cases closed in those months; suppressed by the one rule."""
    today = today or timezone.localdate()
    first = months(today)[0]
    period = P.Period.between(first, P.month_end(P.month_index(today)))
    return {
        "period_from": period.start,
        "period_to": today,
        "tables": [
            _engine_table(
                user,
                team,
                "per_month",
                _("Aanmeldingen per maand"),
                period,
                buckets=period.buckets(P.MONTH),
            ),
            _engine_table(
                user,
                team,
                "per_gemeente",
                _("Aanmeldingen per gemeente"),
                period,
                group_by="gemeente",
            ),
            _engine_table(
                user, team, "per_status", _("Aanmeldingen per status"), period, group_by="state"
            ),
            _engine_table(
                user,
                team,
                "per_outcome",
                _("Uitkomst van de casussen afgesloten in deze periode"),
                period,
                group_by="closureOutcome",
                date="closed_on",
            ),
        ],
    }


# -- indicators --------------------------------------------------------------------------


def scope(user, team) -> E.Scope:
    """The team and the municipalities `user` may count in it; one Scope per user object and
    team (so per request: ``request.user`` is made anew for each), with its values cache."""
    scopes = user.__dict__.setdefault("_monitoring_scopes", {})
    if team.pk not in scopes:
        scopes[team.pk] = E.Scope(team, frozenset(aggregate_gemeente_ids(user, team)))
    return scopes[team.pk]


def definitions(team) -> list[D.Definition]:
    return D.for_team(team)


def definition(team, code: str) -> D.Definition | None:
    return D.get(team, code)


def indicator_table(
    user,
    team,
    definition: D.Definition,
    *,
    period: P.Period,
    granularity: str = "",
    compare: bool = False,
    filters: dict[str, str] | None = None,
    group_by: str | None = None,
    trend: P.Period | None = None,
    today: datetime.date | None = None,
) -> T.IndicatorTable:
    """One indicator's table for `period`: split into `granularity` buckets (a trend), or with
    the previous period and the same period last year (`compare`); grouped by `group_by` (the
    definition's default when None); filtered by `filters` ({dimension: API value}). `trend`:
    also the quarters of that period, as bucket columns (the dashboard's trend, computed and
    protected together with the table).

    Raises ``engine.QueryError`` (a Dutch message) for an unknown dimension or value."""
    today = today or timezone.localdate()
    filters = dict(filters or {})
    group_by = definition.group_by if group_by is None else group_by
    if group_by and group_by not in dimensions.DIMENSIONS:
        raise E.QueryError("groupBy", _("Onbekend kenmerk '%(name)s'.") % {"name": group_by[:40]})
    if group_by:
        dim = dimensions.get(group_by)
        if dim.kind == dimensions.EVENT and dim.event_kind != definition.event_kind:
            raise E.QueryError(
                "groupBy",
                _("%(dimension)s hoort niet bij deze indicator.") % {"dimension": dim.label},
            )
    columns: list[tuple[P.Period, str]] = []
    if granularity:
        columns += [(b, "bucket") for b in period.buckets(granularity)]
    elif trend is not None:
        columns += [(b, "bucket") for b in trend.buckets(P.QUARTER)]
    columns.append((period, "period"))
    if compare:
        columns += [(period.previous(), "previous"), (period.year_before(), "yearBefore")]
    request = E.Request(
        definition,
        scope(user, team),
        list(dict.fromkeys(p for p, _role in columns)),
        filters=filters,
        group_by=group_by,
        today=today,
    )
    engine = E.Engine(request)  # validates the filters before anything is computed
    labels = []
    for name, value in filters.items():
        known = {v.api: v.label for v in engine.values(name)}
        labels.append((name, str(dimensions.get(name).label), known.get(value, value)))
    result = E.compute(request, engine=engine)
    table = T.build(
        result,
        period=period,
        columns=columns,
        group_by=group_by,
        filters=labels,
        granularity=granularity,
    )
    story = Verhaal.objects.filter(team=team, indicator=definition.code, period=period.key).first()
    table.story = story.text if story else ""
    return table


def table_for(user, team, definition: D.Definition, query, *, today: datetime.date, **changes):
    """``indicator_table`` for a parsed question (``query.Query``), as pages, downloads and
    the API ask it; `changes` override a part of it (e.g. ``granularity=""``)."""
    asked = {
        "period": query.period,
        "granularity": query.granularity,
        "compare": query.compare,
        "filters": query.filters,
        "group_by": query.group_by,
    }
    asked.update(changes)
    return indicator_table(user, team, definition, today=today, **asked)
