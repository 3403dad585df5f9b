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
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import team_ids_with
from passend.accounts.roles import Cap
from passend.audit.services import log_denied
from passend.regions.models import Team

from . import services
from .models import Aanbod, Wachttijd
from .serializers_beheer import WaitingTimeEntryInputSerializer, WaitingTimeEntrySerializer
from .waiting import DEFAULT_STALE_WEEKS

MAP_CAPS = (Cap.VIEW_SOCIAL_MAP, Cap.MANAGE_SOCIAL_MAP, Cap.UPDATE_OWN_WAITING_TIMES)
OFFER_ID = OpenApiParameter("offerId", int, OpenApiParameter.PATH, description="Id van het aanbod.")


class TeamQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Expertteam waarvoor u werkt; bepaalt wanneer een wachttijd verouderd is.",
    )


@extend_schema(tags=["Sociale kaart"], parameters=[OFFER_ID, TeamQuerySerializer])
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
            "start hulp; de datum ligt niet in de toekomst."
        ),
        request=WaitingTimeEntryInputSerializer,
        responses={201: WaitingTimeEntrySerializer},
    ),
)
class WaitingTimeViewSet(viewsets.GenericViewSet):
    personal_data = False
    serializer_class = WaitingTimeEntrySerializer
    purpose = "wachttijden aanbod"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Wachttijd.objects.none()
        return self.offer.wachttijden.select_related("locatie", "aanbod__organisation")

    @cached_property
    def team(self) -> Team | None:
        query = TeamQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        allowed = sorted({t for cap in MAP_CAPS for t in team_ids_with(self.request.user, cap)})
        team_id = query.validated_data.get("teamId")
        if team_id is not None and team_id not in allowed:
            log_denied(
                self.request,
                subject_type="team",
                subject_id=team_id,
                purpose=self.purpose,
                team=Team.objects.filter(pk=team_id).first(),
            )
            raise exceptions.NotFound()
        team_id = team_id or next(iter(allowed), None)
        return Team.objects.filter(pk=team_id).first() if team_id else None

    @cached_property
    def offer(self) -> Aanbod:
        team = self.team
        offer = (
            Aanbod.objects.select_related("organisation").filter(pk=self.kwargs["offerId"]).first()
        )
        user, scope = self.request.user, team if "teamId" in self.request.query_params else None
        if self.request.method == "POST":
            allowed = offer is not None and services.may_update_waiting_times(user, offer, scope)
        else:
            allowed = offer is not None and services.may_view_waiting_times(user, offer, scope)
        if not allowed:
            log_denied(
                self.request,
                subject_type="aanbod",
                subject_id=self.kwargs["offerId"],
                purpose=self.purpose,
                team=team,
            )
            raise exceptions.NotFound()
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
        data = WaitingTimeEntryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        location = None
        if values.get("location_id") is not None:
            location = offer.locaties.filter(pk=values["location_id"]).first()
            if location is None:
                raise exceptions.ValidationError(
                    {"location_id": ["Dit aanbod wordt niet op deze locatie gegeven."]}
                )
        try:
            entry = services.confirm_waiting_time(
                offer,
                actor=request.user,
                location=location,
                weeks_to_registration=values["weeks_to_registration"],
                weeks_to_intake=values["weeks_to_intake"],
                weeks_to_treatment=values["weeks_to_treatment"],
                note=values.get("note", ""),
                confirmed_on=values.get("confirmed_on"),
            )
        except services.MapInvalid as invalid:
            errors = {
                {"locatie": "location_id"}.get(name, name): messages
                for name, messages in invalid.message_dict.items()
            }
            raise exceptions.ValidationError(errors) from invalid
        except services.MapRefused as refused:
            raise exceptions.NotFound() from refused
        body = self.get_serializer(entry).data
        return Response(body, status=status.HTTP_201_CREATED)
