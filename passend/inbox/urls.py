from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("teams/<slug:team>/werkvoorraad/", views.InboxView.as_view(), name="home"),
]
