"""Search API of the sociale kaart: organisations and offers of a team's region, with the same
search, ranking, reasons and waiting-time freshness as the search page."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import deny_404, require_team_or_404, teams_with
from passend.accounts.roles import Cap
from passend.regions.models import Organisation, Team

from .. import selectors
from ..models import Aanbod, Locatie
from ..search import Criteria
from ..serializers.search import (
    DetailQuerySerializer,
    MapOfferDetailSerializer,
    MapOfferSerializer,
    MapOrganisationSerializer,
    OfferQuerySerializer,
    TeamQuerySerializer,
)

TAGS = ["Sociale kaart"]
PURPOSE = "sociale kaart raadplegen"


class SocialMapAPIMixin:
    personal_data = False

    def team_from(self, team_id) -> Team:
        return require_team_or_404(
            self.request, capability=Cap.VIEW_SOCIAL_MAP, purpose=PURPOSE, pk=team_id
        )

    def detail_teams(self) -> list[Team]:
        """The team given, or all the user's map teams, strictest stale setting first."""
        query = DetailQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        if "teamId" in query.validated_data:
            return [self.team_from(query.validated_data["teamId"])]
        teams = teams_with(self.request.user, Cap.VIEW_SOCIAL_MAP).select_related("region")
        return list(teams.order_by("waiting_time_stale_weeks", "pk"))

    def refuse(self, subject_type: str, subject_id, teams):
        """Not on the map of the team(s) asked for: 404 and one denied entry (on the team,
        when one was asked for or the user has only one)."""
        deny_404(
            self.request,
            subject_type=subject_type,
            subject_id=subject_id,
            purpose=PURPOSE,
            team=teams[0] if len(teams) == 1 else None,
        )


def _organisation_queryset(qs):
    return qs.select_related("profiel").prefetch_related(
        "profiel__expertise",
        "profiel__contracted_by",
        Prefetch("locaties", queryset=Locatie.objects.select_related("gemeente")),
        Prefetch("aanbod", queryset=Aanbod.objects.order_by("name", "pk")),
    )


@extend_schema(tags=TAGS)
class OrganisationViewSet(
    SocialMapAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = MapOrganisationSerializer

    def get_queryset(self):  # pragma: no cover - schema generation only
        return Organisation.objects.none()

    @extend_schema(
        summary="Organisaties op de sociale kaart",
        description="Aanbieders en andere organisaties op de sociale kaart van de jeugdregio "
        "van het team, met profiel, locaties en aanbod.",
        parameters=[TeamQuerySerializer],
    )
    def list(self, request, *args, **kwargs):
        query = TeamQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        team = self.team_from(query.validated_data["teamId"])
        qs = _organisation_queryset(selectors.organisations_for(request.user, team))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Organisatie op de sociale kaart",
        description="Eén organisatie met profiel, locaties en aanbod.",
        parameters=[
            DetailQuerySerializer,
            OpenApiParameter("organisationId", int, OpenApiParameter.PATH),
        ],
    )
    def retrieve(self, request, *args, **kwargs):
        pk = self.kwargs["organisationId"]
        teams = self.detail_teams()
        for team in teams:
            found = _organisation_queryset(selectors.organisations_for(request.user, team))
            organisation = found.filter(pk=pk).first()
            if organisation is not None:
                return self.response(organisation)
        self.refuse("organisatie", pk, teams)

    def response(self, organisation):
        return Response(self.get_serializer(organisation).data)


@extend_schema(tags=TAGS)
class OfferViewSet(
    SocialMapAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = MapOfferSerializer

    def get_queryset(self):  # pragma: no cover - schema generation only
        return Aanbod.objects.none()

    def get_serializer_class(self):
        return MapOfferDetailSerializer if self.action == "retrieve" else MapOfferSerializer

    @extend_schema(
        summary="Aanbod zoeken",
        description="Zoekt aanbod op de sociale kaart zoals de zoekpagina: op hulpvraag, "
        "aandachtspunten, leeftijd, gemeente, maximale wachttijd en verblijf. Best passend "
        "eerst, met de redenen en de wachttijden; een verouderde wachttijd heeft "
        "outdated=true en telt nooit mee voor maxWeeks.",
        parameters=[OfferQuerySerializer],
    )
    def list(self, request, *args, **kwargs):
        # The codes are those of the team's region: the serializer asks for the team.
        query = OfferQuerySerializer(
            data=request.query_params, context={"team_from": self.team_from}
        )
        query.is_valid(raise_exception=True)
        params = query.validated_data
        team = self.team_from(params["teamId"])
        gemeente = params.get("gemeenteId")
        if gemeente is not None and not team.region.gemeenten.filter(pk=gemeente).exists():
            raise exceptions.ValidationError(
                {"gemeenteId": [_("Deze gemeente hoort niet bij de jeugdregio van het team.")]}
            )
        criteria = Criteria(
            hulpvragen=tuple(params.get("needs", ())),
            aandachtspunten=tuple(params.get("attention", ())),
            productcategorie=params.get("productcategorie", ""),
            hulpvorm=params.get("hulpvorm", ""),
            age=params.get("age"),
            gemeente=gemeente,
            max_weeks=params.get("maxWeeks"),
            with_stay=params.get("withStay"),
            voorliggend_veld=params.get("voorliggendVeld", False),
            text=params.get("q", "").strip(),
        )
        results = selectors.search(request.user, team, criteria, timezone.localdate())
        page = self.paginate_queryset(results)
        # Only the page's offers get their lists (the search itself reads them flat).
        prefetch_related_objects(
            [r.offer for r in page], "hulpvragen", "aandachtspunten", "gemeenten"
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Aanbod",
        description="Eén aanbod met alle actuele wachttijden per locatie en hun actualiteit.",
        parameters=[DetailQuerySerializer, OpenApiParameter("offerId", int, OpenApiParameter.PATH)],
    )
    def retrieve(self, request, *args, **kwargs):
        pk = self.kwargs["offerId"]
        teams = self.detail_teams()
        for team in teams:
            offer = selectors.offer_detail_queryset(request.user, team).filter(pk=pk).first()
            if offer is not None:
                result = selectors.results_for_offers([offer], team, timezone.localdate())[0]
                return Response(self.get_serializer(result).data)
        self.refuse("aanbod", pk, teams)
