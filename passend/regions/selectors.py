"""Reads for regions, always scoped through accounts.permissions."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from passend.accounts.models import Membership
from passend.accounts.permissions import team_ids_with, visible
from passend.accounts.roles import Cap

from .models import Organisation, Region, Team


def teams_for(user, capability: Cap = Cap.VIEW_TEAM) -> QuerySet[Team]:
    return visible(user, Team.objects.select_related("region"), capability)


def regions_for(user) -> QuerySet[Region]:
    return Region.objects.filter(teams__in=team_ids_with(user, Cap.VIEW_TEAM)).distinct()


def organisations_for(user, *, query: str = "", type: str = "") -> QuerySet[Organisation]:
    regions = regions_for(user)
    qs = Organisation.objects.filter(regions__in=regions).distinct().select_related("gemeente")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(gemeente__name__icontains=query))
    if type:
        qs = qs.filter(type=type)
    return qs.order_by("name")


@dataclass
class TeamMember:
    user: object
    memberships: list = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        return [m.get_role_display() for m in self.memberships]

    @property
    def expertise(self) -> list[str]:
        return sorted({m.expertise for m in self.memberships if m.expertise})

    @property
    def organisations(self) -> list[str]:
        return sorted({m.organisation.name for m in self.memberships if m.organisation_id})


def team_memberships(user, team: Team) -> QuerySet[Membership]:
    qs = Membership.objects.current().filter(team=team)
    return visible(user, qs, Cap.VIEW_MEMBERS).select_related("user", "organisation", "team")


def group_members(memberships) -> list[TeamMember]:
    members: dict[int, TeamMember] = {}
    for membership in memberships:
        members.setdefault(membership.user_id, TeamMember(membership.user))
        members[membership.user_id].memberships.append(membership)
    return sorted(
        members.values(), key=lambda m: (m.user.last_name, m.user.first_name, m.user.username)
    )
