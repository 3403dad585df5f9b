"""Import of providers and offers from CSV or XLSX, for the coordinator of the sociale kaart.

Two steps, both through `validate()`: the dry run reports EVERY problem with row number (as the
spreadsheet shows it: the header is row 1) and column, and imports nothing; when the file is
clean, `apply()` writes everything in one transaction. Re-importing updates: organisations are
matched by name within the team's region, offers by organisation + name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .io_format import COLUMNS, header_key, unescape_cell

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60


class ImportFileError(Exception):
    """The file cannot be read at all; the message is shown to the user (Dutch)."""


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Rij %(row)s, kolom '%(column)s': %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Rij %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class Table:
    header_errors: list[RowError]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, column key -> text)


# ---------------------------------------------------------------------------------------------
# Reading the file


def file_kind(name: str, content: bytes) -> str:
    """'csv' or 'xlsx', checked on the name AND the content; raises ImportFileError."""
    lower = (name or "").lower()
    if not content:
        raise ImportFileError(_("Het bestand is leeg."))
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("Het bestand is te groot (%(size)s kB); het maximum is %(max)s kB.")
            % {"size": len(content) // 1024, "max": MAX_BYTES // 1024}
        )
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK") or not _is_workbook(content):
            raise ImportFileError(_("Dit is geen geldig Excel-bestand (.xlsx)."))
        return "xlsx"
    if lower.endswith((".csv", ".txt")):
        if content.startswith(b"PK") or b"\x00" in content[:4096]:
            raise ImportFileError(_("Dit is geen tekstbestand (CSV)."))
        return "csv"
    if lower.endswith((".xls", ".ods", ".numbers")):
        raise ImportFileError(
            _("Dit soort spreadsheet kan niet worden ingelezen. Sla het op als .xlsx of .csv.")
        )
    raise ImportFileError(
        _("Alleen CSV- en Excel-bestanden (.csv, .xlsx) kunnen worden ingelezen.")
    )


def _is_workbook(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            total = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "xl/workbook.xml" in names and total < 25 * MAX_BYTES


def read_table(name: str, content: bytes) -> Table:
    kind = file_kind(name, content)
    raw = _read_xlsx(content) if kind == "xlsx" else _read_csv(content)
    return _to_table(raw)


def _read_csv(content: bytes) -> list[tuple[int, list]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("Het CSV-bestand is niet goed opgebouwd: %s") % error) from error
    return list(enumerate(records, start=1))


def _read_xlsx(content: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(_("Het Excel-bestand kan niet worden gelezen.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                break
            rows.append((number, list(values[:MAX_COLUMNS])))
        return rows
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date().strftime("%d-%m-%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unescape_cell(str(value).strip())


def _to_table(raw: list[tuple[int, list]]) -> Table:
    errors: list[RowError] = []
    raw = [(n, [_cell_text(v) for v in values]) for n, values in raw]
    raw = [(n, values) for n, values in raw if any(values)]
    if not raw:
        raise ImportFileError(_("Het bestand bevat geen rijen."))
    header_row, header = raw[0]
    keys: list[str | None] = []
    seen: dict[str, str] = {}
    for text in header:
        key = header_key(text) if text else None
        if text and key is None:
            errors.append(RowError(header_row, text, _("deze kolom is onbekend.")))
        elif key in seen:
            errors.append(RowError(header_row, text, _("deze kolom staat er twee keer in.")))
            key = None
        if key:
            seen[key] = text
        keys.append(key)
    if "org_name" not in seen:
        errors.append(RowError(header_row, None, _("de kolom 'organisatie' ontbreekt.")))
    data = raw[1:]
    if not data:
        raise ImportFileError(_("Het bestand bevat alleen een kopregel, geen gegevens."))
    if len(data) > MAX_ROWS:
        raise ImportFileError(
            _("Het bestand heeft meer dan %(max)s rijen; splits het op.") % {"max": MAX_ROWS}
        )
    rows = []
    for number, values in data:
        record = {key: values[i] for i, key in enumerate(keys) if key and i < len(values)}
        rows.append((number, record))
    return Table(header_errors=errors, rows=rows)


# ---------------------------------------------------------------------------------------------
# Validation


@dataclass
class OrgPlan:
    key: str
    name: str
    row: int
    existing: object | None = None  # regions.Organisation
    fields: dict = field(default_factory=dict)  # Organisation fields (non-empty only)
    profile: dict = field(default_factory=dict)  # Aanbiederprofiel fields (non-empty only)
    expertise: list | None = None
    contracted_by: list | None = None
    sources: dict = field(default_factory=dict)  # column key -> (row, value) that set it


@dataclass
class OfferPlan:
    org_key: str
    org_name: str
    name: str
    row: int
    existing: object | None = None  # Aanbod
    values: dict = field(default_factory=dict)
    m2m: dict = field(default_factory=dict)
    gemeenten: list = field(default_factory=list)
    waiting: dict | None = None
    waiting_known: bool = False


@dataclass
class Plan:
    errors: list[RowError]
    organisations: list[OrgPlan]
    offers: list[OfferPlan]
    row_count: int = 0

    @property
    def clean(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        return {
            "organisations_new": sum(1 for o in self.organisations if o.existing is None),
            "organisations_updated": sum(1 for o in self.organisations if o.existing),
            "offers_new": sum(1 for o in self.offers if o.existing is None),
            "offers_updated": sum(1 for o in self.offers if o.existing),
            "waiting_new": sum(1 for o in self.offers if o.waiting and not o.waiting_known),
        }


def validate(name: str, content: bytes, team) -> Plan:
    """Read and check the file for `team` (its region); raises ImportFileError when unreadable."""
    from .import_rules import RowChecker

    table = read_table(name, content)
    checker = RowChecker(team)
    for number, record in table.rows:
        checker.check_row(number, record)
    errors = table.header_errors + checker.errors
    errors.sort(key=lambda e: (e.row or 0, _column_order(e.column)))
    return Plan(
        errors=errors,
        organisations=list(checker.organisations.values()),
        offers=checker.offers,
        row_count=len(table.rows),
    )


def _column_order(header: str | None) -> int:
    for i, column in enumerate(COLUMNS):
        if column.header == header:
            return i
    return -1


def today() -> dt.date:
    return timezone.localdate()


# ---------------------------------------------------------------------------------------------
# Writing


class ImportApplyError(Exception):
    """A row was refused while writing (the file changed meaning since the dry run)."""

    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


def apply(plan: Plan, team, actor) -> dict[str, int]:
    """Write a clean plan in ONE transaction through the services of the sociale kaart (the
    same rules as the pages); nothing is written when any row is refused."""
    from django.db import transaction

    if not plan.clean:
        raise ValueError("apply() needs a plan without errors")
    with transaction.atomic():
        organisations = {op.key: _apply_organisation(op, team, actor) for op in plan.organisations}
        for offer_plan in plan.offers:
            _apply_offer(offer_plan, organisations[offer_plan.org_key], team, actor)
    return plan.counts


def _refused(row: int, invalid) -> ImportApplyError:
    messages = getattr(invalid, "messages", None) or [str(invalid)]
    return ImportApplyError(RowError(row, None, " ".join(str(m) for m in messages)))


def _apply_organisation(op: OrgPlan, team, actor):
    from django.core.exceptions import PermissionDenied, ValidationError

    from passend.regions.models import Organisation, OrganisationType

    from . import services

    org = op.existing or Organisation(name=op.name, type=OrganisationType.ZORGAANBIEDER)
    for name, value in op.fields.items():
        setattr(org, name, value)
    try:
        org.full_clean()
    except ValidationError as invalid:
        raise _refused(op.row, invalid) from invalid
    org.save()
    org.regions.add(team.region)
    contracted = None
    if op.contracted_by is not None:
        profile = getattr(org, "profiel", None) if op.existing else None
        keep = profile.contracted_by.exclude(region=team.region) if profile else []
        contracted = [*op.contracted_by, *keep]
    try:
        services.save_profile(
            org, actor=actor, expertise=op.expertise, contracted_by=contracted, **op.profile
        )
    except (ValidationError, PermissionDenied) as invalid:
        raise _refused(op.row, invalid) from invalid
    return org


def _apply_offer(plan: OfferPlan, org, team, actor):
    from django.core.exceptions import PermissionDenied, ValidationError

    from . import services
    from .models import Aanbod

    offer = plan.existing or Aanbod(organisation=org)
    offer.name = plan.name
    for name, value in plan.values.items():
        setattr(offer, name, value)
    gemeenten = list(plan.gemeenten)
    if plan.existing is not None:  # the work area outside this region stays as it is
        gemeenten += list(plan.existing.gemeenten.exclude(region=team.region))
    try:
        services.save_offer(offer, actor=actor, gemeenten=gemeenten, **plan.m2m)
        if plan.waiting and not plan.waiting_known:
            # Confirmed by whoever the file names, not by the coordinator who imports it:
            # the permission was checked by save_offer above, so the system records it.
            services.confirm_waiting_time(
                offer, actor=None, note=_("Ingelezen via import."), **plan.waiting
            )
    except (ValidationError, PermissionDenied) as invalid:
        raise _refused(plan.row, invalid) from invalid
    return offer
