from django.urls import path

from . import views

app_name = "advice"
BASE = "teams/<slug:team>/casussen/<int:pk>/advies/"
urlpatterns = [
    path(BASE, views.CaseAdviesView.as_view(), name="case"),
    path(f"{BASE}nieuw/", views.AdviesEditView.as_view(), name="new"),
    path(f"{BASE}<int:advies>/bewerken/", views.AdviesEditView.as_view(), name="edit"),
    path(f"{BASE}<int:advies>/aanbod/", views.OfferPickerView.as_view(), name="offers"),
    path(f"{BASE}<int:advies>/follow-up/", views.FollowUpView.as_view(), name="follow-up"),
    path(f"{BASE}<int:advies>/brief.pdf", views.LetterView.as_view(), name="letter"),
]
