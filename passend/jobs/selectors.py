"""Reads of jobs for the pages."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Job

TROUBLE = (Job.Status.RETRYING, Job.Status.FAILED)


def team_troubled_jobs(team) -> QuerySet[Job]:
    """The team's jobs that failed or wait for another attempt, newest first."""
    return Job.objects.filter(team=team, status__in=TROUBLE).order_by("-updated_at", "-pk")
