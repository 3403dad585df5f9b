"""The worker's heartbeat, in the shared cache: /readyz asks whether a worker was seen recently."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "passend:worker:heartbeat"
# A worker beats at least this often while it waits for work (its poll interval is shorter).
STALE_AFTER = dt.timedelta(seconds=60)


def record_heartbeat(*, now: dt.datetime | None = None) -> None:
    cache.set(HEARTBEAT_KEY, (now or timezone.now()).isoformat(), timeout=None)


def worker_last_seen() -> dt.datetime | None:
    value = cache.get(HEARTBEAT_KEY)
    return dt.datetime.fromisoformat(value) if value else None


def worker_seen_recently(*, now: dt.datetime | None = None) -> bool:
    seen = worker_last_seen()
    return seen is not None and (now or timezone.now()) - seen <= STALE_AFTER
