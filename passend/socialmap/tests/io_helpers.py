"""Helpers for the import/export tests: build CSV/XLSX files and drive the two-step import."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from passend.accounts.roles import Role
from passend.socialmap.io.format import COLUMNS

HEADERS = [c.header for c in COLUMNS]
KEY_TO_HEADER = {c.key: c.header for c in COLUMNS}


def offer_row(gemeente, **overrides) -> dict:
    """A complete, valid offer row (column headers -> text)."""
    row = {
        "organisatie": "Jeugdhulp De Kust",
        "kvk-nummer": "12345678",
        "website": "https://www.dekust.example",
        "e-mail": "info@dekust.example",
        "telefoon": "+31 10 1234567",
        "omschrijving organisatie": "Wij helpen gezinnen thuis.",
        "contactpersoon verwijzers": "Intaketeam",
        "expertise organisatie": "ggz|trauma",
        "gecontracteerd door": gemeente.cbs_code,
        "aanbod": "Gezinsbegeleiding thuis",
        "omschrijving": "Een begeleider komt wekelijks bij u thuis.",
        "productcategorie": "45",
        "hulpvorm": "02",
        "voorliggend veld": "nee",
        "met verblijf": "nee",
        "leeftijd van": "4",
        "leeftijd tot": "18",
        "hulpvragen": "opvoeding|Boosheid en moeilijk gedrag",
        "aandachtspunten": "thuissituatie",
        "leefgebieden": "gezin-opvoeding",
        "werkgebied": gemeente.cbs_code,
        "verwijzing nodig": "ja",
        "beschikking nodig": "ja",
        "weken tot aanmelding": "1",
        "weken tot intake": "3",
        "weken tot start hulp": "6",
        "bevestigd op": "01-02-2025",
        "bevestigd door": "J. Jansen (planner)",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], delimiter=";", bom=True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.get(h, "") for h in HEADERS])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(h) or None for h in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build(kind: str, rows: list[dict]) -> tuple[str, bytes]:
    if kind == "xlsx":
        return "kaart.xlsx", xlsx_bytes(rows)
    return "kaart.csv", csv_bytes(rows)


def import_url(team) -> str:
    return f"/teams/{team.slug}/sociale-kaart/import/"


def dry_run(client, team, name: str, content: bytes):
    return client.post(import_url(team), {"bestand": SimpleUploadedFile(name, content)})


def confirm(client, team, response):
    token = response.context["confirm_form"].initial["token"]
    return client.post(f"{import_url(team)}bevestigen/", {"token": token}, follow=True)


def import_file(client, team, name: str, content: bytes):
    """Dry run + confirm; returns the confirm response (asserts the dry run was clean)."""
    response = dry_run(client, team, name, content)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.clean, [str(e) for e in plan.errors]
    return confirm(client, team, response)


def coordinator(tenancy):
    return tenancy.a.users[Role.COORDINATOR_SK]


def errors_of(response) -> list[str]:
    return [str(e) for e in response.context["plan"].errors]
