"""The job worker: django-tasks-db's database worker that also beats a heartbeat.

The loop is django_tasks_db's `Worker.run` (0.13) with two additions: `record_heartbeat()`
(passend.jobs.health) when it starts, after every task and while it waits, at most every
`heartbeat_every` seconds; and a database that is briefly gone (a PostgreSQL restart) makes
it wait and try again instead of exiting. /readyz calls a worker seen within
health.STALE_AFTER alive; a single task that runs longer than that makes the worker look
absent, so long work is split into jobs or several workers run.
"""

from __future__ import annotations

import logging
import random
import time

from django.db import close_old_connections
from django.db.utils import DatabaseError, OperationalError
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import health

logger = logging.getLogger("django_tasks_db")

HEARTBEAT_EVERY = 10.0  # seconds; well under health.STALE_AFTER


class HeartbeatWorker(Worker):
    def __init__(self, *, heartbeat_every: float = HEARTBEAT_EVERY, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat_every = heartbeat_every
        self._last_beat: float | None = None

    def beat(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or self._last_beat is None or now - self._last_beat >= self.heartbeat_every:
            try:
                health.record_heartbeat()
            except Exception:  # a cache outage must not stop the work; /readyz will tell
                logger.warning("Worker %s could not record its heartbeat", self.worker_id)
                return
            self._last_beat = now

    def tidy_connections(self) -> None:
        """Drop expired or broken database connections (as Django does around a request)."""
        close_old_connections()

    def _claim(self):
        """(claimed result or None, whether the queue could be read)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result, True
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None, False
                raise

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names)
        )
        self.beat(force=True)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 (spreads N workers started together)
        while self.running:
            self.tidy_connections()
            try:
                task_result, retrieved = self._claim()
            except DatabaseError:
                if self.batch:
                    raise
                # The database restarts or is unreachable: wait and try again (the broken
                # connection is dropped by tidy_connections) instead of dying.
                logger.warning("Worker %s cannot reach the queue; retrying", self.worker_id)
                time.sleep(max(self.interval, 1.0))
                continue
            if task_result is not None:
                self.run_task(task_result)
            self.beat()
            if self.batch and retrieved and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran %d tasks on worker_id=%s - exiting.",
                    self._run_tasks,
                    self.worker_id,
                )
                return
            self.tidy_connections()
            if self.running and not task_result:
                self._idle()

    def _idle(self) -> None:
        """Wait `interval` seconds, beating on time if the interval is long."""
        deadline = time.monotonic() + self.interval
        while self.running and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, self.heartbeat_every))
            self.beat()
