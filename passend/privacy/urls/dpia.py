"""Routes of the privacy lifecycle: dpia. `pages` join /teams/..., `api` join /api/v1/."""

from django.urls import path

from ..api.dpia import DpiaViewSet
from ..views import dpia as views

pages: list = [
    path(
        "teams/<slug:team>/beheer/privacy/",
        views.PrivacyRegisterView.as_view(),
        name="register",
    ),
    path("teams/<slug:team>/beheer/privacy/dpia/", views.DpiaView.as_view(), name="dpia"),
]
api: list = [
    path(
        "teams/<int:teamId>/dpia",
        DpiaViewSet.as_view({"get": "retrieve", "put": "update"}),
        name="team-dpia",
    ),
]
