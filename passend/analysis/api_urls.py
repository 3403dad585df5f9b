"""API routes of the analyse module, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from .api import AnalysisStepViewSet, EpisodeViewSet, TimelineFlagsViewSet

CASE = "cases/<int:caseId>"
urlpatterns: list = [
    path(
        f"{CASE}/timeline-episodes",
        EpisodeViewSet.as_view({"get": "list", "post": "create"}),
        name="timeline-episode-list",
    ),
    path(
        f"{CASE}/timeline-episodes/<int:episodeId>",
        EpisodeViewSet.as_view({"get": "retrieve", "patch": "partial_update", "delete": "destroy"}),
        name="timeline-episode-detail",
    ),
    path(
        f"{CASE}/timeline-flags",
        TimelineFlagsViewSet.as_view({"get": "retrieve"}),
        name="timeline-flags",
    ),
    path(
        f"{CASE}/analysis-steps",
        AnalysisStepViewSet.as_view({"get": "list", "post": "create"}),
        name="analysis-step-list",
    ),
]
