"""Server-rendered SVG charts for the monitoring dashboard and its PDF reports.

Pure functions: plain data in (labels already translated by the caller), an inline ``<svg>`` out
as a SafeString. Vega-Lite specs are built with Altair and rendered by vl-convert (no browser,
no JavaScript on the page). The output is checked to be clean under ``style-src 'self'``: no
``<style>``, no ``style=""``, no ``<script>``.

Readable without colour: one greyscale palette, series told apart by dash pattern and point
shape with a legend, values printed next to the marks. Every chart gets ``role="img"`` and a
``<title>``/``<desc>`` it is labelled by; the page shows the text summary and the data table.

The svg keeps its viewBox and has ``width="100%"`` and no height, so it scales with its
container (a 560 px drawing shrinks to fit 320 px). Ids inside the svg (clip paths) are
prefixed with the chart id, so several charts can share one HTML page.

Three caches (256 entries each, per process): on the inputs of each chart function (a
repeated dashboard render is a dictionary look-up per chart), on the layout Altair builds from
titles, labels and series names (new values over the same labels only pay vl-convert, ~50 ms),
and on the Vega-Lite JSON (:func:`render`). The language is part of every key. Altair and
vl-convert are
imported on first use (about half a second), not when Django loads the app; call
:func:`warm_up` once per process (gunicorn ``post_worker_init``, the bench) to pay that and
vl-convert's own start-up (about 0.6 s) before the first request.
"""

import functools
import json
import re

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WIDTH = 560  # drawing width in px; the svg scales to its container
# Arial's metrics: vl-convert measures the text to lay out the axes, and the reader's font must
# not be wider or the y labels are cut off at the left edge (WeasyPrint's default sans-serif,
# DejaVu Sans, is ~10 % wider). Liberation Sans/Arimo are metric-compatible with Arial.
FONT = "Liberation Sans, Arimo, Arial, Helvetica, sans-serif"
FONT_SIZE = 12  # axis labels, legend, value labels; never below 11
TITLE_SIZE = 14
INK = "#1a1a1a"  # text, the first series, bars
GREYS = ("#1a1a1a", "#4d4d4d", "#6e6e6e")  # all ≥ 4.5:1 against white
DASHES = ([1, 0], [6, 3], [2, 3])  # solid, dashed, dotted
SHAPES = ("circle", "square", "triangle-up")
MAX_SERIES = 3
BAR_STEP = 24  # px per bar row
CACHE_SIZE = 256

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _alt():
    import altair  # lazy: ~0.5 s import; only processes that draw charts pay it

    return altair


def _config() -> dict:
    """Vega-Lite config shared by every chart: fonts, sizes, greys, no frame."""
    return {
        "font": FONT,
        "padding": {"left": 12, "right": 8, "top": 5, "bottom": 5},  # room for a wider font
        "background": "white",
        "view": {"stroke": None},
        "axis": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": FONT_SIZE,
            "titleFontSize": FONT_SIZE,
            "labelColor": INK,
            "titleColor": INK,
            "titleFontWeight": "normal",
            "domainColor": "#6e6e6e",
            "tickColor": "#6e6e6e",
            "gridColor": "#d9d9d9",
            "labelLimit": 220,
            "labelOverlap": True,
            "aria": False,
        },
        "axisQuantitative": {"tickCount": 6},
        "legend": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": FONT_SIZE,
            "titleFontSize": FONT_SIZE,
            "labelColor": INK,
            "titleColor": INK,
            "symbolStrokeColor": INK,
            "symbolSize": 80,
            "symbolStrokeWidth": 2,
            "aria": False,
        },
        "title": {
            "font": FONT,
            "fontSize": TITLE_SIZE,
            "color": INK,
            "anchor": "start",
        },
        "text": {"font": FONT, "fontSize": FONT_SIZE, "color": INK},
        # The svg is one role="img" with <title> and <desc>; per-mark aria labels (English field
        # names like "value: 12") would only be noise, and make the svg larger.
        "mark": {"aria": False},
        "aria": False,
    }


def _data(alt, name: str):
    """A named data set, filled in after Altair is done (:func:`_with_data`): Altair then never
    deep-copies the values, and the layout without data can be cached."""
    return alt.NamedData(name=name)


def _finish(chart, title: str, show_title: bool) -> str:
    """The layout (a Vega-Lite spec without its data) as JSON, for the layout caches below:
    building it with Altair costs 15–70 ms, and the labels, titles and series names that decide
    it repeat over dashboard filters and periods far more often than the values."""
    if show_title:
        chart = chart.properties(title=title)
    # validate=False: ~10 ms per chart saved; the tests validate every spec against the schema.
    spec = chart.to_dict(validate=False)
    spec["config"] = _config()
    return json.dumps(spec)


def _with_data(layout: str, datasets: dict[str, list[dict]]) -> dict:
    spec = json.loads(layout)
    spec["datasets"] = datasets
    return spec


# --- specs -------------------------------------------------------------------------------------


def bar_chart_spec(
    *,
    title: str,
    rows: list[tuple[str, int | float | None, str]],
    unit_label: str,
    show_title: bool = False,
) -> dict:
    """Horizontal bars, one per row in the given order, the display text at the end of each bar;
    a row whose value is None (suppressed) has no bar, only its display text at zero."""
    data = [
        {"label": label, "value": value, "display": display, "at": value or 0}
        for label, value, display in rows
    ]
    order = tuple(row["label"] for row in data)
    layout = _bar_layout(title, order, unit_label, show_title, get_language())
    return _with_data(layout, {"rows": data})


@functools.lru_cache(maxsize=CACHE_SIZE)
def _bar_layout(title, order, unit_label, show_title, _language) -> str:
    alt = _alt()
    base = alt.Chart(_data(alt, "rows")).encode(
        y=alt.Y("label:N", sort=list(order), title=None, axis=alt.Axis(ticks=False, domain=False))
    )
    # The value label of the longest bar may stand beyond the axis: the view grows to fit it.
    scale = alt.Scale(domainMin=0, nice=True)
    bars = (
        base.transform_filter("datum.value != null")
        .mark_bar(color=INK, height={"band": 0.7})
        .encode(x=alt.X("value:Q", title=unit_label, scale=scale))
    )
    labels = base.mark_text(align="left", baseline="middle", dx=4, color=INK).encode(
        x=alt.X("at:Q", scale=scale), text="display:N"
    )
    chart = alt.layer(bars, labels).properties(width=WIDTH, height={"step": BAR_STEP})
    return _finish(chart, title, show_title)


def line_chart_spec(
    *,
    title: str,
    x_labels: list[str],
    series: list[tuple[str, list[int | float | None]]],
    unit_label: str,
    show_title: bool = False,
) -> dict:
    """Up to three series over the same x labels, told apart by dash and point shape, with a
    legend below that shows both; a None value leaves a gap in its line."""
    if len(series) > MAX_SERIES:
        raise ValueError(f"at most {MAX_SERIES} series, got {len(series)}")
    names = tuple(name for name, _values in series)
    data = [
        {"x": x, "series": name, "value": value}
        for name, values in series
        for x, value in zip(x_labels, values, strict=True)
    ]
    slot = WIDTH // MAX_SERIES
    entries = [{"series": name, "x": i * slot, "x2": i * slot + 32} for i, name in enumerate(names)]
    layout = _line_layout(title, tuple(x_labels), names, unit_label, show_title, get_language())
    return _with_data(layout, {"points": data, "legend": entries})


@functools.lru_cache(maxsize=CACHE_SIZE)
def _line_layout(title, x_labels, names, unit_label, show_title, _language) -> str:
    alt = _alt()
    names, x_labels, n = list(names), list(x_labels), len(names)
    dash = alt.StrokeDash(
        "series:N", scale=alt.Scale(domain=names, range=list(DASHES[:n])), legend=None
    )
    shade = alt.Color("series:N", scale=alt.Scale(domain=names, range=list(GREYS[:n])), legend=None)
    shape = alt.Shape(
        "series:N", scale=alt.Scale(domain=names, range=list(SHAPES[:n])), legend=None
    )
    base = alt.Chart(_data(alt, "points")).encode(
        x=alt.X(
            "x:N",
            sort=x_labels,
            scale=alt.Scale(domain=x_labels),
            title=None,
            axis=alt.Axis(labelAngle=0 if len(x_labels) <= 8 else -45),
        ),
        y=alt.Y("value:Q", title=unit_label),
    )
    lines = base.mark_line(strokeWidth=2, invalid="break-paths-filter-domains").encode(
        strokeDash=dash, color=shade
    )
    points = (
        base.transform_filter("datum.value != null")
        .mark_point(filled=True, size=60, opacity=1)
        .encode(shape=shape, color=shade)
    )
    plot = alt.layer(lines, points).properties(width=WIDTH, height=220)
    legend = _series_legend(alt, dash, shade, shape)
    return _finish(alt.vconcat(plot, legend), title, show_title)


def _series_legend(alt, dash, shade, shape):
    """A legend drawn as marks: per series a short line in its dash with its point shape in the
    middle, then its name (Vega-Lite's own legend cannot show dash and shape in one symbol)."""
    slot = WIDTH // MAX_SERIES
    px = alt.Scale(domain=[0, WIDTH], range=[0, WIDTH])
    base = alt.Chart(_data(alt, "legend")).properties(width=WIDTH, height=16)
    no_axis = {"axis": None, "scale": px}
    legend = alt.layer(
        base.mark_rule(strokeWidth=2).encode(
            x=alt.X("x:Q", **no_axis), x2="x2:Q", strokeDash=dash, color=shade
        ),
        base.transform_calculate(mid="datum.x + 16")
        .mark_point(filled=True, size=60, opacity=1)
        .encode(x=alt.X("mid:Q", **no_axis), shape=shape, color=shade),
        base.mark_text(align="left", baseline="middle", dx=40, limit=slot - 44).encode(
            x=alt.X("x:Q", **no_axis), text="series:N"
        ),
    )
    return legend


STAT_KEYS = ("median", "p75", "p90")


def _stat_names() -> dict[str, str]:
    return {
        "median": _("mediaan"),
        "p75": _("75e percentiel"),
        "p90": _("90e percentiel"),
    }


def distribution_chart_spec(
    *,
    title: str,
    rows: list[tuple[str, dict]],
    norm_days: int | None,
    show_title: bool = False,
) -> dict:
    """Per row the median, p75 and p90 in days (a line from the lowest to the highest, a shape
    per statistic, legend below) and a dashed vertical rule labelled "norm" at `norm_days`.
    A row without any value (not shown because of too few cases) says so in text."""
    names = _stat_names()
    points, ranges, hidden = [], [], []
    for label, stats in rows:
        present = [stats.get(key) for key in STAT_KEYS if stats.get(key) is not None]
        for key in STAT_KEYS:
            if stats.get(key) is not None:
                points.append({"label": label, "stat": names[key], "days": stats[key]})
        if len(present) >= 2:
            ranges.append({"label": label, "lo": min(present), "hi": max(present)})
        if not present:
            hidden.append({"label": label, "at": 0, "text": _("niet getoond")})
    norm = [] if norm_days is None else [{"days": norm_days, "text": _("norm")}]
    order = tuple(label for label, _stats in rows)
    layout = _distribution_layout(title, order, show_title, get_language())
    return _with_data(layout, {"ranges": ranges, "stats": points, "hidden": hidden, "norm": norm})


@functools.lru_cache(maxsize=CACHE_SIZE)
def _distribution_layout(title, order, show_title, _language) -> str:
    alt = _alt()
    names = _stat_names()
    order = list(order)
    x_scale = alt.Scale(domainMin=0, nice=True)  # the domain covers every value and the norm
    y = alt.Y(
        "label:N",
        sort=order,
        title=None,
        scale=alt.Scale(domain=order),
        axis=alt.Axis(ticks=False, domain=False, grid=False),
    )
    stat_order = [names[key] for key in STAT_KEYS]
    norm = alt.Chart(_data(alt, "norm"))
    layers = [
        alt.Chart(_data(alt, "ranges"))
        .mark_rule(color=GREYS[2], strokeWidth=2)
        .encode(y=y, x=alt.X("lo:Q", scale=x_scale, title=_("dagen")), x2="hi:Q"),
        alt.Chart(_data(alt, "stats"))
        .mark_point(filled=True, size=90, color=INK, opacity=1)
        .encode(
            y=y,
            x=alt.X("days:Q", scale=x_scale, title=_("dagen")),
            shape=alt.Shape(
                "stat:N",
                sort=stat_order,
                scale=alt.Scale(domain=stat_order, range=list(SHAPES)),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
        ),
        alt.Chart(_data(alt, "hidden"))
        .mark_text(align="left", baseline="middle", dx=4, color=INK, fontStyle="italic")
        .encode(y=y, x=alt.X("at:Q", scale=x_scale), text="text:N"),
        norm.mark_rule(color=INK, strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=alt.X("days:Q", scale=x_scale)
        ),
        norm.mark_text(align="center", baseline="bottom", dy=-4, y=0, color=INK).encode(
            x=alt.X("days:Q", scale=x_scale), text="text:N"
        ),
    ]
    chart = alt.layer(*layers).properties(width=WIDTH, height={"step": BAR_STEP + 4})
    return _finish(chart, title, show_title)


# --- rendering ---------------------------------------------------------------------------------

_XML_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?")
_ROOT = re.compile(r"<svg\b([^>]*)>")
_SIZE_ATTR = re.compile(r'\s(?:width|height)="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def _locale() -> str:
    """The d3 number locale for the active language: 1.234,5 in Dutch, 1,234.5 in English."""
    return "en-US" if (get_language() or "nl").startswith("en") else "nl-NL"


def _dom_id(chart_id: str) -> str:
    cleaned = _ID_UNSAFE.sub("-", chart_id).strip("-") or "chart"
    return f"chart-{cleaned}"


def title_id(chart_id: str) -> str:
    """The id of the chart's <title> (what names the chart, also for a container around it)."""
    return f"{_dom_id(chart_id)}-title"


def _accessible(svg: str, *, prefix: str, title: str, description: str) -> str:
    """The vl-convert svg as an inline element: no XML prologue, ids prefixed, scaling width,
    role="img" labelled by a <title> and <desc> inserted first."""
    svg = _XML_PROLOGUE.sub("", svg, count=1)
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("vl-convert returned no <svg> element")
    attrs = _SIZE_ATTR.sub("", root.group(1))
    attrs = attrs.replace('class="marks"', 'class="marks passend-chart"')
    head = (
        f'<svg{attrs} width="100%" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(description)}</desc>'
    )
    return head + svg[root.end() :].strip()


@functools.lru_cache(maxsize=CACHE_SIZE)
def _render(spec_json: str, prefix: str, title: str, description: str, locale: str) -> SafeString:
    import vl_convert  # lazy, like altair

    svg = vl_convert.vegalite_to_svg(spec_json, format_locale=locale)
    return SafeString(_accessible(svg, prefix=prefix, title=title, description=description))


def render(spec: dict, *, chart_id: str, title: str, description: str) -> SafeString:
    """Any Vega-Lite spec as an accessible inline svg (cached on the spec and the texts)."""
    spec_json = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _render(spec_json, _dom_id(chart_id), title, description, _locale())


# --- the charts --------------------------------------------------------------------------------
# Two caches: one on the inputs (building a spec with Altair costs 10–50 ms, so a repeated
# dashboard render must not rebuild it) and one on the Vega-Lite JSON (:func:`_render`). The
# language is part of the key: the module's own words and the number format depend on it.


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: list[tuple[str, int | float | None, str]],
    unit_label: str,
    show_title: bool = False,
) -> SafeString:
    """Horizontal bars: rows are (label, value or None when suppressed, display text such as
    "12", "<5" or "45 d"). Suppressed rows have no bar but show their display text."""
    rows = tuple(tuple(row) for row in rows)
    return _bar(chart_id, title, description, rows, unit_label, show_title, get_language())


@functools.lru_cache(maxsize=CACHE_SIZE)
def _bar(chart_id, title, description, rows, unit_label, show_title, _language) -> SafeString:
    spec = bar_chart_spec(title=title, rows=rows, unit_label=unit_label, show_title=show_title)
    return render(spec, chart_id=chart_id, title=title, description=description)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: list[str],
    series: list[tuple[str, list[int | float | None]]],
    unit_label: str,
    show_title: bool = False,
) -> SafeString:
    """Lines over `x_labels`: up to three (name, values) series, e.g. this period and the same
    period last year, told apart by dash and point shape; None values leave gaps."""
    series = tuple((name, tuple(values)) for name, values in series)
    x_labels = tuple(x_labels)
    language = get_language()
    return _line(chart_id, title, description, x_labels, series, unit_label, show_title, language)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _line(
    chart_id, title, description, x_labels, series, unit_label, show_title, _language
) -> SafeString:
    spec = line_chart_spec(
        title=title,
        x_labels=list(x_labels),
        series=[(name, list(values)) for name, values in series],
        unit_label=unit_label,
        show_title=show_title,
    )
    return render(spec, chart_id=chart_id, title=title, description=description)


def distribution_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: list[tuple[str, dict]],
    norm_days: int | None,
    show_title: bool = False,
) -> SafeString:
    """Lead-time distributions: rows are (label, {"median": d, "p75": d, "p90": d}) with whole
    days or None; a dashed rule marks `norm_days` (e.g. 183, half a year)."""
    rows = tuple((label, tuple(sorted(stats.items()))) for label, stats in rows)
    return _distribution(chart_id, title, description, rows, norm_days, show_title, get_language())


@functools.lru_cache(maxsize=CACHE_SIZE)
def _distribution(
    chart_id, title, description, rows, norm_days, show_title, _language
) -> SafeString:
    spec = distribution_chart_spec(
        title=title,
        rows=[(label, dict(stats)) for label, stats in rows],
        norm_days=norm_days,
        show_title=show_title,
    )
    return render(spec, chart_id=chart_id, title=title, description=description)


def clear_caches() -> None:
    """Forget every rendered chart (tests; after a deploy that changes the chart style)."""
    for cached in (
        _bar,
        _line,
        _distribution,
        _render,
        _bar_layout,
        _line_layout,
        _distribution_layout,
    ):
        cached.cache_clear()


def warm_up() -> None:
    """Import Altair and start vl-convert's engine once (≈1 s), so the first dashboard request
    does not pay it. Renders a one-bar chart outside the cache."""
    spec = bar_chart_spec(title="warm-up", rows=[("a", 1, "1")], unit_label="n")
    import vl_convert

    vl_convert.vegalite_to_svg(json.dumps(spec), format_locale=_locale())
