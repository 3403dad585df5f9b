"""Periodic upkeep of the queue itself, run as a job (manage.py enqueue_maintenance)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Job
from .queue import WorkerLost, job, record_lost_attempt

# Succeeded attempts and jobs go after a week; failures stay a month for the beheerder.
KEEP_SUCCEEDED_DAYS = 7
KEEP_FAILED_DAYS = 30
# An attempt still "running" after this long lost its worker (kill -9, a lost machine).
ABANDONED_AFTER = dt.timedelta(hours=1)


@job(label=_("Onderhoud van de takenwachtrij"))
def prune_finished(*, succeeded_days: int | None = None, failed_days: int | None = None) -> int:
    """Delete finished queue results (django_tasks_db's prune) and our finished Job rows
    older than the given ages. Returns the number of Job rows removed."""
    succeeded_days = succeeded_days or getattr(
        settings, "PASSEND_JOB_KEEP_SUCCEEDED_DAYS", KEEP_SUCCEEDED_DAYS
    )
    failed_days = failed_days or getattr(settings, "PASSEND_JOB_KEEP_FAILED_DAYS", KEEP_FAILED_DAYS)
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=succeeded_days,
        failed_min_age_days=failed_days,
        verbosity=0,
    )
    now = timezone.now()
    removed, _detail = Job.objects.filter(
        status=Job.Status.SUCCEEDED, updated_at__lte=now - dt.timedelta(days=succeeded_days)
    ).delete()
    failed, _detail = Job.objects.filter(
        status=Job.Status.FAILED, updated_at__lte=now - dt.timedelta(days=failed_days)
    ).delete()
    return removed + failed


@job(label=_("Onderhoud van de takenwachtrij"))
def recover_abandoned(*, older_than_minutes: int | None = None) -> int:
    """Attempts whose worker stopped mid-task stay RUNNING in django-tasks-db forever: mark
    them failed and retry (or fail) their job. Returns how many were recovered."""
    older_than = dt.timedelta(minutes=older_than_minutes) if older_than_minutes else ABANDONED_AFTER
    recovered = 0
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    )
    for result in stale:
        kwargs = dict(result.args_kwargs.get("kwargs", {}))
        job_id = kwargs.pop("job_id", None)
        result.set_failed(WorkerLost())
        if job_id is not None:
            record_lost_attempt(result.task, job_id, kwargs)
        recovered += 1
    return recovered
