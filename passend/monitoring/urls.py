from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("teams/<slug:team>/monitoring/", views.MonitoringHomeView.as_view(), name="home"),
    path(
        "teams/<slug:team>/monitoring/indicatoren/<slug:code>/",
        views.IndicatorView.as_view(),
        name="indicator",
    ),
    path(
        "teams/<slug:team>/monitoring/indicatoren/<slug:code>/verhaal/",
        views.StoryView.as_view(),
        name="indicator-story",
    ),
    # Placeholder until the exports branch is merged (it defines the real "monitoring:export").
    path(
        "teams/<slug:team>/monitoring/indicatoren/<slug:code>/export.<str:fmt>",
        views.ExportPlaceholderView.as_view(),
        name="export",
    ),
    path(
        "teams/<slug:team>/monitoring/<slug:section>/",
        views.SectionView.as_view(),
        name="section",
    ),
]
