"""API of the overleg module (tag "Overleg"): same services, checks and messages as the pages."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, require_team_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.cases.selectors import case_scope

from . import selectors, services
from .models import Casusbespreking, Gast, Overleg
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


class MeetingScoped(AuditedAPIView, viewsets.GenericViewSet):
    """Views under /meetings/{meetingId}: the meeting through the permission module. Service
    refusals propagate to the one problem+json mapping (403, 409, 400 on the field)."""

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
            team = require_team_or_404(
                request,
                capability=Cap.VIEW_CASE_DATA,
                purpose="overleggen bekijken",
                pk=params["teamId"],
            )
            qs = qs.filter(team=team)
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
        # The team first (404 + one denied entry for another team's), then the right to plan
        # (403), then the input.
        team_id = request.data.get("team") if isinstance(request.data, dict) else None
        if isinstance(team_id, int) and not isinstance(team_id, bool):
            team = require_team_or_404(
                request, capability=Cap.VIEW_CASE_DATA, purpose="overleg plannen", pk=team_id
            )
            services.check_may_plan(team, actor=request.user)
        serializer = MeetingSerializer(
            data=request.data, chairs=selectors.chair_candidates(request.user)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        team = require_team_or_404(
            request,
            capability=Cap.VIEW_CASE_DATA,
            purpose="overleg plannen",
            pk=data.pop("team").pk,
        )
        data.pop("status", None)
        overleg = services.plan_meeting(
            team, actor=request.user, request=request, notes=data.pop("notes", "") or "", **data
        )
        return Response(MeetingSerializer(overleg).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        overleg = self.overleg
        services.check_may_plan(overleg.team, actor=request.user)
        serializer = MeetingSerializer(
            overleg,
            data=request.data,
            partial=True,
            chairs=selectors.team_members(overleg.team),
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "team" in data and data.pop("team") != overleg.team:
            raise exceptions.ValidationError({"team": [_("Het team van een overleg ligt vast.")]})
        if "notes" in data:
            data["notes"] = data["notes"] or ""
        overleg = services.update_meeting(overleg, actor=request.user, request=request, **data)
        return Response(MeetingSerializer(overleg).data)


RECORD_FIELDS = set(services.DISCUSSION_FIELDS)


@extend_schema(tags=["Overleg"], parameters=[MEETING_ID])
@extend_schema_view(
    list=extend_schema(summary="Agenda", description="De casusbesprekingen van een overleg."),
    create=extend_schema(
        summary="Casus agenderen",
        description=(
            "Zet een casus die het team in behandeling heeft op de agenda (voorzitter). Zonder "
            "de toestemming die de leeftijd van de jeugdige vraagt (en zonder gedwongen kader "
            "met reden), bij een geannuleerd overleg of als de casus er al op staat: 409."
        ),
    ),
    retrieve=extend_schema(
        summary="Casusbespreking",
        description="Eén casus op de agenda: vraag, deelname, verslag en procesevaluatie.",
        parameters=[DISCUSSION_ID],
    ),
    partial_update=extend_schema(
        summary="Bespreking vastleggen",
        description=(
            "Deelname van jeugdige en ouders, verslag in twee delen (met gezin, besloten) en "
            "procesevaluatie. Afwezig zonder reden geeft 400, met of zonder de teaminstelling "
            "'zonder jeugdige en ouders geen overleg'. Een woordvoerder heeft naam en relatie "
            "nodig. "
            "Een verslag kan pas na het vastleggen van de deelname. Zonder geldige toestemming "
            "(en zonder gedwongen kader met reden) wordt niets vastgelegd: 409."
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
    api_field_names = {"casus": "case"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Casusbespreking.objects.none()
        return selectors.agenda(self.overleg)

    def get_object(self):
        """The discussion of the URL (of this meeting); refused: one denied entry naming the
        discussion, not the meeting or the case."""
        discussion = get_visible_or_404(
            self.request,
            Casusbespreking.objects.filter(overleg_id=self.kwargs["meetingId"]).select_related(
                "casus", "overleg__team"
            ),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casusbespreking",
            purpose=self.audit_purpose,
            pk=self.kwargs["discussionId"],
        )
        self.audit_case(discussion)
        return discussion

    def audit_case(self, discussion) -> None:
        self.audit_raw(str(discussion.casus_id), discussion.overleg.team, subject_type="casus")

    def list(self, request, *args, **kwargs):
        items = list(self.get_queryset().select_related("overleg__team"))
        for item in items:
            self.audit_case(item)
        return Response(DiscussionSerializer(items, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(DiscussionSerializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        overleg = self.overleg
        services.check_may_plan(overleg.team, actor=request.user)
        cases = case_scope(request.user).filter(team=overleg.team)
        serializer = DiscussionSerializer(data=request.data, cases=cases)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if RECORD_FIELDS & set(data):
            raise exceptions.ValidationError(
                {"participation": [_("Leg de bespreking vast met PATCH, na het agenderen.")]}
            )
        discussion = services.add_to_agenda(
            overleg,
            casus=data["casus"],
            actor=request.user,
            question=data.get("question") or "",
            request=request,
        )
        return Response(DiscussionSerializer(discussion).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        discussion = self.get_object()
        serializer = DiscussionSerializer(discussion, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "casus" in data:
            raise exceptions.ValidationError(
                {"case": [_("De casus van een bespreking ligt vast; agendeer een nieuwe.")]}
            )
        services.update_discussion(discussion, actor=request.user, request=request, **data)
        discussion.refresh_from_db()
        return Response(DiscussionSerializer(discussion).data)

    def destroy(self, request, *args, **kwargs):
        discussion = self.get_object()
        services.remove_from_agenda(discussion, actor=request.user, request=request)
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
        services.check_may_write(overleg.team, actor=request.user)
        members = selectors.team_members(overleg.team)
        serializer = AttendanceSerializer(data=request.data, members=members)
        serializer.is_valid(raise_exception=True)
        user, state = serializer.validated_data["user"], serializer.validated_data["status"]
        existed = overleg.attendance.filter(user=user).exists()
        services.record_attendance(
            overleg, actor=request.user, statuses={user: state}, request=request
        )
        record = overleg.attendance.get(user=user)
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(AttendanceSerializer(record).data, status=code)


@extend_schema(tags=["Overleg"], parameters=[MEETING_ID])
@extend_schema_view(
    list=extend_schema(summary="Gasten", description="Gasten en oproepbare experts."),
    create=extend_schema(
        summary="Gast toevoegen",
        description=(
            "Een gast of oproepbare expert, bij het hele overleg of bij de bespreking van één "
            "casus. Bij een casus zonder geldige toestemming (en zonder gedwongen kader met "
            "reden) geeft dat laatste 409."
        ),
    ),
    destroy=extend_schema(
        summary="Gast verwijderen",
        description="Haalt een gast van dit overleg af.",
        parameters=[GUEST_ID],
    ),
)
class GuestViewSet(MeetingScoped):
    serializer_class = GuestSerializer
    audit_purpose = "gasten bekijken"

    def list(self, request, *args, **kwargs):
        self.audit(self.overleg)
        return Response(GuestSerializer(self.overleg.guests.all(), many=True).data)

    def create(self, request, *args, **kwargs):
        overleg = self.overleg
        services.check_may_write(overleg.team, actor=request.user)
        serializer = GuestSerializer(data=request.data, overleg=overleg)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
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
        return Response(GuestSerializer(guest).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        # The guest of the URL (of this meeting); refused: one denied entry naming the guest.
        guest = get_visible_or_404(
            request,
            Gast.objects.filter(overleg_id=self.kwargs["meetingId"]).select_related("overleg"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="gast",
            purpose="gast verwijderen",
            pk=self.kwargs["guestId"],
        )
        services.remove_guest(guest, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
