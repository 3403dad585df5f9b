"""URL patterns of the sociale kaart (io part), combined in urls.py."""

from django.urls import path

from . import views_io

BASE = "teams/<slug:team>/sociale-kaart/"

urlpatterns: list = [
    path(f"{BASE}import/", views_io.ImportView.as_view(), name="import"),
    path(f"{BASE}import/bevestigen/", views_io.ImportConfirmView.as_view(), name="import-confirm"),
    path(
        f"{BASE}import/sjabloon.csv", views_io.TemplateCsvView.as_view(), name="import-template-csv"
    ),
    path(
        f"{BASE}import/sjabloon.xlsx",
        views_io.TemplateXlsxView.as_view(),
        name="import-template-xlsx",
    ),
    path(f"{BASE}export.csv", views_io.ExportCsvView.as_view(), name="export-csv"),
    path(f"{BASE}export.xlsx", views_io.ExportXlsxView.as_view(), name="export-xlsx"),
]
