"""Pages of the sociale kaart.

Search (VIEW_SOCIAL_MAP): teams/<team>/sociale-kaart/...; import and export under the same
prefix; beheer by the coordinator: teams/<team>/sociale-kaart/beheer/...; the provider's own
waiting times: teams/<team>/wachttijden/... The API routes are in `urls/api.py`.
"""

from django.urls import path

from ..views import beheer, io, search

MAP = "teams/<slug:team>/sociale-kaart"
BEHEER = f"{MAP}/beheer"
ORG = f"{BEHEER}/organisaties/<int:organisation>"
PROVIDER = "teams/<slug:team>/wachttijden"

app_name = "socialmap"
urlpatterns = [
    # search
    path(f"{MAP}/", search.SearchView.as_view(), name="search"),
    path(f"{MAP}/organisaties/", search.OrganisationListView.as_view(), name="organisations"),
    path(
        f"{MAP}/organisaties/<int:organisation>/",
        search.OrganisationDetailView.as_view(),
        name="organisation",
    ),
    path(f"{MAP}/aanbod/<int:offer>/", search.OfferDetailView.as_view(), name="offer"),
    # beheer (coordinator)
    path(f"{BEHEER}/", beheer.BeheerOverviewView.as_view(), name="beheer"),
    path(f"{BEHEER}/verouderd/", beheer.StaleListView.as_view(), name="beheer-stale"),
    path(
        f"{BEHEER}/verouderd/herinnering/<int:organisation>/",
        beheer.SendReminderView.as_view(),
        name="beheer-remind",
    ),
    path(f"{ORG}/", beheer.OrganisationBeheerView.as_view(), name="beheer-organisation"),
    path(f"{ORG}/locaties/nieuw/", beheer.LocationFormView.as_view(), name="beheer-location-new"),
    path(
        f"{ORG}/locaties/<int:location>/", beheer.LocationFormView.as_view(), name="beheer-location"
    ),
    path(f"{ORG}/aanbod/nieuw/", beheer.OfferFormView.as_view(), name="beheer-offer-new"),
    path(f"{ORG}/aanbod/<int:offer>/", beheer.OfferFormView.as_view(), name="beheer-offer"),
    path(
        f"{BEHEER}/aanbod/<int:offer>/wachttijden/",
        beheer.CoordinatorWaitingTimeView.as_view(),
        name="beheer-waiting",
    ),
    # the provider's own waiting times
    path(f"{PROVIDER}/", beheer.ProviderOverviewView.as_view(), name="provider"),
    path(
        f"{PROVIDER}/<int:offer>/", beheer.ProviderWaitingTimeView.as_view(), name="provider-offer"
    ),
    # import and export
    path(f"{MAP}/import/", io.ImportView.as_view(), name="import"),
    path(f"{MAP}/import/bevestigen/", io.ImportConfirmView.as_view(), name="import-confirm"),
    path(f"{MAP}/import/sjabloon.csv", io.TemplateCsvView.as_view(), name="import-template-csv"),
    path(f"{MAP}/import/sjabloon.xlsx", io.TemplateXlsxView.as_view(), name="import-template-xlsx"),
    path(f"{MAP}/export.csv", io.ExportCsvView.as_view(), name="export-csv"),
    path(f"{MAP}/export.xlsx", io.ExportXlsxView.as_view(), name="export-xlsx"),
]
