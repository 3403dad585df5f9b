from django.urls import path

from . import views
from .codelists import views as codelists

app_name = "regions"
urlpatterns = [
    path("teams/<slug:team>/", views.TeamHomeView.as_view(), name="team-home"),
    path("teams/<slug:team>/leden/", views.TeamMembersView.as_view(), name="team-members"),
    path(
        "teams/<slug:team>/leden/<int:user_id>/",
        views.TeamMemberDetailView.as_view(),
        name="team-member",
    ),
    path(
        "teams/<slug:team>/leden/<int:user_id>/tweede-factor-resetten/",
        views.TeamMemberSecondFactorResetView.as_view(),
        name="team-member-second-factor-reset",
    ),
    path("teams/<slug:team>/beheer/", views.BeheerView.as_view(), name="beheer"),
    path(
        "teams/<slug:team>/beheer/codelijsten/",
        codelists.CodeListsView.as_view(),
        name="codelists",
    ),
    path(
        "teams/<slug:team>/beheer/codelijsten/<slug:lijst>/",
        codelists.CodeListView.as_view(),
        name="codelist",
    ),
    path(
        "teams/<slug:team>/beheer/codelijsten/<slug:lijst>/nieuw/",
        codelists.CodeItemFormView.as_view(),
        name="codelist-add",
    ),
    path(
        "teams/<slug:team>/beheer/codelijsten/<slug:lijst>/<int:item>/",
        codelists.CodeItemUpdateView.as_view(),
        name="codelist-edit",
    ),
    path(
        "teams/<slug:team>/beheer/codelijsten/<slug:lijst>/<int:item>/actief/",
        codelists.CodeItemActiveView.as_view(),
        name="codelist-active",
    ),
    path(
        "teams/<slug:team>/beheer/codelijsten/<slug:lijst>/<int:item>/verwijderen/",
        codelists.CodeItemDeleteView.as_view(),
        name="codelist-delete",
    ),
    path("teams/<slug:team>/instellingen/", views.TeamSettingsView.as_view(), name="team-settings"),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisaties/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
]
