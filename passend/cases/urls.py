from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("teams/<slug:team>/casussen/", views.CaseListView.as_view(), name="list"),
    path("teams/<slug:team>/casussen/<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path(
        "teams/<slug:team>/casussen/<int:pk>/toestemmingsformulier.pdf",
        views.ConsentFormView.as_view(),
        name="consent-form",
    ),
    path(
        "teams/<slug:team>/casussen/<int:pk>/status/",
        views.CaseTransitionView.as_view(),
        name="transition",
    ),
]
