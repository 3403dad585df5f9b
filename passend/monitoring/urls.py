from django.urls import path

from . import export_views, views

app_name = "monitoring"
urlpatterns = [
    path("teams/<slug:team>/monitoring/", views.MonitoringHomeView.as_view(), name="home"),
    path(
        "teams/<slug:team>/monitoring/indicatoren/<slug:code>/export.<str:fmt>",
        export_views.IndicatorExportView.as_view(),
        name="export",
    ),
]
