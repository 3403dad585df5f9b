from django.urls import path

from . import views

app_name = "analysis"
CASE = "teams/<slug:team>/casussen/<int:pk>/tijdlijn/"
urlpatterns = [
    path(CASE, views.CaseAnalyseView.as_view(), name="case"),
    path(f"{CASE}periodes/nieuw/", views.EpisodeCreateView.as_view(), name="episode-add"),
    path(
        f"{CASE}periodes/<int:episode>/wijzigen/",
        views.EpisodeUpdateView.as_view(),
        name="episode-edit",
    ),
    path(
        f"{CASE}periodes/<int:episode>/verwijderen/",
        views.EpisodeDeleteView.as_view(),
        name="episode-delete",
    ),
]
