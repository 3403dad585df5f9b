"""The AVG export as a readable PDF (WeasyPrint, lazily imported as in passend.cases.pdf): a
heading per section, each record as label–value pairs, empty fields left out, and the table
of who viewed the file."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _

from passend.core.pdf import pdf_response, render_pdf

from .avg_data import VIEWER_LABELS, field_labels

TEMPLATE = "privacy/avg_export_pdf.html"


def readable(value) -> str:
    """A JSON value of the export as it reads on paper (dates d-m-Y, ja/nee, lists joined)."""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        return ", ".join(readable(v) for v in value)
    if isinstance(value, str):
        try:
            if len(value) == 10 and value[4] == value[7] == "-":
                return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
            if len(value) >= 16 and value[4] == "-" and value[10] == "T":
                return dt.datetime.fromisoformat(value).strftime("%d-%m-%Y %H:%M")
        except ValueError:
            pass
        return value
    return str(value)


def pdf_context(data: dict) -> dict:
    sections = []
    for section in data["sections"]:
        names = field_labels(section["model"])
        records = [
            [
                {"label": names.get(name, name), "value": readable(value)}
                for name, value in rec.items()
                if value not in (None, "", [])
            ]
            for rec in section["records"]
        ]
        sections.append({"title": section["title"], "records": records})
    viewers = [
        {key: readable(entry.get(key) or "") for key in VIEWER_LABELS}
        for entry in data["access_log"]
    ]
    return {
        **data,
        "generated": readable(data["generated_at"]),
        "sections": sections,
        "viewers": viewers,
    }


def render_export_pdf(data: dict) -> bytes:
    """The export (see ``avg.export_person``) as PDF bytes; PdfUnavailable without WeasyPrint."""
    return render_pdf(TEMPLATE, pdf_context(data))


def export_filename(data: dict, extension: str) -> str:
    person = data["person"]["key"].replace(":", "-")
    return f"avg-inzage-{data['case_reference']}-{person}.{extension}"


def export_pdf_response(data: dict) -> HttpResponse:
    return pdf_response(
        lambda: render_export_pdf(data), filename=export_filename(data, "pdf"), attachment=True
    )
