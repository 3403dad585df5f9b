from django.urls import path

from . import views

app_name = "meetings"
MEETING = "teams/<slug:team>/overleggen/<int:meeting>/"
urlpatterns = [
    path(
        "teams/<slug:team>/casussen/<int:pk>/overleg/",
        views.CaseOverlegView.as_view(),
        name="case",
    ),
    path("teams/<slug:team>/overleggen/", views.MeetingListView.as_view(), name="list"),
    path("teams/<slug:team>/overleggen/plannen/", views.MeetingPlanView.as_view(), name="plan"),
    path(
        "teams/<slug:team>/overleggen/reeks-plannen/",
        views.SeriesPlanView.as_view(),
        name="plan-series",
    ),
    path(MEETING, views.MeetingDetailView.as_view(), name="detail"),
    path(MEETING + "wijzigen/", views.MeetingEditView.as_view(), name="edit"),
    path(MEETING + "agenda/", views.AgendaAddView.as_view(), name="agenda-add"),
    path(
        MEETING + "agenda/<int:discussion>/",
        views.AgendaItemActionView.as_view(),
        name="agenda-item",
    ),
    path(MEETING + "aanwezigheid/", views.AttendanceView.as_view(), name="attendance"),
    path(MEETING + "gasten/", views.GuestsView.as_view(), name="guests"),
    path(
        MEETING + "besprekingen/<int:discussion>/",
        views.DiscussionView.as_view(),
        name="discussion",
    ),
]
