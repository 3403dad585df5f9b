"""URL patterns of the sociale kaart (search part), combined in urls.py."""

from django.urls import path

from . import views_search as views

MAP = "teams/<slug:team>/sociale-kaart/"

urlpatterns: list = [
    path(MAP, views.SearchView.as_view(), name="search"),
    path(f"{MAP}organisaties/", views.OrganisationListView.as_view(), name="organisations"),
    path(
        f"{MAP}organisaties/<int:organisation>/",
        views.OrganisationDetailView.as_view(),
        name="organisation",
    ),
    path(f"{MAP}aanbod/<int:offer>/", views.OfferDetailView.as_view(), name="offer"),
]
