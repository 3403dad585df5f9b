"""Liveness and readiness checks (/healthz, /readyz) for load balancers and monitoring.

Each readiness check answers True or False and never raises: a failing dependency makes the
service "not ready" (503), never an error page. Nothing here reads or returns personal data.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from passend.jobs.health import worker_seen_recently

log = logging.getLogger(__name__)
PROBE_KEY = "passend:readyz:probe"


def database_reachable() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_read_write() -> bool:
    value = uuid.uuid4().hex
    cache.set(PROBE_KEY, value, timeout=60)
    return cache.get(PROBE_KEY) == value


def unapplied_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def migrations_applied() -> bool:
    return not unapplied_migrations()


def worker_seen() -> bool:
    return worker_seen_recently()


# In this order: migrations need the database, and the worker's heartbeat lives in the cache.
READINESS_CHECKS = {
    "database": database_reachable,
    "cache": cache_read_write,
    "migrations": migrations_applied,
    "worker": worker_seen,
}


def readiness() -> dict[str, bool]:
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            results[name] = bool(check())
        except Exception:  # a dependency is down: report it, never crash
            log.warning("readiness check failed: %s", name, exc_info=True)
            results[name] = False
    return results
