"""API routes of monitoring, mounted under /api/v1/."""

from django.urls import path

from .api import IndicatorViewSet, MonitoringSummaryView

urlpatterns = [
    path(
        "teams/<int:teamId>/monitoring/summary",
        MonitoringSummaryView.as_view({"get": "retrieve"}),
        name="monitoring-summary",
    ),
    path(
        "monitoring/indicators",
        IndicatorViewSet.as_view({"get": "list"}),
        name="monitoring-indicator-list",
    ),
    path(
        "monitoring/indicators/<slug:code>",
        IndicatorViewSet.as_view({"get": "retrieve"}),
        name="monitoring-indicator-detail",
    ),
    path(
        "monitoring/indicators/<slug:code>/values",
        IndicatorViewSet.as_view({"get": "values"}),
        name="monitoring-indicator-values",
    ),
]
