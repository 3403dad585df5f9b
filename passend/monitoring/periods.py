"""Periods of monitoring: calendar months, quarters, half-years and years, and custom ranges of
whole months.

Every period is a range of whole months. That is what lets suppression work: a figure for any
period is the sum of calendar blocks (a year, a half-year, a quarter, a month) whose visibility
is decided once per calendar year (``suppress``), so no two periods can be subtracted to give
away a hidden month. A custom range therefore starts on the first day of a month and ends on the
last day of a month.

Keys (in URLs and the API): ``2026-03`` (month), ``2026-Q1``, ``2026-H1``, ``2026`` and
``2026-01..2026-05`` (custom).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTH, QUARTER, HALF, YEAR, CUSTOM = "month", "quarter", "half", "year", "custom"
GRANULARITIES = (MONTH, QUARTER, HALF, YEAR)
LENGTH = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
KIND_LABELS = {
    MONTH: gettext_lazy("maand"),
    QUARTER: gettext_lazy("kwartaal"),
    HALF: gettext_lazy("halfjaar"),
    YEAR: gettext_lazy("jaar"),
    CUSTOM: gettext_lazy("eigen periode"),
}
# API spelling of the granularities (camelCase, as the rest of the API).
API_NAMES = {MONTH: "month", QUARTER: "quarter", HALF: "halfYear", YEAR: "year"}
FROM_API = {v: k for k, v in API_NAMES.items()}


class PeriodError(ValueError):
    """A period that cannot be read; the message is Dutch and meant for the user."""


def month_index(day: dt.date) -> int:
    """Months since year 0: consecutive months have consecutive indexes."""
    return day.year * 12 + day.month - 1


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> dt.date:
    start = month_start(index)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """Months ``first``..``last`` (month indexes, inclusive)."""

    first: int
    last: int

    def __post_init__(self):
        if self.last < self.first:
            raise PeriodError(_("Het einde van de periode ligt voor het begin."))

    # -- construction -------------------------------------------------------------------
    @classmethod
    def containing(cls, day: dt.date, kind: str) -> Period:
        if kind not in LENGTH:
            raise PeriodError(_("Onbekende soort periode."))
        index = month_index(day)
        size = LENGTH[kind]
        first = index - (day.month - 1) % size
        return cls(first, first + size - 1)

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> Period:
        """A custom range: `start` the first day of a month, `end` the last day of a month."""
        if start.day != 1:
            raise PeriodError(_("Een periode begint op de eerste dag van een maand."))
        if end != month_end(month_index(end)):
            raise PeriodError(_("Een periode eindigt op de laatste dag van een maand."))
        if end < start:
            raise PeriodError(_("Het einde van de periode ligt voor het begin."))
        return cls(month_index(start), month_index(end))

    @classmethod
    def parse(cls, key: str) -> Period:
        key = (key or "").strip()
        if m := re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", key):
            y1, m1, y2, m2 = (int(g) for g in m.groups())
            if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
                raise PeriodError(_("Onbekende maand in de periode."))
            return cls(y1 * 12 + m1 - 1, y2 * 12 + m2 - 1)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", key):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise PeriodError(_("Onbekende maand in de periode."))
            return cls(year * 12 + month - 1, year * 12 + month - 1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", key):
            first = int(m[1]) * 12 + (int(m[2]) - 1) * 3
            return cls(first, first + 2)
        if m := re.fullmatch(r"(\d{4})-H([12])", key):
            first = int(m[1]) * 12 + (int(m[2]) - 1) * 6
            return cls(first, first + 5)
        if m := re.fullmatch(r"(\d{4})", key):
            first = int(m[1]) * 12
            return cls(first, first + 11)
        raise PeriodError(
            _("Onbekende periode '%(key)s': gebruik bijvoorbeeld 2026-03, 2026-Q1, 2026-H1, 2026.")
            % {"key": key[:20]}
        )

    # -- properties ----------------------------------------------------------------------
    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def start(self) -> dt.date:
        return month_start(self.first)

    @property
    def end(self) -> dt.date:
        return month_end(self.last)

    @property
    def kind(self) -> str:
        """The calendar kind when the range is exactly one calendar period, else custom."""
        month = self.first % 12
        for kind in GRANULARITIES:
            size = LENGTH[kind]
            if self.months == size and month % size == 0:
                return kind
        return CUSTOM

    @property
    def key(self) -> str:
        year, month = divmod(self.first, 12)
        kind = self.kind
        if kind == MONTH:
            return f"{year}-{month + 1:02d}"
        if kind == QUARTER:
            return f"{year}-Q{month // 3 + 1}"
        if kind == HALF:
            return f"{year}-H{month // 6 + 1}"
        if kind == YEAR:
            return f"{year}"
        last_year, last_month = divmod(self.last, 12)
        return f"{year}-{month + 1:02d}..{last_year}-{last_month + 1:02d}"

    @property
    def label(self) -> str:
        year, month = divmod(self.first, 12)
        kind = self.kind
        if kind == MONTH:
            return date_format(self.start, "F Y")
        if kind == QUARTER:
            return _("%(n)se kwartaal %(year)s") % {"n": month // 3 + 1, "year": year}
        if kind == HALF:
            return _("%(n)se halfjaar %(year)s") % {"n": month // 6 + 1, "year": year}
        if kind == YEAR:
            return str(year)
        return _("%(start)s t/m %(end)s") % {
            "start": date_format(self.start, "M Y"),
            "end": date_format(self.end, "M Y"),
        }

    @property
    def short_label(self) -> str:
        """For chart axes: 2026-03, 2026 K1, 2026 H1, 2026."""
        year, month = divmod(self.first, 12)
        kind = self.kind
        if kind == MONTH:
            return date_format(self.start, "M Y")
        if kind == QUARTER:
            return _("K%(n)s %(year)s") % {"n": month // 3 + 1, "year": year}
        if kind == HALF:
            return _("H%(n)s %(year)s") % {"n": month // 6 + 1, "year": year}
        if kind == YEAR:
            return str(year)
        return self.label

    # -- relations -----------------------------------------------------------------------
    def shifted(self, months: int) -> Period:
        return Period(self.first + months, self.last + months)

    def previous(self) -> Period:
        """The period of the same length just before."""
        return self.shifted(-self.months)

    def year_before(self) -> Period:
        """The same period a year earlier."""
        return self.shifted(-12)

    def buckets(self, granularity: str) -> list[Period]:
        """The calendar periods of `granularity` that make up this range, clipped to it."""
        size = LENGTH[granularity]
        found, index = [], self.first
        while index <= self.last:
            block_end = index - index % size + size - 1 if granularity != MONTH else index
            block_end = min(block_end, self.last)
            found.append(Period(index, block_end))
            index = block_end + 1
        return found

    def blocks(self) -> list[Period]:
        """The range as the fewest calendar periods (years, half-years, quarters, months)."""
        found, index = [], self.first
        while index <= self.last:
            for kind in (YEAR, HALF, QUARTER, MONTH):
                size = LENGTH[kind]
                if index % size == 0 and index + size - 1 <= self.last:
                    found.append(Period(index, index + size - 1))
                    index += size
                    break
        return found

    def years(self) -> range:
        return range(self.first // 12, self.last // 12 + 1)

    def __str__(self) -> str:
        return self.key


def calendar_blocks(year: int) -> list[Period]:
    """Every calendar period of `year`: the year, its halves, quarters and months."""
    first = year * 12
    return [
        Period(first, first + 11),
        *(Period(first + 6 * h, first + 6 * h + 5) for h in range(2)),
        *(Period(first + 3 * q, first + 3 * q + 2) for q in range(4)),
        *(Period(first + m, first + m) for m in range(12)),
    ]


def children(block: Period) -> list[Period]:
    """The calendar periods one level down: a year's halves, a half's quarters, a quarter's
    months; a month has none."""
    kind = block.kind
    if kind == YEAR:
        return block.buckets(HALF)
    if kind == HALF:
        return block.buckets(QUARTER)
    if kind == QUARTER:
        return block.buckets(MONTH)
    return []


def current(kind: str, today: dt.date) -> Period:
    return Period.containing(today, kind)


def last_complete(kind: str, today: dt.date) -> Period:
    """The last calendar period of `kind` that has ended before `today`'s period."""
    return Period.containing(today, kind).previous()
