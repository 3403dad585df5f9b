from django.urls import path

from . import views

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
    path("teams/<slug:team>/instellingen/", views.TeamSettingsView.as_view(), name="team-settings"),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisaties/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
]
