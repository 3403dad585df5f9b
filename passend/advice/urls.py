from django.urls import path

from . import views

app_name = "advice"
urlpatterns = [
    path(
        "teams/<slug:team>/casussen/<int:pk>/advies/",
        views.CaseAdviesView.as_view(),
        name="case",
    ),
]
