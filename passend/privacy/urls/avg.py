"""Routes of the privacy lifecycle: avg. `pages` join /teams/..., `api` join /api/v1/."""

from django.urls import path

from ..api import avg as api_views
from ..views import avg as views

CASE_PAGE = "teams/<slug:team>/casussen/<int:pk>/avg/"
CASE = "cases/<int:caseId>"

pages: list = [
    path("teams/<slug:team>/avg/", views.AvgTeamView.as_view(), name="avg-team"),
    path(CASE_PAGE, views.AvgCaseView.as_view(), name="avg-case"),
    path(f"{CASE_PAGE}inzage.json", views.AvgExportView.as_view(), name="avg-export-json"),
    path(
        f"{CASE_PAGE}inzage.pdf",
        views.AvgExportView.as_view(export_format="pdf"),
        name="avg-export-pdf",
    ),
]
api: list = [
    path(
        f"{CASE}/data-export",
        api_views.AvgExportViewSet.as_view({"get": "retrieve"}),
        name="case-avg-export",
    ),
    path(
        f"{CASE}/erasure-requests",
        api_views.AvgErasureViewSet.as_view({"post": "create"}),
        name="case-avg-erasure",
    ),
    path(
        f"{CASE}/avg-requests",
        api_views.AvgRequestViewSet.as_view({"get": "list"}),
        name="case-avg-requests",
    ),
]
