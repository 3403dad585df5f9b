"""API paths of the sociale kaart (search part), combined in api_urls.py. Paths start with
"socialmap/"."""

from django.urls import path

from .api_search import OfferViewSet, OrganisationViewSet

urlpatterns: list = [
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
]
