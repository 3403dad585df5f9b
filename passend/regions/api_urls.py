"""API routes of regions, teams, members and organisations, mounted under /api/v1/."""

from django.urls import path

from .api import OrganisationViewSet, RegionViewSet, TeamMemberViewSet, TeamViewSet
from .codelists.api import CodeItemViewSet, CodeListViewSet

urlpatterns = [
    path("regions", RegionViewSet.as_view({"get": "list"}), name="region-list"),
    path(
        "regions/<int:regionId>", RegionViewSet.as_view({"get": "retrieve"}), name="region-detail"
    ),
    path("teams", TeamViewSet.as_view({"get": "list"}), name="team-list"),
    path(
        "teams/<int:teamId>",
        TeamViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="team-detail",
    ),
    path(
        "teams/<int:teamId>/members",
        TeamMemberViewSet.as_view({"get": "list"}),
        name="team-member-list",
    ),
    path(
        "teams/<int:teamId>/members/<int:userId>",
        TeamMemberViewSet.as_view({"get": "retrieve"}),
        name="team-member-detail",
    ),
    path(
        "teams/<int:teamId>/code-lists/<slug:codeList>",
        CodeListViewSet.as_view({"get": "list", "post": "create"}),
        name="code-list",
    ),
    path(
        "teams/<int:teamId>/code-lists/<slug:codeList>/<int:itemId>",
        CodeItemViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="code-item",
    ),
    path("organisations", OrganisationViewSet.as_view({"get": "list"}), name="organisation-list"),
    path(
        "organisations/<int:organisationId>",
        OrganisationViewSet.as_view({"get": "retrieve"}),
        name="organisation-detail",
    ),
]
