"""Pre-filled printable consent form (toestemmingsverklaring) as PDF.

The form follows the consent form of the national support team, in plain Dutch (B1). The
young person's age on the form date decides which signature blocks are printed (see
:mod:`passend.cases.consent_rules`). Each signatory ticks the two scopes separately: A,
information exchange while the team is involved; B, anonymised use for learning.

The PDF is made the one way (:func:`passend.core.pdf.render_pdf`, WeasyPrint imported lazily).
"""

from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from passend.core.pdf import pdf_response, render_pdf

from .consent_rules import AGE_YOUNG_PERSON_ALONE, AGE_YOUNG_PERSON_CO_CONSENTS, requirement

TEMPLATE = "cases/consent_form_pdf.html"
# Blank parent blocks printed when parents must sign but none with gezag is recorded.
BLANK_PARENT_BLOCKS = 2


def _dmy(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _person(first_name: str | None, last_name: str | None) -> str:
    return " ".join(part for part in (first_name, last_name) if part)


def consent_form_context(casus, *, on: date) -> dict:
    """Everything the template needs, as plain values (decrypted fields read once)."""
    team = casus.team
    req = None
    if casus.birth_date:
        try:
            req = requirement(casus.birth_date, on)
        except ValueError:  # birth date after the form date: treat the age as unknown
            req = None

    parents = [
        {
            "name": _person(ouder.first_name, ouder.last_name),
            "relation": ouder.get_relation_display(),
            "address": ouder.address or "",
        }
        for ouder in casus.ouders.filter(has_gezag=True).order_by("id")
    ]
    show_parents = req is None or req.needs_parents_with_gezag
    show_young_person = req is None or req.needs_young_person
    parent_blocks = []
    if show_parents:
        blank = {"name": "", "relation": "", "address": ""}
        parent_blocks = parents or [blank] * BLANK_PARENT_BLOCKS

    return {
        "team_name": team.name,
        "team_email": team.email,
        "retention_months": team.retention_months,
        "reference": casus.reference,
        "form_date": _dmy(on),
        "young_person": {
            "name": _person(casus.first_name, casus.last_name),
            "birth_date": _dmy(casus.birth_date),
            "address": casus.address or "",
        },
        "parents": parents,
        "age_known": req is not None,
        "age": req.age if req else None,
        "age_co_consents": AGE_YOUNG_PERSON_CO_CONSENTS,
        "age_alone": AGE_YOUNG_PERSON_ALONE,
        "show_young_person": show_young_person,
        "show_parents": show_parents,
        "parent_blocks": parent_blocks,
        "coordinate_with_parents": bool(req and req.coordinate_with_parents),
    }


def render_consent_form(casus, *, on: date | None = None) -> bytes:
    """Return the consent form of ``casus`` as PDF bytes; ``on`` is the form date (today).

    Raises :class:`PdfUnavailable` if WeasyPrint cannot be loaded on this machine.
    """
    return render_pdf(TEMPLATE, consent_form_context(casus, on=on or timezone.localdate()))


def consent_form_response(casus) -> HttpResponse:
    """The consent form as an inline PDF, or 503 with the reason when PDFs cannot be made."""
    return pdf_response(
        lambda: render_consent_form(casus), filename=f"toestemming-{casus.reference}.pdf"
    )
