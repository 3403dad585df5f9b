"""API routes of the advies module, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from .api import LETTER_RENDERERS, AdviceViewSet, CaseAdviceViewSet, ClarificationViewSet

urlpatterns: list = [
    path(
        "cases/<int:caseId>/advices",
        CaseAdviceViewSet.as_view({"get": "list", "post": "create"}),
        name="case-advice-list",
    ),
    path(
        "advices/<int:adviceId>",
        AdviceViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="advice-detail",
    ),
    path(
        "advices/<int:adviceId>/approvals",
        AdviceViewSet.as_view({"post": "approve"}),
        name="advice-approvals",
    ),
    path(
        "advices/<int:adviceId>/dispatches",
        AdviceViewSet.as_view({"post": "send"}),
        name="advice-dispatches",
    ),
    path(
        "advices/<int:adviceId>/conflict-declarations",
        AdviceViewSet.as_view({"get": "declarations", "post": "declarations"}),
        name="advice-conflict-declarations",
    ),
    path(
        "advices/<int:adviceId>/clarification-requests",
        AdviceViewSet.as_view({"get": "clarifications", "post": "clarifications"}),
        name="advice-clarification-requests",
    ),
    path(
        "clarification-requests/<int:requestId>",
        ClarificationViewSet.as_view({"patch": "answer"}),
        name="clarification-request-detail",
    ),
    path(
        "advices/<int:adviceId>/follow-ups",
        AdviceViewSet.as_view({"get": "follow_ups", "post": "follow_ups"}),
        name="advice-follow-ups",
    ),
    path(
        "advices/<int:adviceId>/letter",
        AdviceViewSet.as_view({"get": "letter"}, renderer_classes=LETTER_RENDERERS),
        name="advice-letter",
    ),
]
