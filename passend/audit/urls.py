from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("teams/<slug:team>/toegangslog/", views.AccessLogView.as_view(), name="access-log"),
    path(
        "teams/<slug:team>/toegangslog/inzage/",
        views.SubjectAccessView.as_view(),
        name="subject-access",
    ),
]
