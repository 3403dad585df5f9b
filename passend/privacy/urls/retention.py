"""Routes of the privacy lifecycle: retention. `pages` join /teams/..., `api` join /api/v1/."""

from django.urls import path

from ..api.retention import RetentionRunsView
from ..views.retention import RetentionView

pages: list = [
    path(
        "teams/<slug:team>/beheer/privacy/bewaartermijn/",
        RetentionView.as_view(),
        name="retention",
    ),
]
api: list = [
    path(
        "teams/<int:teamId>/retention-runs",
        RetentionRunsView.as_view(),
        name="team-retention-runs",
    ),
]
