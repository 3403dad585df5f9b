"""API routes of the werkvoorraad, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from .api import WorkItemView

urlpatterns = [path("work-items", WorkItemView.as_view(), name="work-items")]
