"""API of monitoring: GET /teams/{teamId}/monitoring/summary.

The same gate and figures as the page: 409 "DPIA nog niet vastgelegd" until the team's DPIA
and covenant are recorded; every count 1–4 is the string "<5", never the number."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import require_team_or_404
from passend.accounts.roles import Cap
from passend.core.api.problems import PROBLEM_CONTENT_TYPE, problem
from passend.privacy.selectors import monitoring_allowed

from . import selectors
from .suppress import SUPPRESSED

TEAM_ID = OpenApiParameter("teamId", int, OpenApiParameter.PATH, description="Expertteam.")
GATE_TITLE = "DPIA nog niet vastgelegd"


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "enum": [SUPPRESSED]},
        ],
        "description": "Een aantal; 1 tot en met 4 (en een cel die een verborgen aantal zou "
        "verraden) als de tekst '<5'.",
    }
)
class CountField(serializers.Field):
    def to_representation(self, value):
        return value


class CellSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Code van de rij (maand jjjj-mm, CBS-code, status).")
    label = serializers.CharField()
    count = CountField()


class TableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    cells = CellSerializer(many=True)
    total = CountField()


class SummarySerializer(serializers.Serializer):
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    tables = TableSerializer(many=True)


@extend_schema_view(
    retrieve=extend_schema(
        operation_id="getMonitoringSummary",
        summary="Monitoring: eerste cijfers",
        description="Aanmeldingen van de laatste twaalf maanden per maand, per gemeente, per "
        "status en de uitkomst van de afgesloten casussen, uit het geanonimiseerde analyserecord. "
        "Een beleidsadviseur ziet alleen de toegekende gemeenten. 409 zolang de DPIA van het team "
        "niet is vastgelegd.",
        responses={
            200: SummarySerializer,
            409: OpenApiResponse(description="DPIA nog niet vastgelegd (problem+json)."),
        },
    )
)
@extend_schema(tags=["Monitoring"], parameters=[TEAM_ID])
class MonitoringSummaryView(viewsets.GenericViewSet):
    personal_data = False
    serializer_class = SummarySerializer
    pagination_class = None

    @cached_property
    def team(self):
        return require_team_or_404(
            self.request,
            capability=Cap.VIEW_AGGREGATES,
            purpose="monitoring bekijken",
            pk=self.kwargs["teamId"],
        )

    def retrieve(self, request, *args, **kwargs):
        if not monitoring_allowed(self.team):
            body = problem(
                409,
                _(
                    "Monitoring staat uit totdat de beheerder vastlegt dat de DPIA is "
                    "uitgevoerd en het convenant of privacyprotocol is vastgesteld."
                ),
                title=GATE_TITLE,
            )
            return Response(body, status=409, content_type=PROBLEM_CONTENT_TYPE)
        return Response(self.get_serializer(selectors.summary(request.user, self.team)).data)
