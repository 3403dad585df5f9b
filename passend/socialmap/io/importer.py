"""Import of providers and offers from CSV or XLSX, for the coordinator of the sociale kaart.

Two steps on the same path: the file is read, every row is checked (`rules.py`), and the plan is
written through `socialmap.services` (the same rules as the pages and the API), each
organisation and offer in its own savepoint so that every refusal is found. The dry run
(`dry_run`) always rolls the writing back: it imports nothing and reports EVERY problem with row
number (as the spreadsheet shows it: the header is row 1) and column. The import (`run`) keeps
the writing only when nothing at all was refused: all or nothing, in one transaction.
Re-importing updates: organisations are matched by name within the team's region, offers by
organisation + name.

A file that cannot be read at all is refused (InvalidInput on `content`); the problems of a
readable file are the plan's report, not a refusal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from passend.core.refusals import InvalidInput, Refusal
from passend.regions.models import Organisation, OrganisationType

from .. import services
from ..models import Aanbod
from .format import BY_KEY, header_key, unescape_cell
from .planning import OfferPlan, OrgPlan, Plan, RowError, Table, in_file_order
from .rules import OFFER_COLUMNS, ORGANISATION_COLUMNS, RowChecker

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60


def _unreadable(message: str) -> InvalidInput:
    return InvalidInput(errors={"content": message})


# ---------------------------------------------------------------------------------------------
# Reading the file


def file_kind(name: str, content: bytes) -> str:
    """'csv' or 'xlsx', checked on the name AND the content; refuses anything else."""
    lower = (name or "").lower()
    if not content:
        raise _unreadable(_("Het bestand is leeg."))
    if len(content) > MAX_BYTES:
        raise _unreadable(
            _("Het bestand is te groot (%(size)s kB); het maximum is %(max)s kB.")
            % {"size": len(content) // 1024, "max": MAX_BYTES // 1024}
        )
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK") or not _is_workbook(content):
            raise _unreadable(_("Dit is geen geldig Excel-bestand (.xlsx)."))
        return "xlsx"
    if lower.endswith((".csv", ".txt")):
        if content.startswith(b"PK") or b"\x00" in content[:4096]:
            raise _unreadable(_("Dit is geen tekstbestand (CSV)."))
        return "csv"
    if lower.endswith((".xls", ".ods", ".numbers")):
        raise _unreadable(
            _("Dit soort spreadsheet kan niet worden ingelezen. Sla het op als .xlsx of .csv.")
        )
    raise _unreadable(_("Alleen CSV- en Excel-bestanden (.csv, .xlsx) kunnen worden ingelezen."))


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
        raise _unreadable(
            _("Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise _unreadable(_("Het CSV-bestand is niet goed opgebouwd: %s") % error) from error
    return list(enumerate(records, start=1))


def _read_xlsx(content: bytes) -> list[tuple[int, list]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _unreadable(_("Het Excel-bestand kan niet worden gelezen.")) from error
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
        raise _unreadable(_("Het bestand bevat geen rijen."))
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
        raise _unreadable(_("Het bestand bevat alleen een kopregel, geen gegevens."))
    if len(data) > MAX_ROWS:
        raise _unreadable(
            _("Het bestand heeft meer dan %(max)s rijen; splits het op.") % {"max": MAX_ROWS}
        )
    rows = []
    for number, values in data:
        record = {key: values[i] for i, key in enumerate(keys) if key and i < len(values)}
        rows.append((number, record))
    return Table(header_errors=errors, rows=rows)


def _check(name: str, content: bytes, team) -> Plan:
    table = read_table(name, content)
    checker = RowChecker(team)
    for number, record in table.rows:
        checker.check_row(number, record)
    return Plan(
        errors=in_file_order(table.header_errors + checker.errors),
        organisations=list(checker.organisations.values()),
        offers=checker.offers,
        row_count=len(table.rows),
    )


# ---------------------------------------------------------------------------------------------
# The dry run and the import: the same writing through the services


def dry_run(content: bytes, *, file_name: str, team, actor) -> Plan:
    """Read, check and write the file for `team` (its region), then roll everything back: the
    plan with every problem, nothing imported."""
    return _import(content, file_name=file_name, team=team, actor=actor, keep=False)


def run(content: bytes, *, file_name: str, team, actor) -> Plan:
    """The same as the dry run, but the writing is kept when the plan is clean (nothing was
    refused); with any problem nothing is imported and the plan says why."""
    return _import(content, file_name=file_name, team=team, actor=actor, keep=True)


def _import(content: bytes, *, file_name: str, team, actor, keep: bool) -> Plan:
    plan = _check(file_name, content, team)
    with transaction.atomic():
        refused = _write(plan, team=team, actor=actor)
        plan.errors = in_file_order(plan.errors + refused)
        if not (keep and plan.clean):
            transaction.set_rollback(True)
    return plan


def _write(plan: Plan, *, team, actor) -> list[RowError]:
    """Write the plan through the services, each organisation and offer in its own savepoint,
    and return every refusal as a row error on the column its field came from. A row the row
    checks refused is not written (nor the offers of an organisation that was refused)."""
    refused_rows = {e.row for e in plan.errors}
    errors: list[RowError] = []
    organisations = {}
    for org_plan in plan.organisations:
        if org_plan.row in refused_rows:
            continue
        try:
            with transaction.atomic():
                organisations[org_plan.key] = _write_organisation(org_plan, team, actor)
        except Refusal as refusal:
            errors += _row_errors(org_plan.row, refusal, ORGANISATION_COLUMNS)
    for offer_plan in plan.offers:
        organisation = organisations.get(offer_plan.org_key)
        if organisation is None or offer_plan.row in refused_rows:
            continue
        try:
            with transaction.atomic():
                _write_offer(offer_plan, organisation, team, actor)
        except Refusal as refusal:
            errors += _row_errors(offer_plan.row, refusal, OFFER_COLUMNS)
    return errors


def _row_errors(row: int, refusal: Refusal, columns: dict[str, str]) -> list[RowError]:
    """The service's messages per field, on the column each field came from."""
    if not refusal.errors:
        return [RowError(row, None, refusal.message)]
    return [
        RowError(row, BY_KEY[columns[name]].header if name in columns else None, message)
        for name, messages in refusal.errors.items()
        for message in messages
    ]


def _write_organisation(plan: OrgPlan, team, actor) -> Organisation:
    organisation = plan.existing or Organisation(
        name=plan.name, type=OrganisationType.ZORGAANBIEDER
    )
    for name, value in plan.fields.items():
        setattr(organisation, name, value)
    services.save_organisation(organisation, actor=actor, team=team)
    contracted = None
    if plan.contracted_by is not None:  # the gemeenten of other regions stay as they are
        profile = getattr(organisation, "profiel", None) if plan.existing else None
        keep = profile.contracted_by.exclude(region=team.region) if profile else []
        contracted = [*plan.contracted_by, *keep]
    services.save_profile(
        organisation,
        actor=actor,
        expertise=plan.expertise,
        contracted_by=contracted,
        **plan.profile,
    )
    return organisation


def _write_offer(plan: OfferPlan, organisation: Organisation, team, actor) -> Aanbod:
    offer = plan.existing or Aanbod(organisation=organisation)
    offer.name = plan.name
    for name, value in plan.values.items():
        setattr(offer, name, value)
    gemeenten = list(plan.gemeenten)
    if plan.existing is not None:  # the work area outside this region stays as it is
        gemeenten += list(plan.existing.gemeenten.exclude(region=team.region))
    services.save_offer(offer, actor=actor, gemeenten=gemeenten, **plan.m2m)
    if plan.waiting and not plan.waiting_known:
        # Confirmed by whoever the file names, not by the coordinator who imports it.
        services.confirm_waiting_time(
            offer, actor=actor, imported=True, note=_("Ingelezen via import."), **plan.waiting
        )
    return offer
