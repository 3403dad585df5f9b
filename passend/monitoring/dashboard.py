"""What the monitoring dashboard pages show: the filter form and one block per indicator.

A block is built only from ``selectors.indicator_table`` (so only from suppressed ``Shown``
cells): the headline figure of the period, the previous period and the same period last year
(the difference only through ``suppress.difference``), a chart (bars for a grouping, a
distribution against the norm for lead times, a line for the trend of the last 24 months), a
one-sentence summary made of the shown figures only, the data tables and the story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, dimensions, selectors
from . import definitions as D
from . import periods as P
from . import query as Q
from .suppress import Shown, difference

SECTION_LABELS = {
    "aanmeldingen": gettext_lazy("Aanmeldingen"),
    "screening": gettext_lazy("Screening en bespreking"),
    "doorlooptijden": gettext_lazy("Doorlooptijden"),
    "advies": gettext_lazy("Advies en uitvoering"),
    "uitkomsten": gettext_lazy("Uitkomsten"),
    "escalaties": gettext_lazy("Escalaties"),
    "eigen": gettext_lazy("Eigen indicatoren van de regio"),
}
TREND_MONTHS = 24
# The units whose trend the overview shows: the trend is a second computation per indicator,
# cheap for a count, several times dearer for a share or a duration (the overview must stay
# under a second with every filter set). Section and indicator pages always show the trend.
OVERVIEW_TREND_UNITS = frozenset({D.COUNT})
UNIT_LABELS = {
    D.COUNT: gettext_lazy("aantal"),
    D.SHARE: gettext_lazy("percentage"),
    D.DURATION: gettext_lazy("dagen (mediaan)"),
}


# -- the filter form ------------------------------------------------------------------------


class MonthInput(forms.TextInput):
    input_type = "month"


class FilterForm(forms.Form):
    """Period, comparison and the dashboard's filters; parsed by ``query.parse``."""

    compare = forms.BooleanField(
        label=gettext_lazy("Vergelijken met vorige periode en vorig jaar"), required=False
    )

    def __init__(self, data, *, scope, today: dt.date, group_choices=None):
        super().__init__(data)
        self.today = today
        self.fields["from"] = forms.CharField(
            label=gettext_lazy("Van (maand)"),
            required=False,
            widget=MonthInput(attrs={"placeholder": "jjjj-mm"}),
            help_text=gettext_lazy("Bijvoorbeeld 2026-01"),
        )
        self.fields["to"] = forms.CharField(
            label=gettext_lazy("Tot en met (maand)"),
            required=False,
            widget=MonthInput(attrs={"placeholder": "jjjj-mm"}),
        )
        self.order_fields(["from", "to", "compare"])
        self.filter_names = list(dimensions.DASHBOARD_FILTERS)
        for name in self.filter_names:
            dim = dimensions.get(name)
            values = scope.values(name)
            if name == "gemeente":  # only the granted municipalities
                values = [v for v in values if v.db in scope.gemeente_ids]
            self.fields[name] = forms.ChoiceField(
                label=capfirst(dim.label),
                required=False,
                choices=[("", _("Alle"))] + [(v.api, v.label) for v in values],
            )
        if group_choices is not None:
            self.fields["groupBy"] = forms.ChoiceField(
                label=gettext_lazy("Uitsplitsen naar"),
                required=False,
                choices=group_choices,
            )
        self.query: Q.Query | None = None

    def period_fields(self):
        return [self["from"], self["to"]]

    def filter_fields(self):
        return [self[name] for name in self.filter_names]

    def clean(self):
        data = super().clean()
        invalid = set(self.errors)
        params = {
            "from": data.get("from") or "",
            "to": data.get("to") or "",
            "compare": "true" if data.get("compare") else "",
            "groupBy": data.get("groupBy") or "",
        }
        for name in self.filter_names:
            if data.get(name):
                params[name] = data[name]
        params = {k: v for k, v in params.items() if v and k not in invalid}
        try:
            query = Q.parse(params, today=self.today)
        except Q.InvalidQuery as error:
            if error.param not in invalid:
                self.add_error(error.param if error.param in self.fields else None, error.message)
            return data
        if not self.errors:
            self.query = query
        return data


def form_data(get, *, today: dt.date) -> dict:
    """The GET parameters the form knows, with the default period filled in."""
    default = P.Period.containing(today, P.YEAR)
    data = {"from": default.start.strftime("%Y-%m"), "to": default.end.strftime("%Y-%m")}
    if "periodKey" in get:  # a link from a story or an export: the calendar period
        try:
            period = P.Period.parse(get["periodKey"])
            data = {"from": period.start.strftime("%Y-%m"), "to": period.end.strftime("%Y-%m")}
        except P.PeriodError:
            pass
    for name, value in get.items():
        if name != "periodKey":
            data[name] = value
    return data


def quick_choices(query: Q.Query, *, today: dt.date) -> list[dict]:
    """Links to whole calendar periods, keeping the other choices."""
    choices = [
        (_("Dit jaar"), P.current(P.YEAR, today)),
        (_("Vorig jaar"), P.last_complete(P.YEAR, today)),
        (_("Laatste hele kwartaal"), P.last_complete(P.QUARTER, today)),
        (_("Laatste hele halfjaar"), P.last_complete(P.HALF, today)),
    ]
    found = []
    for label, period in choices:
        params = query.params()
        params["from"] = period.start.strftime("%Y-%m")
        params["to"] = period.end.strftime("%Y-%m")
        found.append(
            {
                "label": label,
                "period": period.label,
                "querystring": urlencode(params),
                "current": period == query.period,
            }
        )
    return found


def group_choices(definition: D.Definition) -> list[tuple[str, str]]:
    choices = [("", _("Standaard van de indicator")), (Q.NO_GROUPING, _("Niet uitsplitsen"))]
    for dim in dimensions.DIMENSIONS.values():
        if dim.kind == dimensions.EVENT and dim.event_kind != definition.event_kind:
            continue
        if dim.kind == dimensions.EVENT and definition.subject != D.EVENTS:
            continue
        choices.append((dim.name, str(dim.label)))
    return choices


# -- one indicator's block ------------------------------------------------------------------


@dataclass
class Comparison:
    label: str
    period: str
    figure: Shown
    difference: Shown


@dataclass
class Block:
    definition: D.Definition
    table: object  # tables.IndicatorTable
    headline: Shown
    comparisons: list[Comparison] = field(default_factory=list)
    chart: str = ""
    chart_title_id: str = ""
    trend_chart: str = ""
    trend_chart_title_id: str = ""
    trend_rows: list[tuple[str, Shown, Shown]] = field(default_factory=list)
    summary: str = ""
    story: str = ""

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def unit_label(self) -> str:
        return str(UNIT_LABELS[self.definition.unit])

    @property
    def section_label(self) -> str:
        return str(SECTION_LABELS.get(self.definition.section, self.definition.section))

    @property
    def main_columns(self):
        """The columns of the period (and comparison periods) — not the trend buckets."""
        return [c for c in self.table.columns if c.role != "bucket"]

    def main_rows(self):
        keep = [i for i, c in enumerate(self.table.columns) if c.role != "bucket"]
        return [(row, [row.cells[i] for i in keep]) for row in self.table.rows]


def _value(cell: Shown):
    return None if cell.suppressed or cell.value is None else cell.value


def _cell(table, row, role: str, statistic: str) -> Shown | None:
    for column, cell in zip(table.columns, row.cells, strict=True):
        if column.role == role and column.statistic == statistic:
            return cell
    return None


def trend_period(period: P.Period) -> P.Period:
    """The 24 months (eight whole quarters) ending with the quarter of the period's end."""
    last = period.last // 3 * 3 + 2
    return P.Period(last - TREND_MONTHS + 1, last)


def block(user, team, definition: D.Definition, query: Q.Query, *, today, trend=True) -> Block:
    """One indicator for the dashboard; raises ``engine.QueryError`` for a bad filter."""
    table = selectors.table_for(
        user,
        team,
        definition,
        query,
        today=today,
        granularity="",
        trend=trend_period(query.period) if trend else None,
    )
    statistic = table.headline_statistic
    headline = table.main(table.total, statistic)
    result = Block(definition, table, headline, story=table.story)
    if query.compare:
        for role, label in (
            ("previous", _("Vorige periode")),
            ("yearBefore", _("Zelfde periode vorig jaar")),
        ):
            other = _cell(table, table.total, role, statistic)
            period = query.period.previous() if role == "previous" else query.period.year_before()
            result.comparisons.append(
                Comparison(label, period.label, other, difference(headline, other))
            )
    chart_id = f"{definition.code}-groups"
    result.chart_title_id = charts.title_id(chart_id)
    groups = [r for r in table.rows if not r.is_total]
    if definition.unit == D.DURATION:
        rows = [
            (r.label, {s: _value(table.main(r, s)) for s in ("median", "p75", "p90")})
            for r in table.rows
        ]
        result.chart = charts.distribution_chart(
            chart_id=chart_id,
            title=definition.name,
            description=_("Mediaan, p75 en p90 in dagen, met de norm van %(days)s dagen.")
            % {"days": definition.norm_days or D.HALF_YEAR_DAYS},
            rows=rows,
            norm_days=definition.norm_days or D.HALF_YEAR_DAYS,
        )
    elif groups:
        result.chart = charts.bar_chart(
            chart_id=chart_id,
            title=definition.name,
            description=_("%(name)s per %(group)s, %(period)s.")
            % {"name": definition.name, "group": table.group_label, "period": query.period.label},
            rows=[(r.label, _value(table.main(r)), table.main(r).display) for r in groups],
            unit_label=result.unit_label,
        )
    if trend:
        _add_trend(result)
    result.summary = summary(result, query)
    return result


def _add_trend(result: Block) -> None:
    """The last 24 months by quarter (the table's bucket columns, the total row): the last
    four quarters beside the four before them."""
    table, definition = result.table, result.definition
    statistic = table.headline_statistic
    pairs = [
        (column.period, cell)
        for column, cell in zip(table.columns, table.total.cells, strict=True)
        if column.role == "bucket" and column.statistic == statistic
    ]
    half = len(pairs) // 2
    before, recent = pairs[-2 * half : -half], pairs[-half:]
    labels = [p.short_label for p, _cell in recent]
    result.trend_rows = [
        (label, r[1], b[1]) for label, r, b in zip(labels, recent, before, strict=True)
    ]
    result.trend_chart_title_id = charts.title_id(f"{definition.code}-trend")
    result.trend_chart = charts.line_chart(
        chart_id=f"{definition.code}-trend",
        title=_("%(name)s per kwartaal") % {"name": definition.name},
        description=_("De laatste vier kwartalen en dezelfde kwartalen een jaar eerder."),
        x_labels=labels,
        series=[
            (_("laatste vier kwartalen"), [_value(c) for _p, c in recent]),
            (_("een jaar eerder"), [_value(c) for _p, c in before]),
        ],
        unit_label=result.unit_label,
    )


def summary(block: Block, query: Q.Query) -> str:
    """One sentence from the figures on the page — never from a hidden one."""
    d = block.definition
    parts = []
    headline = block.headline
    if headline.suppressed or headline.value is None:
        parts.append(
            _("%(name)s in %(period)s: niet getoond (te weinig casussen).")
            % {"name": d.name, "period": query.period.label}
        )
    else:
        parts.append(
            _("%(name)s in %(period)s: %(figure)s (%(unit)s).")
            % {
                "name": d.name,
                "period": query.period.label,
                "figure": headline.display,
                "unit": block.unit_label,
            }
        )
    for comparison in block.comparisons:
        if not comparison.difference.suppressed and comparison.difference.value is not None:
            parts.append(
                _("%(label)s: %(figure)s, verschil %(difference)s.")
                % {
                    "label": comparison.label,
                    "figure": comparison.figure.display,
                    "difference": comparison.difference.display,
                }
            )
    shown = [
        (row.label, block.table.main(row))
        for row in block.table.rows
        if not row.is_total and _value(block.table.main(row)) is not None
    ]
    if shown and d.unit != D.DURATION:
        label, cell = max(shown, key=lambda item: item[1].value)
        if cell.value:
            parts.append(
                _("Van de getoonde groepen is %(group)s het grootst (%(figure)s).")
                % {"group": label, "figure": cell.display}
            )
    return " ".join(parts)


def section_choices(team) -> list[dict]:
    """The sections that have indicators, with their labels."""
    found = {}
    for d in selectors.definitions(team):
        found.setdefault(d.section, []).append(d)
    return [
        {"key": key, "label": str(SECTION_LABELS[key]), "definitions": found[key]}
        for key in D.SECTIONS
        if key in found
    ]


def headlines(team) -> list[D.Definition]:
    """The overview's indicators: the first of each section (the region's own excepted)."""
    return [s["definitions"][0] for s in section_choices(team) if s["key"] != "eigen"][:6]
