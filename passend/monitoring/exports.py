"""An indicator table as a file: CSV, XLSX and PDF — suppressed exactly as on the screen.

Every file is built only from a ``tables.IndicatorTable``: its cells are ``suppress.Shown``
values that went through the one suppression rule (``suppress``), so a file can hold nothing
the page does not show. A hidden cell is written as its display text ("<5", "–"), never as a
number; the raw counts are not at hand here at all.

Each file carries the definition (name, code, version, wat/waarom/hoe, unit), the period (label
and key), the filters, the grouping, the date it was made and the note on suppression.

* **CSV**: UTF-8 with a byte-order mark and ``;`` as separator — what Excel in a Dutch locale
  opens directly (there ``,`` is the decimal sign). First a header block of ``label;value``
  lines, an empty line, then the table: the group label, then one column per table column
  (``Column.label``). Cells are the display text ("12", "<5", "40%", "–").
* **XLSX**: sheet "Cijfers" with the table (header row frozen; a shown count or duration is a
  number, a share a number formatted as a percentage, a hidden cell the text "<5" or "–") and
  sheet "Definitie" with the header block. No formulas: every text cell is stored as text.
* **PDF**: ``monitoring/export_pdf.html`` (A4) through ``passend.core.pdf`` — title,
  definition, period, filters, a chart (``charts``), the table, the story behind the figure
  and the note.

Text that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``) is
prefixed with ``'`` in the CSV and stored as a plain string in the XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import charts
from . import definitions as D
from .tables import IndicatorTable

CSV_SEPARATOR = ";"
PDF_TEMPLATE = "monitoring/export_pdf.html"
FORMATS = ("csv", "xlsx", "pdf")
WIDE_COLUMNS = 6  # a PDF with more table columns is printed landscape
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def note() -> str:
    return _(
        "Aantallen van 1 t/m 4 staan als <5; soms is een tweede cel verborgen; "
        "– = niet getoond (minder dan 5 casussen)"
    )


def unit_label(unit: str) -> str:
    return {
        D.COUNT: _("aantal"),
        D.SHARE: _("aandeel (procent)"),
        D.DURATION: _("doorlooptijd in dagen"),
    }.get(unit, unit)


def filename(table: IndicatorTable, fmt: str) -> str:
    """passend-<code>-<period key>.<fmt>; a custom range 2026-01..2026-05 as 2026-01--2026-05."""
    key = table.period.key.replace("..", "--")
    return _UNSAFE_NAME.sub("_", f"passend-{table.definition.code}-{key}") + f".{fmt}"


def filters_text(table: IndicatorTable) -> str:
    if not table.filters:
        return _("geen")
    return "; ".join(f"{label}: {value}" for _name, label, value in table.filters)


def header(
    table: IndicatorTable, *, team=None, generated: dt.datetime | None = None
) -> list[tuple[str, str]]:
    """The description of the file: (label, text) pairs, the same in every format."""
    d = table.definition
    generated = timezone.localtime(generated or timezone.now())
    period = table.period
    rows = [
        (_("Indicator"), d.name),
        (_("Code"), d.code),
        (_("Versie"), str(d.version)),
    ]
    if team is not None:
        rows.append((_("Expertteam"), team.name))
    rows += [
        (_("Wat willen we weten"), d.wat),
        (_("Waarom"), d.waarom),
        (_("Hoe"), d.hoe),
        (_("Eenheid"), unit_label(d.unit)),
        (_("Periode"), f"{period.label} ({period.key})"),
        (
            _("Van – tot en met"),
            f"{date_format(period.start, 'd-m-Y')} – {date_format(period.end, 'd-m-Y')}",
        ),
        (_("Filters"), filters_text(table)),
        (_("Uitgesplitst naar"), table.group_label or _("geen")),
        (_("Gemaakt op"), date_format(generated, "d-m-Y H:i")),
        (_("Let op"), note()),
    ]
    if table.story:
        rows.append((_("Het verhaal achter het cijfer"), table.story))
    return rows


def column_labels(table: IndicatorTable) -> list[str]:
    return [table.group_label or _("Groep"), *(c.label for c in table.columns)]


def _safe_text(text: str) -> str:
    """Text a spreadsheet must not read as a formula (CSV); numbers stay as they are."""
    text = str(text)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


# -- CSV --------------------------------------------------------------------------------------


def to_csv(table: IndicatorTable, *, team=None, generated: dt.datetime | None = None) -> bytes:
    """The table as CSV (UTF-8 with BOM, ``;``): the header block, an empty line, the table."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    for label, text in header(table, team=team, generated=generated):
        writer.writerow([_safe_text(label), _safe_text(text)])
    writer.writerow([])
    writer.writerow([_safe_text(label) for label in column_labels(table)])
    for row in table.rows:
        writer.writerow([_safe_text(row.label), *(_safe_text(c.display) for c in row.cells)])
    return out.getvalue().encode("utf-8-sig")


# -- XLSX -------------------------------------------------------------------------------------


def _text_cell(sheet, row: int, column: int, text: str):
    cell = sheet.cell(row=row, column=column)
    cell.value = str(text)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def to_xlsx(table: IndicatorTable, *, team=None, generated: dt.datetime | None = None) -> bytes:
    """The table as an XLSX workbook: "Cijfers" (the table) and "Definitie"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    book = Workbook()
    figures = book.active
    figures.title = _("Cijfers")
    for column, label in enumerate(column_labels(table), start=1):
        _text_cell(figures, 1, column, label).font = bold
    for r, row in enumerate(table.rows, start=2):
        label = _text_cell(figures, r, 1, row.label)
        if row.is_total:
            label.font = bold
        for c, (column, shown) in enumerate(zip(table.columns, row.cells, strict=True), start=2):
            if shown.suppressed or shown.value is None:
                cell = _text_cell(figures, r, c, shown.display)
                cell.alignment = Alignment(horizontal="right")
            elif column.unit == D.SHARE and column.statistic == "value":
                cell = figures.cell(row=r, column=c, value=shown.value / 100)
                cell.number_format = "0%"
            else:
                figures.cell(row=r, column=c, value=shown.value)
    figures.freeze_panes = "B2"
    figures.column_dimensions["A"].width = 40
    for c in range(2, len(table.columns) + 2):
        figures.column_dimensions[figures.cell(row=1, column=c).column_letter].width = 22

    definition = book.create_sheet(_("Definitie"))
    for r, (label, text) in enumerate(header(table, team=team, generated=generated), start=1):
        _text_cell(definition, r, 1, label).font = bold
        _text_cell(definition, r, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    definition.column_dimensions["A"].width = 30
    definition.column_dimensions["B"].width = 100

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- PDF --------------------------------------------------------------------------------------


def chart(table: IndicatorTable):
    """The table's chart (an inline svg with its title): lead times as a distribution, a trend
    as a line, otherwise bars per group."""
    d = table.definition
    title = d.name
    groups = [r for r in table.rows if not r.is_total] or [table.total]
    if d.unit == D.DURATION:
        rows = []
        for row in groups:
            stats = {}
            for key in ("median", "p75", "p90"):
                try:
                    stats[key] = table.main(row, key).api_value
                except KeyError:
                    stats[key] = None
            rows.append((row.label, stats))
        return charts.distribution_chart(
            chart_id=f"export-{d.code}",
            title=title,
            description=_("Mediaan, 75e en 90e percentiel in dagen per groep."),
            rows=rows,
            norm_days=d.norm_days,
            show_title=True,
        )
    statistic = table.headline_statistic
    buckets = [
        (column, cell)
        for column, cell in zip(table.columns, table.total.cells, strict=True)
        if column.role == "bucket" and column.statistic == statistic
    ]
    if buckets:
        return charts.line_chart(
            chart_id=f"export-{d.code}",
            title=title,
            description=_("Verloop over de periode; een verborgen waarde is een onderbreking."),
            x_labels=[column.period.short_label for column, _cell in buckets],
            series=[(str(table.total.label), [cell.api_value for _col, cell in buckets])],
            unit_label=unit_label(d.unit),
            show_title=True,
        )
    rows = [(row.label, table.main(row).api_value, table.main(row).display) for row in groups]
    return charts.bar_chart(
        chart_id=f"export-{d.code}",
        title=title,
        description=_("Per groep; <5 en – staan als tekst, zonder staaf."),
        rows=rows,
        unit_label=unit_label(d.unit),
        show_title=True,
    )


def pdf_context(table: IndicatorTable, *, team=None, generated: dt.datetime | None = None):
    return {
        "table": table,
        "team": team,
        "header": header(table, team=team, generated=generated),
        "definition": table.definition,
        "unit_label": unit_label(table.definition.unit),
        "filters_text": filters_text(table),
        "column_labels": column_labels(table),
        "generated": date_format(timezone.localtime(generated or timezone.now()), "d-m-Y H:i"),
        "note": note(),
        "chart": chart(table),
        "wide": len(table.columns) > WIDE_COLUMNS,  # landscape
        "very_wide": len(table.columns) > 2 * WIDE_COLUMNS,  # and a smaller font
    }


def to_pdf(table: IndicatorTable, *, team=None, generated: dt.datetime | None = None) -> bytes:
    """The table as an A4 PDF (WeasyPrint; raises ``core.pdf.PdfUnavailable`` without it)."""
    from passend.core.pdf import render_pdf

    return render_pdf(PDF_TEMPLATE, pdf_context(table, team=team, generated=generated))
