"""The current waiting time of an offer and whether it is outdated. One definition, used by the
search, the provider pages, the advice letter and the coordinator's list.

An entry is outdated when its confirmation is older than the team setting
``waiting_time_stale_weeks`` (default 6 weeks). An outdated entry is never presented as current:
callers show it with its date and the word "verouderd", and it does not count as meeting a
maximum waiting time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, IntegerField, Min, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber

from .models import Wachttijd

DEFAULT_STALE_WEEKS = 6


@dataclass(frozen=True)
class CurrentWaitingTime:
    entry: Wachttijd
    outdated: bool

    @property
    def weeks_to_treatment(self) -> int:
        return self.entry.weeks_to_treatment


def is_outdated(confirmed_on: dt.date, today: dt.date, stale_weeks: int) -> bool:
    return confirmed_on < fresh_cutoff(today, stale_weeks)


def current_rows(offers) -> QuerySet[Wachttijd]:
    """The current entry per (offer, location) of `offers` (ids or a subquery of ids): the
    newest confirmation, later id first on the same day. One row per offer and location, chosen
    by a window query in the database; the older history is not read.

    Conditions that keep or drop whole (offer, location) histories, or that only drop entries
    older than the one kept (``confirmed_on__gte``), may be added with ``filter``; others would
    act before the newest is chosen."""
    newest = Window(
        RowNumber(),
        partition_by=[F("aanbod_id"), F("locatie_id")],
        order_by=[F("confirmed_on").desc(), F("id").desc()],
    )
    return (
        Wachttijd.objects.filter(aanbod_id__in=offers)
        .annotate(newest=newest)
        .filter(newest=1)
        .order_by()
    )


def fresh_cutoff(today: dt.date, stale_weeks: int) -> dt.date:
    """The oldest confirmation date that is not outdated (see `is_outdated`)."""
    return today - dt.timedelta(weeks=stale_weeks)


def current_entries(offer_ids) -> dict[tuple[int, int | None], Wachttijd]:
    """The newest entry per (offer, location) for the given offers, in one query: the rows
    marked ``is_current`` (kept by the database; the same rows as `current_rows`)."""
    rows = Wachttijd.objects.filter(aanbod_id__in=list(offer_ids), is_current=True)
    rows = rows.select_related("confirmed_by", "locatie").order_by()
    return {(row.aanbod_id, row.locatie_id): row for row in rows}


def best_fresh_weeks(offer: OuterRef, today: dt.date, stale_weeks: int) -> Subquery:
    """For a queryset of offers: the shortest current waiting time to the start of help that
    is not outdated (NULL when every current entry is outdated, or there is none)."""
    rows = Wachttijd.objects.filter(
        aanbod_id=offer, is_current=True, confirmed_on__gte=fresh_cutoff(today, stale_weeks)
    )
    best = rows.order_by().values("aanbod_id").annotate(best=Min("weeks_to_treatment"))
    return Subquery(best.values("best"), output_field=IntegerField())


def current_waiting_times(
    offer_ids, today: dt.date, stale_weeks: int = DEFAULT_STALE_WEEKS
) -> dict[int, list[CurrentWaitingTime]]:
    """Per offer: its current entries (one per location, or one for all locations)."""
    result: dict[int, list[CurrentWaitingTime]] = {}
    for (offer_id, _location), entry in current_entries(offer_ids).items():
        result.setdefault(offer_id, []).append(
            CurrentWaitingTime(entry, is_outdated(entry.confirmed_on, today, stale_weeks))
        )
    for entries in result.values():
        entries.sort(key=lambda c: c.entry.locatie.name if c.entry.locatie else "")
    return result


def best_current(entries: list[CurrentWaitingTime]) -> CurrentWaitingTime | None:
    """The shortest fresh waiting time to treatment; None when all entries are outdated."""
    fresh = [c for c in entries if not c.outdated]
    return min(fresh, key=lambda c: c.weeks_to_treatment) if fresh else None
