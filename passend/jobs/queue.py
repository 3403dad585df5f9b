"""Jobs on django-tasks with retry and exponential backoff (django-tasks itself has none).

    @job(label=_("Herinneringen wachttijden"))
    def remind_team(*, team_id: int) -> int: ...

    enqueue(remind_team, team=team, team_id=team.pk)   # after the transaction commits

`job` makes a django-tasks task of the function. Every call gets a `Job` row (the kind, the
team, the attempts). An attempt that raises is recorded as failed; while attempts remain, the
job is enqueued again with `run_after` = now + backoff: 1, 2, 4, 8, 16 … minutes, at most
PASSEND_JOB_BACKOFF_MAX. After PASSEND_JOB_MAX_ATTEMPTS attempts it stays failed (visible to
the team's beheerder on Beheer → Achtergrondtaken).

Arguments are JSON and stored in the queue table: pass ids, never names, addresses or text
about a family; render mails in the worker (passend.jobs.mail).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import django_tasks
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Job

DEFAULT_MAX_ATTEMPTS = 6
BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_MAX = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Kind:
    label: str  # Dutch, shown to the beheerder (lazy translation)
    max_attempts: int


KINDS: dict[str, Kind] = {}


class WorkerLost(Exception):
    """The worker running the attempt stopped without finishing it (killed, machine lost)."""


class JobAttemptFailed(Exception):
    """What the queue records for a failed attempt: the kind, the attempt and the class of
    the error, with the original frames but without its message (which may name a person,
    e.g. the address an SMTP server refused)."""


def max_attempts_default() -> int:
    return int(getattr(settings, "PASSEND_JOB_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def backoff(attempt: int) -> dt.timedelta:
    """The wait after failed attempt number `attempt` (1-based): 1, 2, 4, 8 … minutes, capped."""
    base = getattr(settings, "PASSEND_JOB_BACKOFF_BASE", BACKOFF_BASE)
    cap = getattr(settings, "PASSEND_JOB_BACKOFF_MAX", BACKOFF_MAX)
    return min(base * 2 ** max(attempt - 1, 0), cap)


def kind_label(kind: str) -> str:
    """The Dutch name of a job kind (importing its module registers it)."""
    if kind not in KINDS:
        try:
            import_string(kind)
        except ImportError:
            return kind.rsplit(".", 1)[-1]
    found = KINDS.get(kind)
    return str(found.label) if found else kind.rsplit(".", 1)[-1]


def register_kind(path: str, *, label, max_attempts: int | None = None) -> None:
    KINDS[path] = Kind(label=label, max_attempts=max_attempts or max_attempts_default())


def job(*, label, max_attempts: int | None = None, priority: int = 0, queue_name="default"):
    """Decorator: a django-tasks task with retries. The function takes keyword arguments only
    (JSON values); its return value is stored as the task's result."""

    def wrap(func):
        @functools.wraps(func)
        def attempt(*, job_id: int, **kwargs):
            return _attempt(task, job_id, func, kwargs)

        task = django_tasks.task(attempt, priority=priority, queue_name=queue_name)
        register_kind(task.module_path, label=label, max_attempts=max_attempts)
        return task

    return wrap


def enqueue(task, *, team=None, kind: str | None = None, **kwargs) -> None:
    """Queue `task` with `kwargs` once the surrounding transaction commits (at once outside
    one): a rolled-back change sends no mail. `kind` (default: the task) names the job for
    the beheerder; `team` is whose Beheer shows a failure."""
    kind = kind or task.module_path
    team_id = team.pk if team is not None else None
    transaction.on_commit(functools.partial(enqueue_now, task, kind, team_id, kwargs))


def enqueue_now(task, kind: str, team_id: int | None, kwargs: dict) -> Job:
    known = KINDS.get(kind) or KINDS.get(task.module_path)
    with transaction.atomic():
        record = Job.objects.create(
            kind=kind,
            team_id=team_id,
            max_attempts=known.max_attempts if known else max_attempts_default(),
        )
        task.enqueue(job_id=record.pk, **kwargs)
    return record


def _attempt(task, job_id: int, func, kwargs: dict):
    updated = Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not updated:  # pruned or removed by staff: nothing to do
        return None
    try:
        result = func(**kwargs)
    except Exception as error:
        record = _record_failure(task, job_id, error, kwargs)
        failure = JobAttemptFailed(
            f"{record.kind} attempt {record.attempts}/{record.max_attempts}: "
            f"{record.last_error_class}"
        )
        raise failure.with_traceback(error.__traceback__) from None
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.SUCCEEDED, next_attempt_at=None, updated_at=timezone.now()
    )
    return result


def record_lost_attempt(task, job_id: int, kwargs: dict) -> Job | None:
    """An attempt whose worker vanished counts as failed: retried with backoff or failed."""
    if not Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).exists():
        return None
    return _record_failure(task, job_id, WorkerLost(), kwargs)


def _record_failure(task, job_id: int, error: Exception, kwargs: dict) -> Job:
    with transaction.atomic():
        record = Job.objects.select_for_update().get(pk=job_id)
        record.last_error_class = type(error).__qualname__
        if record.attempts < record.max_attempts:
            record.status = Job.Status.RETRYING
            record.next_attempt_at = timezone.now() + backoff(record.attempts)
            task.using(run_after=record.next_attempt_at).enqueue(job_id=record.pk, **kwargs)
        else:
            record.status = Job.Status.FAILED
            record.next_attempt_at = None
        record.save(update_fields=["status", "next_attempt_at", "last_error_class", "updated_at"])
    return record
