"""API routes of monitoring, mounted under /api/v1/."""

from django.urls import path

from .api import MonitoringSummaryView

urlpatterns = [
    path(
        "teams/<int:teamId>/monitoring/summary",
        MonitoringSummaryView.as_view({"get": "retrieve"}),
        name="monitoring-summary",
    ),
]
