"""API of a team's DPIA check: GET/PUT /teams/{teamId}/dpia.

The same rules as the beheer page: the team must be the user's (404); the beheerder and the
voorzitter read (``may_view_dpia``, else 403), the beheerder records (``record_dpia``)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import may_view_dpia, require_team_or_404
from passend.accounts.roles import Cap

from ..dpia import FIELDS, check_may_record_dpia, record_dpia
from ..models import DpiaToets
from ..selectors import dpia_of, dpia_reasons

TEAM_ID = OpenApiParameter("teamId", int, OpenApiParameter.PATH, description="Expertteam.")


class DpiaSerializer(serializers.ModelSerializer):
    criteria_met = serializers.IntegerField(
        read_only=True, help_text="Aantal van de negen criteria met ja."
    )
    dpia_required = serializers.BooleanField(
        read_only=True,
        help_text="Twee of meer criteria, of stelselmatige monitoring van gevoelige gegevens.",
    )
    reasons = serializers.SerializerMethodField(help_text="Waarom de uitkomst is wat hij is.")
    monitoring_allowed = serializers.BooleanField(
        read_only=True,
        help_text="De DPIA is uitgevoerd en het convenant vastgesteld: monitoring staat aan.",
    )
    recorded = serializers.SerializerMethodField(help_text="Is de toets al eens vastgelegd?")
    recorded_at = serializers.SerializerMethodField(
        help_text="Wanneer de toets het laatst is vastgelegd; leeg als dat nog niet is gebeurd."
    )

    class Meta:
        model = DpiaToets
        fields = [
            *FIELDS,
            "criteria_met",
            "dpia_required",
            "reasons",
            "monitoring_allowed",
            "recorded",
            "recorded_at",
        ]

    def get_reasons(self, toets) -> list[str]:
        return dpia_reasons(toets)

    def get_recorded(self, toets) -> bool:
        return toets.pk is not None

    def get_recorded_at(self, toets) -> datetime.datetime | None:
        return toets.recorded_at if toets.pk is not None else None


@extend_schema_view(
    retrieve=extend_schema(
        operation_id="getTeamDpia",
        summary="DPIA-toets",
        description="De DPIA-toets van het team: de negen criteria, de uitkomst, en of de DPIA "
        "en het convenant zijn vastgelegd (dan staat monitoring aan). Voor de beheerder en de "
        "voorzitter.",
    ),
    update=extend_schema(
        operation_id="putTeamDpia",
        summary="DPIA-toets vastleggen",
        description="Alleen de beheerder. Een datum ligt niet in de toekomst; bij een "
        "DPIA-datum hoort een kenmerk; een vastgesteld convenant heeft een kenmerk en een "
        "ondertekendatum.",
    ),
)
@extend_schema(tags=["Privacy"], parameters=[TEAM_ID])
class DpiaViewSet(viewsets.GenericViewSet):
    personal_data = False
    serializer_class = DpiaSerializer
    pagination_class = None

    @cached_property
    def team(self):
        return require_team_or_404(
            self.request, capability=Cap.VIEW_TEAM, purpose="DPIA-toets", pk=self.kwargs["teamId"]
        )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not may_view_dpia(request.user, self.team):
            raise PermissionDenied

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(dpia_of(self.team)).data)

    def update(self, request, *args, **kwargs):
        check_may_record_dpia(self.team, actor=request.user)  # 403 before reading the body
        serializer = self.get_serializer(dpia_of(self.team), data=request.data)
        serializer.is_valid(raise_exception=True)
        toets = record_dpia(
            self.team, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(self.get_serializer(toets).data)
