"""Reads of the procesregie module. Lists are scoped through the permission module.

The lead's werkvoorraad uses ``my_actions``, ``overdue_actions``, ``case_ids_with_toekomstplan``,
``age_alerts_for`` and ``escalations_for``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Membership
from passend.accounts.roles import Cap, roles_with
from passend.cases.consent_rules import age_on
from passend.cases.models import Casus
from passend.cases.selectors import TEAM, case_scope

from . import casusregie
from .codes import OPEN_STATUSES, Term
from .models import Actie, Doel, Escalatie, Regiegesprek, Toekomstplan

# --- actions ---------------------------------------------------------------------------------


def _overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_STATUSES, deadline__lt=today)


def actions_for(casus: Casus) -> QuerySet:
    return casus.actions.select_related("owner", "goal").order_by("deadline", "id")


def actions_in_scope(user) -> QuerySet:
    """The actions of the cases the user reaches as a team member (the one case scope: the
    user's teams, drafts only of their own)."""
    return Actie.objects.filter(casus__in=case_scope(user, audience=TEAM))


def my_actions(user, team, *, today: date | None = None, include_done: bool = False) -> QuerySet:
    """The user's own actions on the team's cases they may see: overdue first, then by deadline."""
    today = today or timezone.localdate()
    qs = actions_in_scope(user).filter(owner=user, casus__team=team)
    if not include_done:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return (
        qs.select_related("casus", "goal", "owner")
        .annotate(
            overdue_rank=Case(
                When(_overdue_q(today), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            open_rank=Case(
                When(status__in=OPEN_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("overdue_rank", "open_rank", "deadline", "id")
    )


def overdue_actions(user, team, today: date) -> QuerySet:
    """The user's own open actions in the team whose deadline has passed."""
    return my_actions(user, team, today=today).filter(_overdue_q(today))


# --- plan van aanpak, escalations, meetings --------------------------------------------------


@dataclass
class TermGroup:
    term: str
    label: str
    goals: list = field(default_factory=list)


def plan_van_aanpak(casus: Casus, today: date) -> tuple[list[TermGroup], list[Actie]]:
    """Goals grouped by term (short first) with their actions; and actions without a goal.
    Each action carries ``overdue`` for ``today``."""
    goals = list(casus.goals.all())
    actions = list(actions_for(casus))
    by_goal: dict[int, list] = {}
    loose = []
    for action in actions:
        action.overdue = action.is_overdue(today)
        if action.goal_id:
            by_goal.setdefault(action.goal_id, []).append(action)
        else:
            loose.append(action)
    groups = {term.value: TermGroup(term.value, term.label) for term in Term}
    for goal in goals:
        goal.action_list = by_goal.get(goal.pk, [])
        groups[goal.term].goals.append(goal)
    return list(groups.values()), loose


def escalations_for(casus: Casus) -> QuerySet:
    return Escalatie.objects.filter(casus=casus).select_related("created_by")


def regiegesprekken_for(casus: Casus) -> QuerySet:
    return Regiegesprek.objects.filter(casus=casus)


def goals_for(casus: Casus) -> QuerySet:
    return Doel.objects.filter(casus=casus)


def team_members(team) -> QuerySet:
    """Users who may own an action: active members of the team working on its cases."""
    ids = (
        Membership.objects.current()
        .filter(team=team, role__in=roles_with(Cap.VIEW_CASE_DATA))
        .values("user_id")
    )
    return (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


# --- toekomstplan and casusregie -------------------------------------------------------------


def case_ids_with_toekomstplan(case_ids) -> set[int]:
    return set(
        Toekomstplan.objects.filter(casus_id__in=list(case_ids)).values_list("casus_id", flat=True)
    )


def toekomstplannen_for(casus: Casus) -> QuerySet:
    """The toekomstplan of the case as a list (of at most one), with its rows."""
    return Toekomstplan.objects.filter(casus=casus).prefetch_related("rows")


def has_toekomstplan(casus: Casus) -> bool:
    return Toekomstplan.objects.filter(casus=casus).exists()


def toekomstplan_for(casus: Casus) -> Toekomstplan | None:
    return Toekomstplan.objects.filter(casus=casus).prefetch_related("rows").first()


def age_alerts_for(
    casus: Casus, today: date, *, has_plan: bool | None = None
) -> list[tuple[casusregie.AgeAlert, date, str]]:
    """The 16.5/17.5 alerts of the case (none without a birth date)."""
    if casus.birth_date is None or today < casus.birth_date:
        return []
    if has_plan is None:
        has_plan = has_toekomstplan(casus)
    return casusregie.age_alerts(
        birth_date=casus.birth_date,
        on=today,
        in_closed_youth_care=casus.in_closed_youth_care,
        has_toekomstplan=has_plan,
    )


def expected_director(casus: Casus, today: date) -> casusregie.CaseDirectorAdvice | None:
    """Who is expected to hold casusregie; None when the birth date is unknown."""
    if casus.birth_date is None or today < casus.birth_date:
        return None
    return casusregie.expected_case_director(
        legal_framework=casus.legal_framework,
        birth_date=casus.birth_date,
        on=today,
        placed_by=casus.placed_by or None,
    )


DIRECTOR_LABELS = {
    casusregie.CaseDirector.GI: _("gecertificeerde instelling (GI)"),
    casusregie.CaseDirector.BEWINDVOERDER_MENTOR: _("bewindvoerder of mentor"),
    casusregie.CaseDirector.GEMEENTE: _("gemeente (CJG/wijkteam)"),
    casusregie.CaseDirector.PLAATSENDE_INSTANTIE: _("plaatsende instantie"),
}


def shows_toekomstplan(casus: Casus, today: date) -> bool:
    """The toekomstplan section: in closed youth care, or 16 or older (and under 18)."""
    if casus.in_closed_youth_care:
        return True
    if casus.birth_date is None or today < casus.birth_date:
        return False
    return age_on(casus.birth_date, today) >= casusregie.TOEKOMSTPLAN_AGE
