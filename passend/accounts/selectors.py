"""Reads for the beheer of users and memberships, scoped through accounts.permissions."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from passend.regions.models import Organisation

from .models import Membership, Uitnodiging
from .permissions import visible
from .roles import Cap


def organisations_in_region(team) -> QuerySet[Organisation]:
    """The organisations a member of `team` may act for: those active in its region."""
    return Organisation.objects.filter(regions=team.region_id).order_by("name").distinct()


def team_memberships(actor, team) -> QuerySet[Membership]:
    """Every membership of the team, ended and planned ones too (the beheerder's view)."""
    qs = Membership.objects.filter(team=team).select_related("user", "organisation", "team")
    return visible(actor, qs, Cap.MANAGE_TEAM).order_by("start", "role")


def team_invitations(actor, team) -> QuerySet[Uitnodiging]:
    qs = Uitnodiging.objects.filter(team=team).select_related("user", "team", "invited_by")
    return visible(actor, qs, Cap.MANAGE_TEAM)


@dataclass
class Person:
    user: object
    memberships: list = field(default_factory=list)
    invitation: object = None

    @property
    def running(self) -> list:
        return [m for m in self.memberships if m.state() != "beeindigd"]

    @property
    def pending(self) -> bool:
        """Invited, and no password chosen yet."""
        return not self.user.has_usable_password()


def team_people(actor, team, *, user=None) -> list[Person]:
    """The people of the team with all their memberships there and their invitation."""
    memberships = team_memberships(actor, team)
    invitations = team_invitations(actor, team)
    if user is not None:
        memberships, invitations = memberships.filter(user=user), invitations.filter(user=user)
    people: dict[int, Person] = {}
    for membership in memberships:
        people.setdefault(membership.user_id, Person(membership.user))
        people[membership.user_id].memberships.append(membership)
    for invitation in invitations:
        if invitation.user_id in people:
            people[invitation.user_id].invitation = invitation
    return sorted(
        people.values(),
        key=lambda p: (not p.running, p.user.last_name, p.user.first_name, p.user.username),
    )
