from django.urls import path

from . import views

app_name = "procesregie"
CASE = "teams/<slug:team>/casussen/<int:pk>/procesregie/"
urlpatterns = [
    path(CASE, views.CaseProcesregieView.as_view(), name="case"),
    path(f"{CASE}doelen/nieuw/", views.GoalCreateView.as_view(), name="goal-create"),
    path(f"{CASE}doelen/<int:goal>/", views.GoalUpdateView.as_view(), name="goal-update"),
    path(f"{CASE}acties/nieuw/", views.ActionCreateView.as_view(), name="action-create"),
    path(f"{CASE}acties/<int:action>/", views.ActionUpdateView.as_view(), name="action-update"),
    path(f"{CASE}acties/<int:action>/gedaan/", views.ActionDoneView.as_view(), name="action-done"),
    path(
        f"{CASE}escalaties/nieuw/", views.EscalationCreateView.as_view(), name="escalation-create"
    ),
    path(
        f"{CASE}escalaties/<int:escalation>/",
        views.EscalationUpdateView.as_view(),
        name="escalation-update",
    ),
    path(
        f"{CASE}regiegesprekken/nieuw/",
        views.RegiegesprekCreateView.as_view(),
        name="regiegesprek-create",
    ),
    path(
        f"{CASE}regiegesprekken/<int:gesprek>/",
        views.RegiegesprekUpdateView.as_view(),
        name="regiegesprek-update",
    ),
    path(f"{CASE}toekomstplan/", views.ToekomstplanView.as_view(), name="toekomstplan"),
    path("teams/<slug:team>/mijn-acties/", views.MyActionsView.as_view(), name="my-actions"),
]
