from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path(
        "teams/<slug:team>/casussen/<int:pk>/overleg/",
        views.CaseOverlegView.as_view(),
        name="case",
    ),
]
