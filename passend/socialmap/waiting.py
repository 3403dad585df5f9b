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
    return confirmed_on < today - dt.timedelta(weeks=stale_weeks)


def current_entries(offer_ids) -> dict[tuple[int, int | None], Wachttijd]:
    """The newest entry per (offer, location) for the given offers, in one query."""
    newest: dict[tuple[int, int | None], Wachttijd] = {}
    rows = (
        Wachttijd.objects.filter(aanbod_id__in=list(offer_ids))
        .select_related("confirmed_by", "locatie")
        .order_by("aanbod_id", "locatie_id", "-confirmed_on", "-id")
    )
    for row in rows:
        newest.setdefault((row.aanbod_id, row.locatie_id), row)
    return newest


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
