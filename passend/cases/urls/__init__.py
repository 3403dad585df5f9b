"""The pages of cases (``app_name = "cases"``); the API routes are in ``urls.api``."""

from django.urls import path

from ..views import case as views
from ..views import casework as casework_views
from ..views import pages, public, registration

app_name = "cases"
urlpatterns = [
    path("teams/<slug:team>/casussen/", views.CaseListView.as_view(), name="list"),
    path(
        "aanmelden/<slug:team>/",
        public.PublicRegistrationView.as_view(),
        name="public-registration",
    ),
    path(
        "aanmelden/<slug:team>/ontvangen/",
        public.PublicRegistrationDoneView.as_view(),
        name="public-registration-done",
    ),
    path(
        "teams/<slug:team>/aanmelden/",
        registration.RegistrationStartView.as_view(),
        name="register",
    ),
    path(
        "teams/<slug:team>/aanmelden/<int:pk>/<slug:step>/",
        registration.RegistrationView.as_view(),
        name="register-step",
    ),
    path("teams/<slug:team>/casussen/<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path(
        "teams/<slug:team>/casussen/<int:pk>/toestemmingsformulier.pdf",
        views.ConsentFormView.as_view(),
        name="consent-form",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/toestemming/",
        pages.ConsentPage.as_view(),
        name="consent",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/bijlagen/",
        pages.AttachmentsPage.as_view(),
        name="attachments",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/screening/",
        pages.ScreeningPage.as_view(),
        name="screening",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/bijlagen/<int:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/perspectief/",
        casework_views.PerspectiveView.as_view(),
        name="perspective",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/casusregie/",
        casework_views.CaseDirectionView.as_view(),
        name="direction",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/afsluiten/",
        casework_views.CaseClosureView.as_view(),
        name="close",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/status/",
        pages.StatusPage.as_view(),
        name="transition",
    ),
]
