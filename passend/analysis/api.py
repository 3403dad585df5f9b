"""API of the analyse module: a case's timeline episodes, its flags and the analysis steps.

Only the case's team (VIEW_CASE_DATA) sees these, not the referrer; writes need WORK_ON_CASES.
The case comes from the one case scope (``cases.scoping``); the services decide and refuse
(``core.refusals``, mapped once to problem+json): 403 without the right, 409 when the case is
not being worked on or its consent is missing, 400 with invalidParams for invalid input.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from passend.cases.scoping import CaseScopeAPIMixin

from . import selectors, services
from .models import TijdlijnEpisode
from .serializers import (
    AnalysisStepSerializer,
    AnalysisStepVersionSerializer,
    TimelineEpisodeSerializer,
    TimelineFlagsSerializer,
)

CASE_ID = OpenApiParameter("caseId", int, OpenApiParameter.PATH, description="Id van de casus.")
EPISODE_ID = OpenApiParameter(
    "episodeId", int, OpenApiParameter.PATH, description="Id van de periode van hulp."
)


class CaseWorkAPIView(CaseScopeAPIMixin):
    """The case of the URL for its team (not the referrer); the service's names as the API's."""

    api_field_names = {"aanbod": "offer_id"}  # the API calls the episode's offer offerId
    what = services.TIMELINE

    def check_may_work(self) -> None:
        """Refuse a write before its input is read (the service checks again)."""
        services.check_may_work(self.casus, actor=self.request.user, what=self.what)


@extend_schema(tags=["Analyse"], parameters=[CASE_ID])
@extend_schema_view(
    list=extend_schema(
        summary="Tijdlijn van een casus",
        description="De periodes van hulp (hulpgeschiedenis) van de casus, oudste eerst.",
    ),
    create=extend_schema(
        summary="Periode van hulp toevoegen",
        description="Voegt een periode van hulp toe aan de tijdlijn (recht: werken aan casussen).",
    ),
    retrieve=extend_schema(
        summary="Periode van hulp",
        description="Eén periode van hulp uit de tijdlijn.",
        parameters=[EPISODE_ID],
    ),
    partial_update=extend_schema(
        summary="Periode van hulp wijzigen",
        description="Wijzigt de opgegeven velden; de rest blijft.",
        parameters=[EPISODE_ID],
    ),
    destroy=extend_schema(
        summary="Periode van hulp verwijderen",
        description="Verwijdert de periode uit de tijdlijn (recht: werken aan casussen).",
        parameters=[EPISODE_ID],
    ),
)
class EpisodeViewSet(
    CaseWorkAPIView,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = TimelineEpisodeSerializer
    audit_purpose = "tijdlijn bekijken"
    lookup_url_kwarg = "episodeId"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return TijdlijnEpisode.objects.none()
        return selectors.episodes_for(self.casus)

    def list(self, request, *args, **kwargs):
        self.audit(self.casus)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        episode = self.case_child(
            selectors.episodes_for(self.casus), subject_type="tijdlijnepisode", kwarg="episodeId"
        )
        if self.request.method == "GET":
            self.audit(episode)  # a write is logged by its service
        return episode

    def create(self, request, *args, **kwargs):
        self.check_may_work()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        episode = services.episode_add(
            self.casus, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(self.get_serializer(episode).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        episode = self.get_object()
        self.check_may_work()
        serializer = self.get_serializer(episode, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        episode = services.episode_update(
            episode, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(self.get_serializer(episode).data)

    def destroy(self, request, *args, **kwargs):
        episode = self.get_object()
        self.check_may_work()
        services.episode_delete(episode, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["Analyse"], parameters=[CASE_ID])
class TimelineFlagsViewSet(CaseWorkAPIView, viewsets.GenericViewSet):
    serializer_class = TimelineFlagsSerializer
    audit_purpose = "tijdlijn bekijken"
    pagination_class = None

    @extend_schema(
        summary="Signalen uit de tijdlijn",
        description=(
            "Wat opvalt in de hulpgeschiedenis: dezelfde aanbieder of vorm van hulp 3 keer of "
            "vaker, plaatsingen en wisselingen van verblijfplek, periodes zonder hulp."
        ),
    )
    def retrieve(self, request, *args, **kwargs):
        casus = self.casus
        flags = selectors.timeline_flags(selectors.episodes_for(casus), timezone.localdate())
        self.audit(casus)
        return Response(TimelineFlagsSerializer(TimelineFlagsSerializer.from_flags(flags)).data)


@extend_schema(tags=["Analyse"], parameters=[CASE_ID])
class AnalysisStepViewSet(CaseWorkAPIView, viewsets.GenericViewSet):
    serializer_class = AnalysisStepVersionSerializer
    audit_purpose = "verklarende analyse bekijken"
    pagination_class = None
    what = services.ANALYSIS

    @extend_schema(
        summary="Verklarende analyse",
        description="De drie stappen, elk met de laatste versie en de eerdere versies.",
        responses=AnalysisStepSerializer(many=True),
    )
    def list(self, request, *args, **kwargs):
        casus = self.casus
        steps = selectors.latest_steps(casus)
        self.audit(casus)
        return Response(AnalysisStepSerializer(steps, many=True).data)

    @extend_schema(
        summary="Stap van de verklarende analyse vastleggen",
        description="Slaat een nieuwe versie van een stap op; eerdere versies blijven bewaard.",
        request=AnalysisStepVersionSerializer,
        responses={201: AnalysisStepVersionSerializer},
    )
    def create(self, request, *args, **kwargs):
        self.check_may_work()
        serializer = AnalysisStepVersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.step_write(
            self.casus, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(AnalysisStepVersionSerializer(version).data, status=status.HTTP_201_CREATED)
