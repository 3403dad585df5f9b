"""API routes of the procesregie module, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from . import api

CASE = "cases/<int:caseId>/"
LIST = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "patch": "partial_update"}

urlpatterns = [
    path(f"{CASE}goals", api.CaseGoalViewSet.as_view(LIST), name="case-goal-list"),
    path(f"{CASE}actions", api.CaseActionViewSet.as_view(LIST), name="case-action-list"),
    path("actions", api.ActionViewSet.as_view({"get": "list"}), name="action-list"),
    path("actions/<int:actionId>", api.ActionViewSet.as_view(DETAIL), name="action-detail"),
    path(
        f"{CASE}escalations", api.CaseEscalationViewSet.as_view(LIST), name="case-escalation-list"
    ),
    path(
        f"{CASE}escalations/<int:escalationId>",
        api.CaseEscalationViewSet.as_view(DETAIL),
        name="case-escalation-detail",
    ),
    path(
        f"{CASE}future-plans", api.CaseFuturePlanViewSet.as_view(LIST), name="case-future-plan-list"
    ),
    path(
        f"{CASE}future-plans/<int:futurePlanId>",
        api.CaseFuturePlanViewSet.as_view(DETAIL),
        name="case-future-plan-detail",
    ),
    path(
        f"{CASE}direction-checks",
        api.CaseDirectionCheckViewSet.as_view({"get": "retrieve"}),
        name="case-direction-check",
    ),
]
