"""API routes of the werkvoorraad, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from .api import WorkItemView


def register(router) -> None:
    """No viewsets: the werkvoorraad is one read-only list."""


urlpatterns = [path("work-items", WorkItemView.as_view(), name="work-items")]
