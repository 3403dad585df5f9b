"""The first figures of monitoring, read only from the analytics record.

Every count comes from ``passend.analytics.selectors.visible_facts`` (the case facts of the
team for the municipalities the user is granted) and goes through ``suppress.suppress_row``
before it is shown, on the page and in the API alike. All tables cover the same period — the
last twelve months, the current one included — so their totals agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from passend.accounts.permissions import aggregate_gemeente_ids
from passend.analytics.selectors import visible_facts
from passend.cases.codes import CaseState, ClosureOutcome
from passend.regions.models import Gemeente

from .suppress import SUPPRESSED, suppress_row
from .suppress import Count as Shown

MONTHS = 12
UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    count: Shown


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    cells: list[Cell]
    total: Shown


def months(today: datetime.date, n: int = MONTHS) -> list[datetime.date]:
    """The first days of the last `n` months, oldest first, the current month last."""
    first = today.replace(day=1)
    found = []
    for _i in range(n):
        found.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return found[::-1]


def _table(
    key: str, title: str, rows: list[tuple[str, str, int]], *, hide_total: bool = False
) -> Table:
    shown, total = suppress_row({k: n for k, _label, n in rows}, hide_total=hide_total)
    return Table(key, title, [Cell(k, label, shown[k]) for k, label, _n in rows], total)


def summary(user, team, *, today: datetime.date | None = None) -> dict:
    """Registrations of the last twelve months per month, per gemeente, per status, and the
    outcomes of the closed ones among them; every count suppressed below 5."""
    today = today or timezone.localdate()
    period = months(today)
    facts = visible_facts(user, team).filter(registered_on__gte=period[0], registered_on__lte=today)

    per_month = {
        row["month"]: row["n"]
        for row in facts.annotate(month=TruncMonth("registered_on"))
        .values("month")
        .annotate(n=Count("id"))
    }
    per_month = {
        (m.date() if isinstance(m, datetime.datetime) else m): n for m, n in per_month.items()
    }
    month_rows = [(m.strftime("%Y-%m"), date_format(m, "F Y"), per_month.get(m, 0)) for m in period]

    per_gemeente = {
        row["gemeente_id"]: row["n"] for row in facts.values("gemeente_id").annotate(n=Count("id"))
    }
    granted = Gemeente.objects.filter(pk__in=aggregate_gemeente_ids(user, team)).order_by("name")
    gemeente_rows = [(g.cbs_code or str(g.pk), g.name, per_gemeente.get(g.pk, 0)) for g in granted]

    per_state = {row["state"]: row["n"] for row in facts.values("state").annotate(n=Count("id"))}
    state_rows = [(s.value, str(s.label), per_state.get(s.value, 0)) for s in CaseState]

    closed = facts.filter(state=CaseState.AFGESLOTEN)
    per_outcome = {
        row["closure_outcome"]: row["n"]
        for row in closed.values("closure_outcome").annotate(n=Count("id"))
    }
    outcome_rows = [(o.value, str(o.label), per_outcome.get(o.value, 0)) for o in ClosureOutcome]
    if per_outcome.get(""):
        outcome_rows.append((UNKNOWN, _("niet vastgelegd"), per_outcome[""]))

    by_state = _table("per_status", _("Aanmeldingen per status"), state_rows)
    closed_cell = next(c for c in by_state.cells if c.key == CaseState.AFGESLOTEN)
    return {
        "period_from": period[0],
        "period_to": today,
        "tables": [
            _table("per_month", _("Aanmeldingen per maand"), month_rows),
            _table("per_gemeente", _("Aanmeldingen per gemeente"), gemeente_rows),
            by_state,
            # Its total is the status table's "afgesloten" cell: hidden there, hidden here.
            _table(
                "per_outcome",
                _("Uitkomst van de afgesloten casussen"),
                outcome_rows,
                hide_total=closed_cell.count == SUPPRESSED,
            ),
        ],
    }
