"""An indicator's figures as one table: what the dashboard, the exports (CSV, XLSX, PDF) and the
API all show. Built only by ``selectors.indicator_table``; every cell a ``suppress.Shown``.

Columns are periods (the buckets of a trend and the whole period, or the period with the
previous period and the same period a year before) times the indicator's statistics (a count
has one: ``value``; a share ``value`` and ``n``; a duration ``median``, ``p75``, ``p90``,
``withinNorm`` and ``n``). Rows are the groups of the grouping, and the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import definitions as D
from . import dimensions
from . import periods as P
from .engine import Result
from .suppress import TOTAL, Shown

STATISTIC_LABELS = {
    "value": _("aantal"),
    "n": _("aantal casussen"),
    "median": _("mediaan (dagen)"),
    "p75": _("p75 (dagen)"),
    "p90": _("p90 (dagen)"),
    "withinNorm": _("binnen de norm"),
}
SHARE_LABEL = _("aandeel")
ROLE_LABELS = {
    "period": _("periode"),
    "previous": _("vorige periode"),
    "yearBefore": _("zelfde periode vorig jaar"),
    "bucket": "",
}


@dataclass(frozen=True)
class Column:
    period: P.Period
    role: str  # period | previous | yearBefore | bucket
    statistic: str
    unit: str = D.COUNT

    @property
    def statistic_label(self) -> str:
        if self.statistic == "value" and self.unit == D.SHARE:
            return str(SHARE_LABEL)
        return str(STATISTIC_LABELS[self.statistic])

    @property
    def label(self) -> str:
        return f"{self.period.short_label} – {self.statistic_label}"


@dataclass
class Row:
    key: str  # the group's API value, or TOTAL
    label: str
    cells: list[Shown]

    @property
    def is_total(self) -> bool:
        return self.key == TOTAL


@dataclass
class IndicatorTable:
    definition: D.Definition
    period: P.Period
    columns: list[Column]
    rows: list[Row]
    group_by: str = ""
    filters: list[tuple[str, str, str]] = field(default_factory=list)  # (name, label, value label)
    granularity: str = ""
    story: str = ""

    @property
    def group_label(self) -> str:
        return str(dimensions.get(self.group_by).label) if self.group_by else ""

    @property
    def total(self) -> Row:
        return next(r for r in self.rows if r.is_total)

    @property
    def statistics(self) -> list[str]:
        return list(dict.fromkeys(c.statistic for c in self.columns))

    def main(self, row: Row, statistic: str = "") -> Shown:
        """The row's figure for the period itself (not a bucket or comparison)."""
        statistic = statistic or self.headline_statistic
        for column, cell in zip(self.columns, row.cells, strict=True):
            if column.role == "period" and column.statistic == statistic:
                return cell
        raise KeyError(statistic)

    @property
    def headline_statistic(self) -> str:
        return "median" if self.definition.unit == D.DURATION else "value"

    def cell_dicts(self) -> list[dict]:
        """The API's cells: {"group": {...}, "value", "suppressed", "display"}."""
        found = []
        for row in self.rows:
            for column, cell in zip(self.columns, row.cells, strict=True):
                group = {"period": column.period.key}
                if column.role != "period" and column.role != "bucket":
                    group["comparison"] = column.role
                if self.group_by and not row.is_total:
                    group[self.group_by] = row.key
                if column.statistic != "value":
                    group["statistic"] = column.statistic
                found.append(
                    {
                        "group": group,
                        "value": cell.api_value,
                        "suppressed": cell.suppressed,
                        "display": cell.display,
                    }
                )
        return found


def build(
    result: Result,
    *,
    period: P.Period,
    columns: list[tuple[P.Period, str]],
    group_by: str,
    filters: list[tuple[str, str, str]],
    granularity: str,
) -> IndicatorTable:
    unit = result.definition.unit
    cols = [Column(p, role, s, unit) for p, role in columns for s in result.statistics]
    rows = []
    for g in result.groups:
        cells = [result.get(g.api, c.period, c.statistic) for c in cols]
        # "Niet vastgelegd" and "overig" are left out when nobody is in them (in the period
        # and its comparisons; a trend's quarters reach further back).
        main = [cell for cell, c in zip(cells, cols, strict=True) if c.role != "bucket"]
        if g.api in ("", "_overig") and all(c.value == 0 for c in main):
            continue
        rows.append(Row(g.api, g.label, cells))
    total_label = str(_("Totaal")) if result.groups else result.definition.name
    rows.append(Row(TOTAL, total_label, [result.get(TOTAL, c.period, c.statistic) for c in cols]))
    return IndicatorTable(
        definition=result.definition,
        period=period,
        columns=cols,
        rows=rows,
        group_by=group_by,
        filters=filters,
        granularity=granularity,
    )
