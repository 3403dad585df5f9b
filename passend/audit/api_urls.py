"""API route of the access log, mounted under /api/v1/."""

from django.urls import path

from .api import AccessLogViewSet

urlpatterns = [
    path("access-logs", AccessLogViewSet.as_view({"get": "list"}), name="access-log-list"),
]
