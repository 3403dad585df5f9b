"""API of monitoring: GET /teams/{teamId}/monitoring/summary, GET /monitoring/indicators,
GET /monitoring/indicators/{code} and GET /monitoring/indicators/{code}/values.

The same gate, scope and figures as the pages: 404 for a team in which the user may not read
aggregates (the indicator routes name it with the required query parameter ``teamId``, as the
other routes without a team in their path do); 409 "DPIA nog niet vastgelegd" until the team's
DPIA and covenant are recorded; a beleidsadviseur counts only the granted municipalities. Every
count 1–4 is "<5", never the number: in the values a suppressed cell has ``value`` null. The
question is read only by ``query.parse`` (as pages and exports do); a bad parameter is 400
problem+json naming it in ``invalidParams``."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from passend.accounts.permissions import require_team_or_404
from passend.accounts.roles import Cap
from passend.core.api.problems import PROBLEM_CONTENT_TYPE, problem
from passend.privacy.selectors import monitoring_allowed

from . import dimensions, selectors
from . import periods as P
from .query import InvalidQuery, parse
from .serializers import (
    EXAMPLE_INDICATOR,
    GROUP_BY_VALUES,
    IndicatorSerializer,
    IndicatorValuesSerializer,
    example_values,
    indicator_data,
    values_data,
)
from .suppress import SUPPRESSED

TEAM_ID = OpenApiParameter("teamId", int, OpenApiParameter.PATH, description="Expertteam.")
GATE_TITLE = "DPIA nog niet vastgelegd"
PURPOSE = "monitoring bekijken"


def gate(team) -> Response | None:
    """409 problem+json while the team's DPIA and covenant are not recorded, else None."""
    if monitoring_allowed(team):
        return None
    body = problem(
        409,
        _(
            "Monitoring staat uit totdat de beheerder vastlegt dat de DPIA is "
            "uitgevoerd en het convenant of privacyprotocol is vastgesteld."
        ),
        title=GATE_TITLE,
    )
    return Response(body, status=409, content_type=PROBLEM_CONTENT_TYPE)


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
            purpose=PURPOSE,
            pk=self.kwargs["teamId"],
        )

    def retrieve(self, request, *args, **kwargs):
        closed = gate(self.team)
        if closed:
            return closed
        return Response(self.get_serializer(selectors.summary(request.user, self.team)).data)


# -- indicators ------------------------------------------------------------------------------


class TeamQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(min_value=1, help_text="Expertteam.")


TEAM_QUERY = OpenApiParameter(
    "teamId",
    int,
    OpenApiParameter.QUERY,
    required=True,
    description="Expertteam waarvan de cijfers zijn (een team waarin u cijfers mag inzien).",
)
CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Code van de indicator.")
MONTH_OR_DATE = (
    "Maand (jjjj-mm) of datum (jjjj-mm-dd); zonder from en to: het lopende kalenderjaar."
)
QUERY_PARAMETERS = [
    OpenApiParameter(
        "from",
        str,
        description=f"Begin van de periode: {MONTH_OR_DATE} Een datum is de eerste van een maand.",
        examples=[OpenApiExample("maand", value="2026-01")],
    ),
    OpenApiParameter(
        "to",
        str,
        description=f"Einde van de periode: {MONTH_OR_DATE} Een datum is de laatste van een maand.",
        examples=[OpenApiExample("maand", value="2026-06")],
    ),
    OpenApiParameter(
        "periodKey",
        str,
        description="Een kalenderperiode in plaats van from en to: 2026-03, 2026-Q1, 2026-H1 "
        "of 2026.",
    ),
    OpenApiParameter(
        "period",
        str,
        enum=list(P.API_NAMES.values()),
        description="Indeling van de periode voor een trend (maand, kwartaal, halfjaar, jaar); "
        "zonder: de periode als één cijfer.",
    ),
    OpenApiParameter(
        "compare",
        bool,
        description="true: ook de vorige periode en dezelfde periode een jaar eerder.",
    ),
    OpenApiParameter(
        "groupBy",
        str,
        enum=GROUP_BY_VALUES,
        description="Uitsplitsen naar een kenmerk; none: niet uitsplitsen; zonder: de eigen "
        "uitsplitsing van de indicator.",
    ),
    *[
        OpenApiParameter(
            name,
            str,
            description=f"Filter op {dim.label} (één waarde in API-spelling).",
        )
        for name, dim in dimensions.DIMENSIONS.items()
    ],
]
ERRORS = {
    404: OpenApiResponse(description="Onbekend team of onbekende indicator (problem+json)."),
    409: OpenApiResponse(description="DPIA nog niet vastgelegd (problem+json)."),
}


def invalid_query(error: InvalidQuery) -> Response:
    """400 problem+json naming the parameter, the form of every invalid input of the API."""
    body = problem(
        400,
        error.message,
        invalidParams=[{"name": error.param, "code": "invalid", "reason": error.message}],
    )
    return Response(body, status=400, content_type=PROBLEM_CONTENT_TYPE)


@extend_schema(tags=["Monitoring"])
class IndicatorViewSet(viewsets.GenericViewSet):
    """Definitions and values of the team's indicators (basisset and the region's own)."""

    personal_data = False
    serializer_class = IndicatorSerializer
    pagination_class = None
    lookup_url_kwarg = "code"

    @cached_property
    def team(self):
        query = TeamQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return require_team_or_404(
            self.request,
            capability=Cap.VIEW_AGGREGATES,
            purpose=PURPOSE,
            pk=query.validated_data["teamId"],
        )

    def definition(self):
        found = selectors.definition(self.team, self.kwargs["code"])
        if found is None:
            raise NotFound(_("Deze indicator bestaat niet in dit team."))
        return found

    @extend_schema(
        operation_id="listMonitoringIndicators",
        summary="Monitoring: indicatoren",
        description="De definities van de indicatoren van een team: de basisset van Passend en de "
        "eigen indicatoren van de regio, elk met code, versie, naam, wat/waarom/hoe en maat.",
        parameters=[TEAM_QUERY],
        responses={
            200: IndicatorSerializer(many=True),
            **ERRORS,
        },
        examples=[OpenApiExample("basisset", value=EXAMPLE_INDICATOR, response_only=True)],
    )
    def list(self, request, *args, **kwargs):
        closed = gate(self.team)
        if closed:
            return closed
        found = [indicator_data(d) for d in selectors.definitions(self.team)]
        return Response(IndicatorSerializer(found, many=True).data)

    @extend_schema(
        operation_id="getMonitoringIndicator",
        summary="Monitoring: indicator",
        description="De definitie van één indicator.",
        parameters=[TEAM_QUERY, CODE],
        responses={200: IndicatorSerializer, **ERRORS},
        examples=[OpenApiExample("basisset", value=EXAMPLE_INDICATOR, response_only=True)],
    )
    def retrieve(self, request, *args, **kwargs):
        closed = gate(self.team)
        if closed:
            return closed
        return Response(IndicatorSerializer(indicator_data(self.definition())).data)

    @extend_schema(
        operation_id="getMonitoringIndicatorValues",
        summary="Monitoring: cijfers van een indicator",
        description="De cijfers van een indicator voor een periode, eventueel per deel van de "
        "periode (period), met de vorige periode en een jaar eerder (compare), uitgesplitst "
        "(groupBy) en gefilterd (elk kenmerk als parameter). Elke cel is "
        '{"group", "value", "suppressed", "display"}: een aantal van 1 tot en met 4, en elke '
        "cel die een verborgen aantal zou verraden (totaal min delen, verschil tussen perioden, "
        "percentage), is verborgen: value null, display '<5'. Een beleidsadviseur telt alleen "
        "de toegekende gemeenten; een filter op een andere gemeente is een onbekende waarde.",
        parameters=[TEAM_QUERY, CODE, *QUERY_PARAMETERS],
        responses={
            200: IndicatorValuesSerializer,
            400: OpenApiResponse(description="Ongeldige parameter; invalidParams noemt hem."),
            **ERRORS,
        },
        examples=[OpenApiExample("per verwijzer", value=example_values(), response_only=True)],
    )
    def values(self, request, *args, **kwargs):
        closed = gate(self.team)
        if closed:
            return closed
        definition = self.definition()
        params = request.query_params.copy()
        params.pop("teamId", None)
        today = timezone.localdate()
        try:
            query = parse(params, today=today)
            table = selectors.table_for(request.user, self.team, definition, query, today=today)
        except InvalidQuery as error:
            return invalid_query(error)
        return Response(IndicatorValuesSerializer(values_data(table, query)).data)
