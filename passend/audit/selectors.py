"""Reads of the access log, scoped to the teams whose log the user may query."""

from datetime import datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from passend.accounts.permissions import visible
from passend.accounts.roles import Cap

from .models import AccessLogEntry


def access_log(
    user,
    *,
    team=None,
    subject_type: str = "",
    subject_id: str = "",
    username: str = "",
    user_id: int | None = None,
    date_from=None,
    date_until=None,
    outcome: str = "",
) -> QuerySet[AccessLogEntry]:
    qs = visible(user, AccessLogEntry.objects.all(), Cap.VIEW_ACCESS_LOG).select_related("team")
    if team is not None:
        qs = qs.filter(team=team)
    if subject_type:
        qs = qs.filter(subject_type=subject_type)
    if subject_id:
        qs = qs.filter(subject_id=subject_id)
    if username:
        qs = qs.filter(username__iexact=username)
    if user_id:
        qs = qs.filter(user_id=user_id)
    if outcome:
        qs = qs.filter(outcome=outcome)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(
            timestamp__gte=timezone.make_aware(datetime.combine(date_from, time.min), tz)
        )
    if date_until:
        qs = qs.filter(
            timestamp__lte=timezone.make_aware(datetime.combine(date_until, time.max), tz)
        )
    return qs.order_by("-timestamp", "-id")


def describe_query(**filters) -> str:
    """A short, stable description of a log query, stored as the subject of the log read."""
    parts = [f"{key}={value}" for key, value in sorted(filters.items()) if value]
    return ";".join(parts)[:64] or "alles"
