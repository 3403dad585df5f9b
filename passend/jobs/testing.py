"""Test helper: run the job queue in-process, the way the worker does.

    services.invite(...)
    assert mail.outbox == []       # nothing is sent before the worker runs
    run_jobs()
    assert len(mail.outbox) == 1

A pytest-django test runs inside one transaction that never commits, so the helper first
runs the callbacks waiting for that commit (as `captureOnCommitCallbacks(execute=True)` would
at the end of its block): that is where jobs are enqueued. Then a worker in batch mode runs
every job that is due now (a retry waits for its `run_after`; travel in time to reach it).
"""

from __future__ import annotations

import threading

from django.db import DEFAULT_DB_ALIAS, connections

from .worker import HeartbeatWorker


class InProcessWorker(HeartbeatWorker):
    """The worker inside a test's transaction: it keeps the test's connection open (Django's
    close_old_connections would close a connection that is not in autocommit)."""

    def tidy_connections(self) -> None:
        pass


def commit_pending(using: str = DEFAULT_DB_ALIAS) -> int:
    """Run the on-commit callbacks of the open test transaction (and those they add)."""
    connection = connections[using]
    ran = 0
    while connection.run_on_commit:
        callbacks, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in callbacks:
            callback()
            ran += 1
    return ran


def run_jobs(*, commit: bool = True) -> int:
    """Commit pending callbacks, run every due job, and again for what those jobs enqueued
    (in the worker each job commits on its own); returns how many attempts ran."""
    ran = 0
    while True:
        if commit:
            commit_pending()
        worker = InProcessWorker(
            queue_names=["*"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
        )
        worker.run()
        ran += worker._run_tasks
        if not (commit and connections[DEFAULT_DB_ALIAS].run_on_commit):
            return ran


def run_jobs_in_thread() -> int:
    """`run_jobs` from a thread of its own, with its own database connection (closed after):
    for tests that run an event loop (Playwright) or serve from another thread (live_server),
    where the queue is committed and seen like a separate worker process would see it."""
    ran: list[int] = []

    def work():
        try:
            ran.append(run_jobs(commit=False))
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name="test-worker")
    thread.start()
    thread.join()
    return ran[0] if ran else 0
