"""Reads of cases, always scoped through accounts.permissions (need-to-know)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from passend.accounts.memberships import current_q
from passend.accounts.models import Membership, User
from passend.accounts.permissions import team_ids_with, visible
from passend.accounts.roles import Cap, Role, roles_with

from . import pseudonyms
from .codes import CaseState
from .models import Casus, NameToken

AGE_GROUPS = {
    "0-3": (0, 3),
    "4-11": (4, 11),
    "12-15": (12, 15),
    "16-17": (16, 17),
    "18+": (18, 200),
}
WAITING_FOR_SCREENING = (CaseState.AANGEMELD, CaseState.IN_SCREENING)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year - years, day=28)


def birth_month_range(group: str, today: date) -> tuple[date | None, date]:
    """Birth months of young people whose age (by birth month) is in the group today."""
    low, high = AGE_GROUPS[group]
    latest = _years_before(today, low).replace(day=1)
    earliest = None if high >= 200 else _years_before(today, high + 1).replace(day=1)
    return earliest, latest


@dataclass(frozen=True)
class CaseFilters:
    state: str = ""
    gemeente: int | None = None
    referrer_type: str = ""
    age_group: str = ""
    mine: bool = False
    waiting_days: int | None = None
    name: str = ""


# Who a case route is for: TEAM = the team's case workers (VIEW_CASE_DATA); OWNER = also the
# referrer who registered the case (VIEW_OWN_CASES); AUDIT = who may read the case's access
# log (VIEW_ACCESS_LOG: the chair, the beheerder), registered cases only; PRIVACY = who
# handles AVG requests (HANDLE_PRIVACY_REQUESTS: the chair, the beheerder), registered cases.
TEAM = "team"
OWNER = "owner"
AUDIT = "audit"
PRIVACY = "privacy"
AUDIENCE_CAPABILITY = {
    TEAM: Cap.VIEW_CASE_DATA,
    OWNER: Cap.VIEW_CASE_DATA,
    AUDIT: Cap.VIEW_ACCESS_LOG,
    PRIVACY: Cap.HANDLE_PRIVACY_REQUESTS,
}


def cases_for(user) -> QuerySet[Casus]:
    """Every case the user may see: the team's registered cases, and own registrations.
    A draft (not yet sent) only for its author."""
    return visible(user, Casus.objects.all(), Cap.VIEW_CASE_DATA).filter(
        Q(is_draft=False) | Q(aanmelder=user)
    )


def case_scope(user, *, audience: str = TEAM) -> QuerySet[Casus]:
    """The one selector behind every case-nested route (see cases.scoping)."""
    if audience in (AUDIT, PRIVACY):
        capability = AUDIENCE_CAPABILITY[audience]
        queryset = visible(user, Casus.objects.all(), capability).filter(is_draft=False)
        return queryset.select_related("team", "team__region")
    queryset = cases_for(user)
    if audience == TEAM:
        queryset = queryset.filter(team__in=team_ids_with(user, Cap.VIEW_CASE_DATA))
    return queryset.select_related(
        "team",
        "team__region",
        "gemeente",
        "aanmelder",
        "aanmelder_organisation",
        "casushouder",
        "procesregisseur",
    )


def own_drafts(user, team) -> QuerySet[Casus]:
    """Unsent registrations of this user: only their author sees them."""
    return Casus.objects.filter(team=team, aanmelder=user, is_draft=True).order_by("-updated_at")


def case_list(user, team, filters: CaseFilters, *, team_ids=None) -> QuerySet[Casus]:
    """Registered cases in scope (drafts are listed apart, see own_drafts)."""
    scoped = visible(user, Casus.objects.all(), Cap.VIEW_CASE_DATA)
    qs = scoped.filter(is_draft=False).select_related("gemeente", "team")
    if team is not None:
        qs = qs.filter(team=team)
    if team_ids is not None:
        qs = qs.filter(team_id__in=team_ids)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.gemeente:
        qs = qs.filter(gemeente_id=filters.gemeente)
    if filters.referrer_type:
        qs = qs.filter(referrer_type=filters.referrer_type)
    if filters.age_group in AGE_GROUPS:
        earliest, latest = birth_month_range(filters.age_group, timezone.localdate())
        qs = qs.filter(birth_month__lte=latest)
        if earliest:
            qs = qs.filter(birth_month__gt=earliest)
    if filters.mine:
        qs = qs.filter(
            Q(casushouder=user) | Q(procesregisseur=user) | Q(experts=user) | Q(aanmelder=user)
        ).distinct()
    if filters.waiting_days is not None:
        cutoff = timezone.now() - timedelta(days=filters.waiting_days)
        qs = qs.filter(state__in=WAITING_FOR_SCREENING, registered_at__lt=cutoff)
    for digests in pseudonyms.search_digests(filters.name)[:5]:
        # A subquery per token, not a join: stays fast whatever the planner statistics say.
        # One digest per key: a rotation's fallback key still finds the not yet rebuilt index.
        tokens = NameToken.objects.filter(digest__in=digests)
        qs = qs.filter(pk__in=tokens.values("casus_id"))
    return qs.order_by("-registered_at", "-id")


def case_detail_queryset(user) -> QuerySet[Casus]:
    return case_scope(user, audience=OWNER).prefetch_related(
        "ouders", "consents__ouder", "reasons", "life_domains", "experts"
    )


def previously_registered(casus: Casus) -> QuerySet[Casus]:
    """Other cases of the same young person in the same team ('eerder aangemeld')."""
    names, bsns = pseudonyms.known_pseudonyms(casus)
    match = Q(name_pseudonym__in={casus.name_pseudonym, *names})
    if casus.bsn_pseudonym or bsns:
        match |= Q(bsn_pseudonym__in={casus.bsn_pseudonym, *bsns} - {""})
    return Casus.objects.filter(match, team=casus.team, is_draft=False).exclude(pk=casus.pk)


# Who may fill a role in a case (the screening form and the API use this one rule): active
# members of the case's team whose role there works on cases; the casushouder may also be the
# case's own referrer, who usually stays responsible for carrying out the advice.
CASE_WORK_ROLES = tuple(
    dict.fromkeys([*roles_with(Cap.WORK_ON_CASES), *roles_with(Cap.DIRECT_PROCESS)])
)
ASSIGNABLE_ROLES = {
    "casushouder": CASE_WORK_ROLES,
    "procesregisseur": (Role.PROCESREGISSEUR, Role.VOORZITTER, Role.TEAMLID),
    "experts": (Role.TEAMLID, Role.PROCESREGISSEUR),
}


def assignable(casus: Casus, role_field: str) -> QuerySet[User]:
    """The users who may be `role_field` (casushouder, procesregisseur, experts) of `casus`."""
    in_role = Q(memberships__role__in=ASSIGNABLE_ROLES[role_field])
    if role_field == "casushouder" and casus.aanmelder_id:
        in_role |= Q(pk=casus.aanmelder_id)
    return (
        User.objects.filter(
            in_role,
            current_q(prefix="memberships__"),
            is_active=True,
            memberships__team=casus.team_id,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def assignee_labels(casus: Casus, role_field: str, users) -> dict[int, str]:
    """'Naam – rol (organisatie)' per user offered as `role_field`: their roles in the case's
    team that qualify (the case's own referrer as such), and the organisation they are there
    for."""
    ids = [u.pk for u in users]
    roles: dict[int, list[str]] = {}
    orgs: dict[int, list[str]] = {}
    wanted = set(ASSIGNABLE_ROLES[role_field])
    memberships = (
        Membership.objects.current()
        .filter(team=casus.team_id, user_id__in=ids)
        .select_related("organisation")
    )
    for m in memberships.order_by("role", "pk"):
        if m.role in wanted or (m.role == Role.AANMELDER and m.user_id == casus.aanmelder_id):
            roles.setdefault(m.user_id, []).append(str(Role(m.role).label))
            if m.organisation_id and m.organisation.name not in orgs.get(m.user_id, []):
                orgs.setdefault(m.user_id, []).append(m.organisation.name)
    labels = {}
    for user in users:
        label = user.get_full_name() or user.get_username()
        if roles.get(user.pk):
            label += " – " + ", ".join(roles[user.pk])
        if orgs.get(user.pk):
            label += f" ({', '.join(orgs[user.pk])})"
        labels[user.pk] = label
    return labels
