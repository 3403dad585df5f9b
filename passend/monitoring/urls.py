from django.urls import path

from . import export_views, indicator_views, views

app_name = "monitoring"
OWN = "teams/<slug:team>/monitoring/eigen-indicatoren/"
urlpatterns = [
    path("teams/<slug:team>/monitoring/", views.MonitoringHomeView.as_view(), name="home"),
    path(OWN, indicator_views.OwnIndicatorListView.as_view(), name="own-indicators"),
    path(
        OWN + "nieuw/", indicator_views.OwnIndicatorCreateView.as_view(), name="own-indicator-add"
    ),
    path(
        OWN + "<int:pk>/wijzigen/",
        indicator_views.OwnIndicatorUpdateView.as_view(),
        name="own-indicator-edit",
    ),
    path(
        OWN + "<int:pk>/deactiveren/",
        indicator_views.OwnIndicatorDeactivateView.as_view(),
        name="own-indicator-deactivate",
    ),
    path(
        "teams/<slug:team>/monitoring/indicatoren/<slug:code>/export.<str:fmt>",
        export_views.IndicatorExportView.as_view(),
        name="export",
    ),
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
    path(
        "teams/<slug:team>/monitoring/<slug:section>/",
        views.SectionView.as_view(),
        name="section",
    ),
]
