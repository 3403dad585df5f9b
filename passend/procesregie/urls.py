from django.urls import path

from . import views

app_name = "procesregie"
urlpatterns = [
    path(
        "teams/<slug:team>/casussen/<int:pk>/procesregie/",
        views.CaseProcesregieView.as_view(),
        name="case",
    ),
]
