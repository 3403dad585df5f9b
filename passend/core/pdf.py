"""The one way to make a PDF: a template rendered to HTML, then WeasyPrint.

WeasyPrint is imported inside :func:`render_pdf`: it needs the Pango system library at import
time, and the rest of the app must keep running on machines without it (the page then says
why there is no PDF: :class:`PdfUnavailable`).
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfUnavailable(Exception):
    """WeasyPrint, or a system library it needs (Pango), is not available on this machine."""


def render_pdf(template: str, context: dict) -> bytes:
    """`template` rendered with `context`, as PDF bytes. Raises PdfUnavailable without
    WeasyPrint or Pango."""
    try:
        import weasyprint  # lazy: needs Pango at import time
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            _(
                "PDF maken lukt niet op deze server: WeasyPrint of de bibliotheek Pango ontbreekt. "
                "Vraag de beheerder om deze te installeren."
            )
        ) from exc
    html = render_to_string(template, context)
    return weasyprint.HTML(string=html, base_url=None).write_pdf()


def pdf_response(make, *, filename: str, attachment: bool = False) -> HttpResponse:
    """The PDF that `make()` returns as a response (inline, or as a download), or 503 with the
    reason when PDFs cannot be made on this server."""
    try:
        pdf = make()
    except PdfUnavailable as problem:
        return HttpResponse(str(problem), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
