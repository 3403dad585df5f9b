"""API routes of API login (tokens) and of the beheer of users and memberships, mounted under
/api/v1/."""

from django.urls import path

from . import api

TEAM = "teams/<int:teamId>/"
urlpatterns = [
    path("auth/token", api.TokenView.as_view(), name="token"),
    path(TEAM + "invitations", api.InvitationListView.as_view(), name="team-invitation-list"),
    path(
        TEAM + "invitations/<int:invitationId>/dispatches",
        api.InvitationDispatchView.as_view(),
        name="team-invitation-dispatch",
    ),
    path(TEAM + "memberships", api.MembershipListView.as_view(), name="team-membership-list"),
    path(
        TEAM + "memberships/<int:membershipId>",
        api.MembershipDetailView.as_view(),
        name="team-membership-detail",
    ),
    path(
        TEAM + "members/<int:userId>/second-factor",
        api.SecondFactorView.as_view(),
        name="team-member-second-factor",
    ),
]
