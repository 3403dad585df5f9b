"""API routes of the sociale kaart under /api/v1/socialmap/, named once in
passend.core.api.urls (API_URL_MODULES)."""

from django.urls import path

from ..api.beheer import WaitingTimeViewSet
from ..api.search import OfferViewSet, OrganisationViewSet

urlpatterns = [
    path(
        "socialmap/organisations",
        OrganisationViewSet.as_view({"get": "list"}),
        name="socialmap-organisation-list",
    ),
    path(
        "socialmap/organisations/<int:organisationId>",
        OrganisationViewSet.as_view({"get": "retrieve"}),
        name="socialmap-organisation-detail",
    ),
    path("socialmap/offers", OfferViewSet.as_view({"get": "list"}), name="socialmap-offer-list"),
    path(
        "socialmap/offers/<int:offerId>",
        OfferViewSet.as_view({"get": "retrieve"}),
        name="socialmap-offer-detail",
    ),
    path(
        "socialmap/offers/<int:offerId>/waiting-times",
        WaitingTimeViewSet.as_view({"get": "list", "post": "create"}),
        name="socialmap-offer-waiting-times",
    ),
]
