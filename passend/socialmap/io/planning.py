"""What an import file means, before anything is written: the problems found (each with its row
and column) and the plan of organisations and offers to create or update. Filled by the row
checks (`rules.py`) and by the services' refusals while writing (`importer.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .format import COLUMNS


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None  # the column header as the file has it
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


def _column_order(header: str | None) -> int:
    for i, column in enumerate(COLUMNS):
        if column.header == header:
            return i
    return -1


def in_file_order(errors) -> list[RowError]:
    """By row (as the spreadsheet numbers them), then by column (as the format orders them)."""
    return sorted(errors, key=lambda e: (e.row or 0, _column_order(e.column)))


@dataclass
class Table:
    header_errors: list[RowError]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, column key -> text)


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
