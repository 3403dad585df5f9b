"""Export of a region's sociale kaart in the import format (CSV or XLSX), and the empty
template with its explanation and code lists.

No people's names: "bevestigd door" is the organisation or role (selectors.confirmed_by_label),
and waiting times entered by import leave it empty. Cells that a spreadsheet would evaluate as
a formula get an apostrophe in front (CSV injection); the import strips it again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from passend.cases.codes import Hulpvorm, Productcategorie
from passend.cases.models import LifeDomain
from passend.regions.models import Gemeente, Organisation

from ..models import Aanbiederprofiel, Aanbod, Aandachtspunt, Expertisegebied, Hulpvraag
from ..selectors import confirmed_by_label
from ..waiting import current_entries
from .format import COLUMNS, LIST_SEPARATOR, escape_cell

SHEET_TITLE = "sociale kaart"
HEADERS = [c.header for c in COLUMNS]


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def _codes(items) -> str:
    return LIST_SEPARATOR.join(sorted(i.code for i in items))


def _gemeenten(items, region_id: int) -> str:
    return LIST_SEPARATOR.join(sorted(g.cbs_code for g in items if g.region_id == region_id))


def region_organisation_ids(region) -> set[int]:
    """Organisations on the region's map: active in the region, with a profile or with an
    offer served in the region."""
    in_region = Organisation.objects.filter(regions=region)
    with_profile = in_region.filter(profiel__isnull=False).values_list("pk", flat=True)
    with_offer = Aanbod.objects.filter(
        gemeenten__region=region, organisation__in=in_region
    ).values_list("organisation_id", flat=True)
    return set(with_profile) | set(with_offer)


def rows(team) -> list[list]:
    """One row per offer of the team region's map (organisation columns repeated); an
    organisation without offers gets one row of its own. Values in COLUMNS order."""
    region = team.region
    org_ids = region_organisation_ids(region)
    profiles = {
        p.organisation_id: p
        for p in Aanbiederprofiel.objects.filter(organisation_id__in=org_ids).prefetch_related(
            "expertise", "contracted_by"
        )
    }
    offers = (
        Aanbod.objects.filter(organisation_id__in=org_ids, gemeenten__region=region)
        .distinct()
        .prefetch_related(
            "hulpvragen",
            "aandachtspunten",
            "life_domains",
            "expertise",
            Prefetch("gemeenten", queryset=Gemeente.objects.all()),
        )
        .order_by("name", "pk")
    )
    by_org: dict[int, list[Aanbod]] = {}
    for offer in offers:
        by_org.setdefault(offer.organisation_id, []).append(offer)
    waiting = current_entries([o.pk for o in offers])
    result = []
    for org in Organisation.objects.filter(pk__in=org_ids).order_by("name", "pk"):
        head = _organisation_cells(org, profiles.get(org.pk), region.pk)
        org_offers = by_org.get(org.pk, [])
        if not org_offers:
            result.append(head + [""] * (len(COLUMNS) - len(head)))
        for offer in org_offers:
            result.append(head + _offer_cells(offer, waiting.get((offer.pk, None)), region.pk))
    return result


def _organisation_cells(org, profile, region_id) -> list:
    return [
        org.name,
        org.kvk_number,
        org.website,
        org.email,
        org.phone,
        profile.description if profile else "",
        profile.contact_name if profile else "",
        profile.contact_phone if profile else "",
        profile.contact_email if profile else "",
        _codes(profile.expertise.all()) if profile else "",
        _gemeenten(profile.contracted_by.all(), region_id) if profile else "",
    ]


def _offer_cells(offer: Aanbod, entry, region_id) -> list:
    cells = [
        offer.name,
        offer.description,
        offer.productcategorie,
        offer.hulpvorm,
        _yes(offer.voorliggend_veld),
        _yes(offer.with_stay),
        offer.age_min,
        offer.age_max,
        _codes(offer.hulpvragen.all()),
        _codes(offer.aandachtspunten.all()),
        _codes(offer.life_domains.all()),
        _codes(offer.expertise.all()),
        _gemeenten(offer.gemeenten.all(), region_id),
        _yes(offer.referral_needed),
        _yes(offer.beschikking_needed),
        _yes(offer.active),
    ]
    if entry is None:
        return cells + [""] * 5
    by = confirmed_by_label(entry) if entry.confirmed_by_id else ""
    return [
        *cells,
        entry.weeks_to_registration,
        entry.weeks_to_intake,
        entry.weeks_to_treatment,
        entry.confirmed_on,
        by,
    ]


def _text(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return escape_cell(str(value))


def to_csv(table: list[list], headers=HEADERS) -> bytes:
    """UTF-8 with BOM and ';' (what Dutch Excel opens directly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in table:
        writer.writerow([_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet(workbook, title: str, headers, table):
    sheet = workbook.create_sheet(title)
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=str(text))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in table:
        cells = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(value, int) and not isinstance(value, bool):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=escape_cell(str(value)))
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    return sheet


def to_xlsx(table: list[list], extra_sheets=()) -> bytes:
    workbook = Workbook(write_only=True)
    _sheet(workbook, SHEET_TITLE, HEADERS, table)
    for title, headers, extra in extra_sheets:
        _sheet(workbook, title, headers, extra)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def explanation() -> list[list]:
    """Per column: header, part, required, explanation, example (for the template and page)."""
    return [
        [c.header, c.part, str(c.required or _("nee")), str(c.help), c.example] for c in COLUMNS
    ]


def code_lists(region) -> list[list]:
    table = []
    for title, items in (
        (_("expertisegebied"), Expertisegebied.objects.of_region(region)),
        (_("hulpvraag"), Hulpvraag.objects.of_region(region)),
        (_("aandachtspunt"), Aandachtspunt.objects.of_region(region)),
        (_("leefgebied"), LifeDomain.objects.of_region(region)),
    ):
        table += [[str(title), i.code, i.label] for i in items]
    table += [[_("productcategorie"), code, str(label)] for code, label in Productcategorie.choices]
    table += [[_("hulpvorm"), code, str(label)] for code, label in Hulpvorm.choices]
    table += [[_("gemeente"), g.cbs_code, g.name] for g in Gemeente.objects.filter(region=region)]
    return table


def template_xlsx(region) -> bytes:
    return to_xlsx(
        [],
        extra_sheets=(
            (
                _("toelichting"),
                [_("kolom"), _("onderdeel"), _("verplicht"), _("uitleg"), _("voorbeeld")],
                explanation(),
            ),
            (_("codes"), [_("lijst"), _("code"), _("omschrijving")], code_lists(region)),
        ),
    )


def template_csv() -> bytes:
    return to_csv([])
