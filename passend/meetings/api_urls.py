"""API routes of the overleg module, mounted under /api/v1/ by passend.core.api.urls."""

from django.urls import path

from . import api

MEETING = "meetings/<int:meetingId>"
urlpatterns = [
    path(
        "meetings",
        api.MeetingViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-list",
    ),
    path(
        MEETING,
        api.MeetingViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="meeting-detail",
    ),
    path(
        f"{MEETING}/case-discussions",
        api.DiscussionViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-discussion-list",
    ),
    path(
        f"{MEETING}/case-discussions/<int:discussionId>",
        api.DiscussionViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="meeting-discussion-detail",
    ),
    path(
        f"{MEETING}/attendances",
        api.AttendanceViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-attendance-list",
    ),
    path(
        f"{MEETING}/guests",
        api.GuestViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-guest-list",
    ),
    path(
        f"{MEETING}/guests/<int:guestId>",
        api.GuestViewSet.as_view({"delete": "destroy"}),
        name="meeting-guest-detail",
    ),
]
