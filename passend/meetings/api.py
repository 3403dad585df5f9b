"""API of the overleg module (tag "Overleg"): same services, checks and messages as the pages."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, has_capability, team_ids_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.audit.services import log_denied
from passend.core.refusals import StateConflict as Conflict
from passend.regions.models import Team

from . import selectors, services
from .models import Casusbespreking, Overleg
from .serializers import (
    AttendanceSerializer,
    DiscussionSerializer,
    GuestSerializer,
    MeetingQuerySerializer,
    MeetingSerializer,
)

MEETING_ID = OpenApiParameter("meetingId", int, OpenApiParameter.PATH, description="Overleg.")
DISCUSSION_ID = OpenApiParameter(
    "discussionId", int, OpenApiParameter.PATH, description="Casusbespreking."
)
GUEST_ID = OpenApiParameter("guestId", int, OpenApiParameter.PATH, description="Gast.")


def refused(refusal: services.MeetingError, rename: dict | None = None):
    """A service refusal as API error: 403 (capability), 400 (fields) or 409 (state)."""
    if isinstance(refusal, services.MeetingPermissionError):
        return exceptions.PermissionDenied(str(refusal))
    if refusal.problems:
        rename = rename or {}
        return exceptions.ValidationError(
            {rename.get(k, k): [v] for k, v in refusal.problems.items()}
        )
    return Conflict(str(refusal))


class MeetingScoped(AuditedAPIView, viewsets.GenericViewSet):
    """Views under /meetings/{meetingId}: the meeting through the permission module."""

    audit_subject_type = "overleg"
    pagination_class = None

    @cached_property
    def overleg(self) -> Overleg:
        return get_visible_or_404(
            self.request,
            Overleg.objects.select_related("team", "chair"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="overleg",
            purpose=self.audit_purpose,
            pk=self.kwargs["meetingId"],
        )

    def require(self, capability: Cap, message: str) -> None:
        if not has_capability(self.request.user, capability, self.overleg.team):
            raise exceptions.PermissionDenied(message)


PLAN_ONLY = "Alleen de voorzitter plant overleggen en de agenda."
WRITE_ONLY = "Alleen notulist, voorzitter en teamleden leggen het verloop van een overleg vast."


@extend_schema(tags=["Overleg"])
@extend_schema_view(
    list=extend_schema(
        summary="Overleggen",
        description="Teamoverleggen van de eigen teams, eerst het vroegste.",
        parameters=[MeetingQuerySerializer],
    ),
    create=extend_schema(
        summary="Overleg plannen", description="Plant een teamoverleg (alleen de voorzitter)."
    ),
    retrieve=extend_schema(
        summary="Overleg", description="Eén overleg met de agenda.", parameters=[MEETING_ID]
    ),
    partial_update=extend_schema(
        summary="Overleg wijzigen",
        description=(
            "Tijd, plaats, voorzitter, aantekeningen of status. Een overleg met vastgelegde "
            "besprekingen blijft 'gehouden'."
        ),
        parameters=[MEETING_ID],
    ),
)
class MeetingViewSet(MeetingScoped):
    serializer_class = MeetingSerializer
    audit_purpose = "overleg bekijken"
    pagination_class = viewsets.GenericViewSet.pagination_class

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Overleg.objects.none()
        return selectors.meetings_for(self.request.user).prefetch_related("discussions__casus")

    def list(self, request, *args, **kwargs):
        query = MeetingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        qs = self.get_queryset()
        if "teamId" in params:
            if params["teamId"] not in team_ids_with(request.user, Cap.VIEW_CASE_DATA):
                log_denied(
                    request,
                    subject_type="overleg",
                    subject_id="lijst",
                    purpose="overleggen bekijken",
                    team=Team.objects.filter(pk=params["teamId"]).first(),
                )
                raise exceptions.NotFound()
            qs = qs.filter(team_id=params["teamId"])
        tz = timezone.get_current_timezone()
        if "dateFrom" in params:
            qs = qs.filter(starts_at__gte=datetime.combine(params["dateFrom"], time.min, tz))
        if "dateUntil" in params:
            qs = qs.filter(starts_at__lte=datetime.combine(params["dateUntil"], time.max, tz))
        if "status" in params:
            qs = qs.filter(status=params["status"])
        page = self.paginate_queryset(qs.order_by("starts_at", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        overleg = self.overleg
        self.audit(overleg)
        for item in overleg.discussions.all():
            self.audit_raw(str(item.casus_id), overleg.team, subject_type="casus")
        return Response(MeetingSerializer(overleg).data)

    def create(self, request, *args, **kwargs):
        serializer = MeetingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        team = data.pop("team")
        if team.pk not in team_ids_with(request.user, Cap.VIEW_CASE_DATA):
            log_denied(
                request,
                subject_type="overleg",
                subject_id="nieuw",
                purpose="overleg plannen",
                team=team,
            )
            raise exceptions.NotFound()
        data.pop("status", None)
        try:
            overleg = services.plan_meeting(
                team, actor=request.user, request=request, notes=data.pop("notes", "") or "", **data
            )
        except services.MeetingError as refusal:
            raise refused(refusal) from refusal
        return Response(MeetingSerializer(overleg).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        overleg = self.overleg
        self.require(Cap.PLAN_MEETINGS, PLAN_ONLY)
        serializer = MeetingSerializer(overleg, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "team" in data and data.pop("team") != overleg.team:
            raise exceptions.ValidationError({"team": ["Het team van een overleg ligt vast."]})
        if "notes" in data:
            data["notes"] = data["notes"] or ""
        try:
            overleg = services.update_meeting(overleg, actor=request.user, request=request, **data)
        except services.MeetingError as refusal:
            raise refused(refusal) from refusal
        return Response(MeetingSerializer(overleg).data)


RECORD_FIELDS = set(services.DISCUSSION_FIELDS)


@extend_schema(tags=["Overleg"], parameters=[MEETING_ID])
@extend_schema_view(
    list=extend_schema(summary="Agenda", description="De casusbesprekingen van een overleg."),
    create=extend_schema(
        summary="Casus agenderen",
        description="Zet een casus die het team in behandeling heeft op de agenda (voorzitter).",
    ),
    retrieve=extend_schema(summary="Casusbespreking", parameters=[DISCUSSION_ID]),
    partial_update=extend_schema(
        summary="Bespreking vastleggen",
        description=(
            "Deelname van jeugdige en ouders, verslag in twee delen (met gezin, besloten) en "
            "procesevaluatie. Volgt de teaminstelling 'zonder jeugdige en ouders geen overleg': "
            "afwezig zonder reden geeft dan 400. Een woordvoerder heeft naam en relatie nodig. "
            "Een verslag kan pas na het vastleggen van de deelname."
        ),
        parameters=[DISCUSSION_ID],
    ),
    destroy=extend_schema(
        summary="Van de agenda halen",
        description="Alleen zolang er niets van de bespreking is vastgelegd.",
        parameters=[DISCUSSION_ID],
    ),
)
class DiscussionViewSet(MeetingScoped):
    serializer_class = DiscussionSerializer
    audit_purpose = "casusbespreking bekijken"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Casusbespreking.objects.none()
        return selectors.agenda(self.overleg)

    def get_object(self):
        discussion = get_visible_or_404(
            self.request,
            Casusbespreking.objects.filter(overleg=self.overleg).select_related("casus"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casusbespreking",
            purpose=self.audit_purpose,
            pk=self.kwargs["discussionId"],
        )
        self.audit_case(discussion)
        return discussion

    def audit_case(self, discussion) -> None:
        self.audit_raw(str(discussion.casus_id), self.overleg.team, subject_type="casus")

    def list(self, request, *args, **kwargs):
        items = list(self.get_queryset())
        for item in items:
            self.audit_case(item)
        return Response(DiscussionSerializer(items, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(DiscussionSerializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        overleg = self.overleg
        self.require(Cap.PLAN_MEETINGS, PLAN_ONLY)
        serializer = DiscussionSerializer(data=request.data, team=overleg.team)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if RECORD_FIELDS & set(data):
            raise exceptions.ValidationError(
                {"participation": ["Leg de bespreking vast met PATCH, na het agenderen."]}
            )
        try:
            discussion = services.add_to_agenda(
                overleg,
                data["casus"],
                actor=request.user,
                question=data.get("question") or "",
                request=request,
            )
        except services.MeetingError as refusal:
            raise refused(refusal, {"casus": "case"}) from refusal
        return Response(DiscussionSerializer(discussion).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        discussion = self.get_object()
        serializer = DiscussionSerializer(discussion, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "casus" in data:
            raise exceptions.ValidationError(
                {"case": ["De casus van een bespreking ligt vast; agendeer een nieuwe."]}
            )
        question = data.pop("question", None)
        try:
            if question is not None:
                self.require(Cap.PLAN_MEETINGS, PLAN_ONLY)
                services.update_question(
                    discussion, actor=request.user, question=question or "", request=request
                )
            if data:
                self.require(Cap.WRITE_MINUTES, WRITE_ONLY)
                services.record_discussion(discussion, actor=request.user, request=request, **data)
        except services.MeetingError as refusal:
            raise refused(refusal) from refusal
        discussion.refresh_from_db()
        return Response(DiscussionSerializer(discussion).data)

    def destroy(self, request, *args, **kwargs):
        discussion = self.get_object()
        try:
            services.remove_from_agenda(discussion, actor=request.user, request=request)
        except services.MeetingError as refusal:
            raise refused(refusal) from refusal
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["Overleg"], parameters=[MEETING_ID])
@extend_schema_view(
    list=extend_schema(summary="Aanwezigheid", description="Aanwezigheid van de teamleden."),
    create=extend_schema(
        summary="Aanwezigheid vastleggen",
        description="Legt de aanwezigheid van één teamlid vast (of wijzigt die).",
    ),
)
class AttendanceViewSet(MeetingScoped):
    serializer_class = AttendanceSerializer
    audit_purpose = "aanwezigheid bekijken"

    def list(self, request, *args, **kwargs):
        self.audit(self.overleg)
        records = self.overleg.attendance.all()
        return Response(AttendanceSerializer(records, many=True).data)

    def create(self, request, *args, **kwargs):
        overleg = self.overleg
        self.require(Cap.WRITE_MINUTES, WRITE_ONLY)
        members = services.team_members(overleg.team)
        serializer = AttendanceSerializer(data=request.data, members=members)
        serializer.is_valid(raise_exception=True)
        user, state = serializer.validated_data["user"], serializer.validated_data["status"]
        existed = overleg.attendance.filter(user=user).exists()
        try:
            services.record_attendance(overleg, {user: state}, actor=request.user, request=request)
        except services.MeetingError as refusal:
            raise refused(refusal) from refusal
        record = overleg.attendance.get(user=user)
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(AttendanceSerializer(record).data, status=code)


@extend_schema(tags=["Overleg"], parameters=[MEETING_ID])
@extend_schema_view(
    list=extend_schema(summary="Gasten", description="Gasten en oproepbare experts."),
    create=extend_schema(summary="Gast toevoegen"),
    destroy=extend_schema(summary="Gast verwijderen", parameters=[GUEST_ID]),
)
class GuestViewSet(MeetingScoped):
    serializer_class = GuestSerializer
    audit_purpose = "gasten bekijken"

    def list(self, request, *args, **kwargs):
        self.audit(self.overleg)
        return Response(GuestSerializer(self.overleg.guests.all(), many=True).data)

    def create(self, request, *args, **kwargs):
        overleg = self.overleg
        self.require(Cap.WRITE_MINUTES, WRITE_ONLY)
        serializer = GuestSerializer(data=request.data, overleg=overleg)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            guest = services.add_guest(
                overleg,
                actor=request.user,
                request=request,
                name=data["name"],
                organisation=data.get("organisation", ""),
                function=data.get("function", ""),
                kind=data["kind"],
                discussion=data.get("discussion"),
            )
        except services.MeetingError as refusal:
            raise refused(refusal) from refusal
        return Response(GuestSerializer(guest).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        overleg = self.overleg
        self.require(Cap.WRITE_MINUTES, WRITE_ONLY)
        guest = overleg.guests.filter(pk=self.kwargs["guestId"]).first()
        if guest is None:
            raise exceptions.NotFound("Deze gast hoort niet bij dit overleg.")
        services.remove_guest(guest, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
