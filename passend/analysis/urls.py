from django.urls import path

from . import views

app_name = "analysis"
urlpatterns = [
    path(
        "teams/<slug:team>/casussen/<int:pk>/tijdlijn/",
        views.CaseAnalyseView.as_view(),
        name="case",
    ),
]
