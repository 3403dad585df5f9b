from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("teams/<slug:team>/monitoring/", views.MonitoringHomeView.as_view(), name="home"),
]
