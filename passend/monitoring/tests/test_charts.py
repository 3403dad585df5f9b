"""The chart layer: accessible, CSP-clean inline SVG from Vega-Lite (Altair + vl-convert), readable
without colour, cached, scaling down to 320 px, and usable in WeasyPrint PDFs."""

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from passend.core.pdf import render_pdf
from passend.monitoring import charts

SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = "/usr/bin/chromium"

ROWS = [
    ("Wijkteam", 112, "112"),
    ("Gecertificeerde instelling", None, "<5"),
    ("Huisarts", 1234, "1.234"),
]
SERIES = [
    ("2026", [10, 12, None, 14, 9, 11]),
    ("2025", [8, 9, 9, 10, 12, 13]),
    ("2024", [5, 6, 7, 8, 9, 10]),
]
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun"]
STEPS = [
    ("aanmelding → besluit", {"median": 12, "p75": 20, "p90": 40}),
    ("advies → passende plek", {"median": 100, "p75": 190, "p90": 260}),
    ("besluit → bespreking", {"median": None, "p75": None, "p90": None}),
]


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def bar(**kwargs):
    args = {
        "chart_id": "verwijzers",
        "title": "Aanmeldingen per verwijzer",
        "description": "Wijkteam 112, gecertificeerde instelling <5, huisarts 1.234.",
        "rows": ROWS,
        "unit_label": "aantal aanmeldingen",
    }
    return charts.bar_chart(**(args | kwargs))


def line(**kwargs):
    args = {
        "chart_id": "trend",
        "title": "Aanmeldingen per maand",
        "description": "Per maand, dit jaar en de twee jaren ervoor.",
        "x_labels": MONTHS,
        "series": SERIES,
        "unit_label": "aantal",
    }
    return charts.line_chart(**(args | kwargs))


def distribution(**kwargs):
    args = {
        "chart_id": "doorlooptijden",
        "title": "Doorlooptijden",
        "description": "Mediaan, 75e en 90e percentiel per stap, tegen de norm van een half jaar.",
        "rows": STEPS,
        "norm_days": 183,
    }
    return charts.distribution_chart(**(args | kwargs))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(svg: str) -> list[str]:
    return [el.text for el in parse(svg).iter(f"{SVG}text") if el.text]


def marks(svg: str, kind: str) -> list[ET.Element]:
    """The elements of every mark group of `kind` ("rect", "line", "symbol", "rule", "text")."""
    groups = [
        g
        for g in parse(svg).iter(f"{SVG}g")
        if {f"mark-{kind}", "role-mark"} <= set(g.get("class", "").split())
    ]
    return [child for g in groups for child in g]


ALL = {"bar": bar, "line": line, "distribution": distribution}


@pytest.mark.parametrize("make", ALL.values(), ids=ALL.keys())
def test_an_accessible_inline_svg_that_scales(make):
    svg = make()
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert hasattr(svg, "__html__")  # SafeString: {{ svg }} is not escaped
    root = parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = list(root)[:2]
    assert (title.tag, title.get("id")) == (f"{SVG}title", title_id)
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", desc_id)
    assert title.text and desc.text
    # Scales with its container: the viewBox stays, no fixed height, width 100%.
    assert root.get("viewBox")
    assert root.get("width") == "100%" and root.get("height") is None


@pytest.mark.parametrize("make", ALL.values(), ids=ALL.keys())
def test_clean_under_the_csp_and_readable_font_sizes(make):
    svg = make(show_title=True)
    assert "<script" not in svg.lower()
    assert "<style" not in svg.lower()
    assert not re.search(r"\sstyle\s*=", svg)
    assert not re.search(r"\son[a-z]+\s*=", svg)  # no event handlers
    assert "http://" not in svg.replace("http://www.w3.org/", "")  # nothing external
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert sizes and min(sizes) >= 11
    families = set(re.findall(r'font-family="([^"]+)"', svg))
    assert families == {charts.FONT} and charts.FONT.endswith(", sans-serif")


@pytest.mark.parametrize("make", ALL.values(), ids=ALL.keys())
def test_every_spec_is_valid_vega_lite(make):
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    spec = {
        "bar": lambda: charts.bar_chart_spec(title="t", rows=ROWS, unit_label="n"),
        "line": lambda: charts.line_chart_spec(
            title="t", x_labels=MONTHS, series=SERIES, unit_label="n", show_title=True
        ),
        "distribution": lambda: charts.distribution_chart_spec(
            title="t", rows=STEPS, norm_days=183
        ),
    }[make.__name__]()
    validate_jsonschema(spec, load_schema())  # raises on an invalid spec


def test_title_and_description_are_escaped_and_ids_are_prefixed():
    svg = bar(chart_id="a b/<c>", title='Aanmeldingen <b>"x"</b>', description="a & b")
    root = parse(svg)  # still well-formed XML
    assert root.get("aria-labelledby") == "chart-a-b-c-title chart-a-b-c-desc"
    title, desc = list(root)[:2]
    assert title.text == 'Aanmeldingen <b>"x"</b>'
    assert desc.text == "a & b"
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert all(i.startswith("chart-a-b-c-") for i in ids)


def test_two_charts_on_one_page_share_no_id():
    def ids(svg):
        return {el.get("id") for el in parse(svg).iter() if el.get("id")}

    assert not ids(bar(chart_id="een")) & ids(bar(chart_id="twee"))


def test_bar_chart_shows_a_suppressed_row_as_text_without_a_bar():
    svg = bar()
    assert len(marks(svg, "rect")) == 2  # Wijkteam and Huisarts; no bar for the suppressed row
    shown = texts(svg)
    assert "<5" in shown and "112" in shown and "1.234" in shown  # display texts, not values
    assert {"Wijkteam", "Gecertificeerde instelling", "Huisarts"} <= set(shown)
    assert "aantal aanmeldingen" in shown
    assert "1.000" in shown  # Dutch number format on the axis


def test_bar_chart_numbers_in_english_format_in_english():
    with translation.override("en"):
        assert "1,000" in texts(bar())


def test_bar_chart_with_only_suppressed_rows():
    svg = bar(rows=[("Wijkteam", None, "<5"), ("Huisarts", None, "<5")])
    assert marks(svg, "rect") == []
    assert texts(svg).count("<5") == 2


def test_line_series_differ_by_dash_and_shape_not_by_colour_alone():
    spec = charts.line_chart_spec(title="t", x_labels=MONTHS, series=SERIES, unit_label="n")
    plot = spec["vconcat"][0]["layer"]
    dash = plot[0]["encoding"]["strokeDash"]["scale"]["range"]
    shape = plot[1]["encoding"]["shape"]["scale"]["range"]
    assert len({tuple(d) for d in dash}) == 3 and len(set(shape)) == 3
    svg = line()
    lines = marks(svg, "line")
    assert len(lines) == 3
    assert len({path.get("stroke-dasharray") for path in lines}) == 3
    # The legend names every series next to a sample of its dash and shape.
    assert {"2026", "2025", "2024"} <= set(texts(svg))
    assert len(marks(svg, "rule")) == 3
    assert len({el.get("d") for el in marks(svg, "symbol")}) >= 3


def test_line_chart_none_makes_a_gap():
    svg = line()
    paths = {el.get("stroke-dasharray"): el.get("d") for el in marks(svg, "line")}
    assert paths["1,0"].count("M") == 2  # 2026 is missing in March: two pieces
    assert paths["6,3"].count("M") == 1
    assert len(marks(svg, "symbol")) == 5 + 6 + 6 + 3  # the points (not the gap) and the legend


def test_line_chart_refuses_more_than_three_series():
    with pytest.raises(ValueError, match="at most 3"):
        line(series=[*SERIES, ("2023", [1, 2, 3, 4, 5, 6])])


def test_distribution_has_the_norm_rule_labelled_and_says_which_rows_are_not_shown():
    svg = distribution()
    shown = texts(svg)
    assert "norm" in shown
    assert "niet getoond" in shown  # the row without values is there, in words
    assert {"mediaan", "75e percentiel", "90e percentiel", "dagen"} <= set(shown)
    dashed = [el for el in marks(svg, "rule") if el.get("stroke-dasharray")]
    assert len(dashed) == 1  # the norm
    assert len(marks(svg, "symbol")) == 6  # two rows of three points (the legend is apart)


def test_distribution_without_norm_has_no_norm():
    svg = distribution(norm_days=None)
    assert "norm" not in texts(svg)


def test_the_charts_own_words_go_through_gettext(monkeypatch):
    charts.clear_caches()
    monkeypatch.setattr(charts, "_", lambda msgid: f"[{msgid}]")
    shown = texts(distribution())
    assert {"[norm]", "[mediaan]", "[90e percentiel]", "[dagen]", "[niet getoond]"} <= set(shown)


def test_cache_returns_the_identical_string():
    charts.clear_caches()
    first = line()
    again = line()
    assert again is first
    assert charts._line.cache_info().hits == 1
    assert line(title="Anders") != first  # the title is part of the key
    dutch = bar()
    with translation.override("en"):
        assert bar() != dutch  # so is the language (number format, the module's own words)
    # Below the input cache: the same Vega-Lite spec renders once.
    spec = charts.bar_chart_spec(title="t", rows=ROWS, unit_label="n")
    rendered = charts.render(spec, chart_id="x", title="t", description="d")
    hits = charts._render.cache_info().hits
    assert charts.render(dict(spec), chart_id="x", title="t", description="d") is rendered
    assert charts._render.cache_info().hits == hits + 1


def test_warm_up_runs():
    charts.warm_up()


def test_the_svg_prints_in_a_weasyprint_pdf():
    html = (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'></head><body>"
        "<h1>Monitoring</h1>{{ bar }}{{ line }}{{ distribution }}</body></html>"
    )
    engines = [
        settings.TEMPLATES[0]
        | {
            "APP_DIRS": False,
            "OPTIONS": settings.TEMPLATES[0]["OPTIONS"]
            | {"loaders": [("django.template.loaders.locmem.Loader", {"charts.html": html})]},
        }
    ]
    context = {
        "bar": bar(show_title=True),
        "line": line(show_title=True),
        "distribution": distribution(show_title=True),
    }
    with override_settings(TEMPLATES=engines):
        pdf = render_pdf("charts.html", context)
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for label in (
        "Aanmeldingen per verwijzer",
        "Gecertificeerde instelling",
        "<5",
        "1.234",
        "aantal aanmeldingen",
        "Aanmeldingen per maand",
        "2025",
        "Doorlooptijden",
        "norm",
        "niet getoond",
    ):
        assert label in text, label


@pytest.mark.vendor("sqlite")  # browser rendering: once (no database involved)
def test_the_svg_scales_down_to_320_px_without_horizontal_scrolling():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"the browser check needs Chromium at {CHROMIUM}"
    page_html = (
        "<!DOCTYPE html><html><head><meta name='viewport' content='width=device-width'></head>"
        f"<body>{bar()}{line()}{distribution()}</body></html>"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 320, "height": 800})
            page.set_content(page_html)
            boxes = page.eval_on_selector_all(
                "svg",
                "svgs => svgs.map(s => { const r = s.getBoundingClientRect(),"
                " v = s.viewBox.baseVal;"
                " return [r.width, r.height, v.width, v.height]; })",
            )
            scroll = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    assert len(boxes) == 3
    assert scroll <= 320
    for width, height, vb_width, vb_height in boxes:
        assert 280 <= width <= 320
        assert height == pytest.approx(width * vb_height / vb_width, rel=0.02)  # aspect kept
