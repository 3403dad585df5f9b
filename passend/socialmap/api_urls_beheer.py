"""API paths of the sociale kaart (beheer part), combined in api_urls.py. Paths start with
"socialmap/"."""

from django.urls import path

from .api_beheer import WaitingTimeViewSet

urlpatterns: list = [
    path(
        "socialmap/offers/<int:offerId>/waiting-times",
        WaitingTimeViewSet.as_view({"get": "list", "post": "create"}),
        name="socialmap-offer-waiting-times",
    ),
]
