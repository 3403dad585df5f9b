"""API routes of cases, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from ..api.attachments import AttachmentDownloadViewSet, AttachmentViewSet
from ..api.case import CaseAccessLogViewSet, CaseListViewSet, CaseViewSet
from ..api.casework import (
    CaseDirectionViewSet,
    ClosureViewSet,
    PerspectiveViewSet,
    TransitionViewSet,
)
from ..api.consents import ConsentFormViewSet, ConsentViewSet
from ..api.public import PublicRegistrationView

CASE = "cases/<int:caseId>"
LIST = {"get": "list", "post": "create"}
ONE = {"get": "retrieve", "patch": "partial_update"}

urlpatterns = [
    path("public/registrations", PublicRegistrationView.as_view(), name="public-registration"),
    path("cases", CaseListViewSet.as_view(LIST), name="case-list"),
    path(CASE, CaseViewSet.as_view(ONE), name="case-detail"),
    path(f"{CASE}/consents", ConsentViewSet.as_view(LIST), name="case-consent-list"),
    path(
        f"{CASE}/consents/<int:consentId>",
        ConsentViewSet.as_view({"patch": "partial_update"}),
        name="case-consent-detail",
    ),
    path(
        f"{CASE}/consent-form",
        ConsentFormViewSet.as_view({"get": "retrieve"}),
        name="case-consent-form",
    ),
    path(f"{CASE}/attachments", AttachmentViewSet.as_view(LIST), name="case-attachment-list"),
    path(
        f"{CASE}/attachments/<int:attachmentId>",
        AttachmentDownloadViewSet.as_view({"get": "retrieve"}),
        name="case-attachment-detail",
    ),
    path(f"{CASE}/perspective", PerspectiveViewSet.as_view(ONE), name="case-perspective"),
    path(f"{CASE}/case-direction", CaseDirectionViewSet.as_view(ONE), name="case-direction"),
    path(
        f"{CASE}/transitions",
        TransitionViewSet.as_view({"post": "create"}),
        name="case-transition-list",
    ),
    path(f"{CASE}/closures", ClosureViewSet.as_view({"post": "create"}), name="case-closure-list"),
    path(
        f"{CASE}/access-log",
        CaseAccessLogViewSet.as_view({"get": "list"}),
        name="case-access-log",
    ),
]
