"""URL patterns of the sociale kaart (beheer part), combined in urls.py.

Coordinator: teams/<team>/sociale-kaart/beheer/...; provider: teams/<team>/wachttijden/...
"""

from django.urls import path

from . import views_beheer as v

BEHEER = "teams/<slug:team>/sociale-kaart/beheer"
ORG = f"{BEHEER}/organisaties/<int:organisation>"

urlpatterns: list = [
    path(f"{BEHEER}/", v.BeheerOverviewView.as_view(), name="beheer"),
    path(f"{BEHEER}/verouderd/", v.StaleListView.as_view(), name="beheer-stale"),
    path(
        f"{BEHEER}/verouderd/herinnering/<int:organisation>/",
        v.SendReminderView.as_view(),
        name="beheer-remind",
    ),
    path(f"{ORG}/", v.OrganisationBeheerView.as_view(), name="beheer-organisation"),
    path(f"{ORG}/locaties/nieuw/", v.LocationFormView.as_view(), name="beheer-location-new"),
    path(
        f"{ORG}/locaties/<int:location>/",
        v.LocationFormView.as_view(),
        name="beheer-location",
    ),
    path(f"{ORG}/aanbod/nieuw/", v.OfferFormView.as_view(), name="beheer-offer-new"),
    path(f"{ORG}/aanbod/<int:offer>/", v.OfferFormView.as_view(), name="beheer-offer"),
    path(
        f"{BEHEER}/aanbod/<int:offer>/wachttijden/",
        v.CoordinatorWaitingTimeView.as_view(),
        name="beheer-waiting",
    ),
    path("teams/<slug:team>/wachttijden/", v.ProviderOverviewView.as_view(), name="provider"),
    path(
        "teams/<slug:team>/wachttijden/<int:offer>/",
        v.ProviderWaitingTimeView.as_view(),
        name="provider-offer",
    ),
]
