"""Reading a monitoring question from query parameters — the same for pages, exports and API.

Parameters (all optional):

* ``from``, ``to``: the period as whole months: ``2026-01`` or a date (``2026-01-01``; ``to``
  the last day of a month). Without them: the current calendar year.
* ``periodKey``: a calendar period instead (``2026-03``, ``2026-Q1``, ``2026-H1``, ``2026``).
* ``period``: the split of the period for a trend: ``month``, ``quarter``, ``halfYear``,
  ``year`` (none: the period as one figure).
* ``compare``: ``true`` shows the previous period and the same period last year beside it.
* ``groupBy``: a dimension (``dimensions.DIMENSIONS``); ``none`` for no grouping; absent: the
  indicator's own grouping.
* every dimension name (``gemeente``, ``wijk``, ``referrerType``, ``ageGroup``,
  ``problemType``, ``legalFramework`` …) with one API value filters on it.

A bad parameter raises ``InvalidQuery`` with the parameter's name and a Dutch message; the page
shows it next to the field, the API as problem+json (400).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import dimensions
from . import periods as P

RESERVED = {"from", "to", "periodKey", "period", "compare", "groupBy", "format", "team", "lang"}
NO_GROUPING = "none"
MAX_MONTHS = 60


class InvalidQuery(ValueError):
    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class Query:
    period: P.Period
    granularity: str = ""
    compare: bool = False
    filters: dict[str, str] = field(default_factory=dict)
    group_by: str | None = None  # None: the indicator's own; "" none

    def params(self, **changes) -> dict[str, str]:
        """The query as parameters again (for links and exports); `changes` override."""
        found = {
            "from": self.period.start.strftime("%Y-%m"),
            "to": self.period.end.strftime("%Y-%m"),
        }
        if self.granularity:
            found["period"] = P.API_NAMES[self.granularity]
        if self.compare:
            found["compare"] = "true"
        if self.group_by is not None:
            found["groupBy"] = self.group_by or NO_GROUPING
        found.update(self.filters)
        found.update({k: v for k, v in changes.items() if v is not None})
        return {k: v for k, v in found.items() if v != ""}


def _month(param: str, raw: str, *, end: bool) -> dt.date:
    raw = raw.strip()
    if re.fullmatch(r"\d{4}-\d{2}", raw):
        year, month = int(raw[:4]), int(raw[5:])
        if not 1 <= month <= 12:
            raise InvalidQuery(param, _("Onbekende maand."))
        index = year * 12 + month - 1
        return P.month_end(index) if end else P.month_start(index)
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidQuery(
            param, _("Geef een maand (jjjj-mm) of een datum (jjjj-mm-dd).")
        ) from None
    index = P.month_index(day)
    if end and day != P.month_end(index):
        raise InvalidQuery(param, _("Een periode eindigt op de laatste dag van een maand."))
    if not end and day.day != 1:
        raise InvalidQuery(param, _("Een periode begint op de eerste dag van een maand."))
    return day


def parse(params, *, today: dt.date) -> Query:
    get = params.get
    if get("periodKey"):
        try:
            period = P.Period.parse(get("periodKey"))
        except P.PeriodError as error:
            raise InvalidQuery("periodKey", str(error)) from None
    elif get("from") or get("to"):
        if not get("from"):
            raise InvalidQuery("from", _("Geef ook het begin van de periode."))
        if not get("to"):
            raise InvalidQuery("to", _("Geef ook het einde van de periode."))
        start = _month("from", get("from"), end=False)
        end = _month("to", get("to"), end=True)
        if end < start:
            raise InvalidQuery("to", _("Het einde van de periode ligt voor het begin."))
        period = P.Period.between(start, end)
    else:
        period = P.Period.containing(today, P.YEAR)
    if period.months > MAX_MONTHS:
        raise InvalidQuery("to", _("Kies een periode van hoogstens vijf jaar."))
    if period.start.year < 2000 or period.end.year > today.year + 1:
        raise InvalidQuery("from", _("Kies een periode tussen 2000 en volgend jaar."))

    granularity = ""
    if get("period"):
        granularity = P.FROM_API.get(get("period"), "")
        if not granularity:
            raise InvalidQuery("period", _("Kies een indeling: month, quarter, halfYear of year."))

    compare = (get("compare") or "").lower() in {"true", "1", "on", "ja"}

    group_by = get("groupBy")
    if group_by == NO_GROUPING:
        group_by = ""
    elif group_by is not None and group_by != "" and group_by not in dimensions.DIMENSIONS:
        raise InvalidQuery("groupBy", _("Onbekend kenmerk om naar uit te splitsen."))
    elif group_by == "":
        group_by = None

    filters = {}
    for name in params:
        if name in RESERVED:
            continue
        if name not in dimensions.DIMENSIONS:
            raise InvalidQuery(name, _("Onbekende parameter."))
        value = (get(name) or "").strip()
        if value:
            filters[name] = value[:60]
    return Query(period, granularity, compare, filters, group_by)
