"""API of the waiting times of one offer: history (GET) and a new confirmation (POST).

Readable by whoever may search the map of the offer's region, the region's coordinator and the
offer's own provider; writable by the coordinator and the own provider only. Anything else
answers 404 with one denied access-log entry (team: the `teamId` asked for, otherwise the
team through which the user works with the map). Who confirmed is given by organisation or
role, not by name: no personal data.
"""

from django.utils import timezone
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import (
    deny_404,
    may_update_waiting_times,
    may_view_waiting_times,
    team_ids_with,
)
from passend.accounts.roles import Cap
from passend.regions.models import Team

from .. import services
from ..models import Aanbod, Wachttijd
from ..serializers.beheer import (
    WaitingTimeEntryInputSerializer,
    WaitingTimeEntrySerializer,
    WaitingTimeQuerySerializer,
)
from ..waiting import DEFAULT_STALE_WEEKS

MAP_CAPS = (Cap.VIEW_SOCIAL_MAP, Cap.MANAGE_SOCIAL_MAP, Cap.UPDATE_OWN_WAITING_TIMES)
OFFER_ID = OpenApiParameter("offerId", int, OpenApiParameter.PATH, description="Id van het aanbod.")


@extend_schema(tags=["Sociale kaart"], parameters=[OFFER_ID, WaitingTimeQuerySerializer])
@extend_schema_view(
    list=extend_schema(
        summary="Wachttijden van een aanbod",
        description=(
            "Alle bevestigingen van de wachttijden (aanmelding, intake, start hulp) van het "
            "aanbod, nieuwste eerst, met per bevestiging of die verouderd is."
        ),
    ),
    create=extend_schema(
        summary="Wachttijd bevestigen of wijzigen",
        description=(
            "Legt een nieuwe bevestiging vast (dezelfde of nieuwe waarden). Voor de aanbieder "
            "van het aanbod en de coördinator sociale kaart van de regio. Aanmelding ≤ intake ≤ "
            "start hulp; de datum ligt niet in de toekomst en niet vóór 2000."
        ),
        request=WaitingTimeEntryInputSerializer,
        responses={201: WaitingTimeEntrySerializer},
    ),
)
class WaitingTimeViewSet(viewsets.GenericViewSet):
    personal_data = False
    serializer_class = WaitingTimeEntrySerializer
    purpose = "wachttijden aanbod"
    api_field_names = {"location": "location_id"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Wachttijd.objects.none()
        return self.offer.wachttijden.select_related("locatie", "aanbod__organisation")

    @cached_property
    def team(self) -> Team | None:
        """The `teamId` asked for (a team in which the user works with the map; any other is
        404 with one denied entry), else the user's first such team."""
        query = WaitingTimeQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        allowed = sorted({t for cap in MAP_CAPS for t in team_ids_with(self.request.user, cap)})
        team_id = query.validated_data.get("teamId")
        if team_id is not None and team_id not in allowed:
            deny_404(
                self.request,
                subject_type="team",
                subject_id=team_id,
                purpose=self.purpose,
                team=Team.objects.filter(pk=team_id).first(),
            )
        team_id = team_id or next(iter(allowed), None)
        return Team.objects.filter(pk=team_id).first() if team_id else None

    @cached_property
    def offer(self) -> Aanbod:
        """The offer of the URL when the user may read (GET) or write (POST) its waiting
        times, else 404 with one denied entry. The service checks the write again."""
        team = self.team
        offer = (
            Aanbod.objects.select_related("organisation").filter(pk=self.kwargs["offerId"]).first()
        )
        user, scope = self.request.user, team if "teamId" in self.request.query_params else None
        may = may_update_waiting_times if self.request.method == "POST" else may_view_waiting_times
        if offer is None or not may(user, offer, scope):
            deny_404(
                self.request,
                subject_type="aanbod",
                subject_id=self.kwargs["offerId"],
                purpose=self.purpose,
                team=team,
            )
        return offer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        context["stale_weeks"] = (
            self.team.waiting_time_stale_weeks if self.team else DEFAULT_STALE_WEEKS
        )
        return context

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        offer = self.offer
        data = WaitingTimeEntryInputSerializer(data=request.data, context={"offer": offer})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        entry = services.confirm_waiting_time(
            offer,
            actor=request.user,
            location=values.get("location_id"),
            weeks_to_registration=values["weeks_to_registration"],
            weeks_to_intake=values["weeks_to_intake"],
            weeks_to_treatment=values["weeks_to_treatment"],
            note=values.get("note", ""),
            confirmed_on=values.get("confirmed_on"),
        )
        body = self.get_serializer(entry).data
        return Response(body, status=status.HTTP_201_CREATED)
