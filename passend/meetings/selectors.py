"""Reads of the overleg module, always scoped through the permission module."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.permissions import team_ids_with, visible
from passend.accounts.roles import Cap, roles_with
from passend.cases.codes import ACTIVE_STATES
from passend.cases.models import Casus
from passend.cases.workflow import case_work_refusal

from .codes import MeetingStatus
from .models import Casusbespreking, Overleg
from .rules import suggest_next


def team_members(team) -> QuerySet:
    """Users who sit in the team's meetings (chair, attendance): active users with an active
    membership of the team in a case-work role. `team` may also be a list of team ids."""
    team_ids = team if isinstance(team, list | tuple | set) else [getattr(team, "pk", team)]
    ids = (
        Membership.objects.current()
        .filter(team_id__in=team_ids, role__in=roles_with(Cap.VIEW_CASE_DATA))
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def chair_candidates(user) -> QuerySet:
    """Who `user` may name as chair in the API before the team is known: the case-work
    members of the teams whose meetings the user sees (the service narrows it to the team)."""
    return team_members(team_ids_with(user, Cap.VIEW_CASE_DATA))


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def meetings_for(user, team=None) -> QuerySet[Overleg]:
    """Meetings the user may see (team members with VIEW_CASE_DATA), with agenda counts."""
    qs = visible(user, Overleg.objects.all(), Cap.VIEW_CASE_DATA)
    if team is not None:
        qs = qs.filter(team=team)
    return qs.select_related("team", "chair").annotate(
        agenda_count=Count("discussions", distinct=True),
        open_minutes=Count(
            "discussions", filter=Q(discussions__minutes_recorded_at__isnull=True), distinct=True
        ),
    )


def upcoming_meetings(user, team, today: date) -> QuerySet[Overleg]:
    """Planned meetings from `today` on, earliest first."""
    return (
        meetings_for(user, team)
        .filter(status=MeetingStatus.GEPLAND, starts_at__gte=_day_start(today))
        .order_by("starts_at", "pk")
    )


def past_meetings(user, team, today: date) -> QuerySet[Overleg]:
    """Meetings before `today` and held meetings, latest first."""
    return (
        meetings_for(user, team)
        .filter(Q(starts_at__lt=_day_start(today)) | Q(status=MeetingStatus.GEHOUDEN))
        .exclude(status=MeetingStatus.GEPLAND, starts_at__gte=_day_start(today))
        .order_by("-starts_at", "-pk")
    )


def discussions_needing_minutes(user, team, today: date) -> QuerySet[Casusbespreking]:
    """Agenda items of held or past (not cancelled) meetings without minutes yet."""
    qs = visible(user, Casusbespreking.objects.all(), Cap.VIEW_CASE_DATA)
    if team is not None:
        qs = qs.filter(overleg__team=team)
    return (
        qs.filter(minutes_recorded_at__isnull=True)
        .exclude(overleg__status=MeetingStatus.GEANNULEERD)
        .filter(
            Q(overleg__status=MeetingStatus.GEHOUDEN) | Q(overleg__starts_at__lt=_day_start(today))
        )
        .select_related("overleg", "overleg__team", "casus")
        .order_by("overleg__starts_at", "order", "pk")
    )


def first_discussion_at(casus) -> datetime | None:
    """When the case was first discussed in a meeting (lead time registration → meeting)."""
    return (
        Casusbespreking.objects.filter(casus=casus, discussed_at__isnull=False)
        .exclude(overleg__status=MeetingStatus.GEANNULEERD)
        .aggregate(first=Min("discussed_at"))["first"]
    )


def first_discussions(cases) -> dict[int, datetime]:
    """casus id -> first discussed_at, for many cases in one query."""
    rows = (
        Casusbespreking.objects.filter(casus__in=cases, discussed_at__isnull=False)
        .exclude(overleg__status=MeetingStatus.GEANNULEERD)
        .values("casus_id")
        .annotate(first=Min("discussed_at"))
    )
    return {row["casus_id"]: row["first"] for row in rows}


def case_discussions(user, casus) -> QuerySet[Casusbespreking]:
    return (
        visible(user, Casusbespreking.objects.filter(casus=casus), Cap.VIEW_CASE_DATA)
        .select_related("overleg", "overleg__chair")
        .order_by("-overleg__starts_at")
    )


def agenda(overleg) -> QuerySet[Casusbespreking]:
    return overleg.discussions.select_related("casus", "evaluated_by", "recorded_by").order_by(
        "order", "pk"
    )


def agenda_candidates(team, overleg=None) -> QuerySet[Casus]:
    """Cases of the team the team is working on (ACTIVE_STATES), not yet on this agenda."""
    qs = Casus.objects.filter(team=team, is_draft=False, state__in=ACTIVE_STATES)
    if overleg is not None:
        qs = qs.exclude(discussions__overleg=overleg)
    return qs.order_by("registered_at")


def blocked_cases(cases) -> dict[int, str]:
    """casus id -> why no case work may be recorded now (consent withdrawn or lapsed, no
    compulsory framework with a reason), for the cases that are blocked."""
    found = {}
    for casus in Casus.objects.filter(pk__in=[c.pk for c in cases]).prefetch_related(
        "consents", "ouders"
    ):
        refusal = case_work_refusal(casus)
        if refusal:
            found[casus.pk] = refusal
    return found


def open_meetings_for_case(user, casus, today: date) -> QuerySet[Overleg]:
    """Upcoming meetings of the case's team this case is not yet on."""
    return upcoming_meetings(user, casus.team, today).exclude(discussions__casus=casus)


def last_meeting_day(team) -> date | None:
    last = (
        Overleg.objects.filter(team=team)
        .exclude(status=MeetingStatus.GEANNULEERD)
        .order_by("-starts_at")
        .first()
    )
    return last.local_date if last else None


def next_meeting_date(team, after: date) -> date:
    """The next meeting day after `after` on the team's cadence, from its last meeting."""
    return suggest_next(last_meeting_day(team), team.meeting_cadence_days, after)
