"""API of the analyse module: a case's timeline episodes, its flags and the analysis steps.

Only the case's team (VIEW_CASE_DATA) sees these, not the referrer; writes need WORK_ON_CASES.
Same services and refusals as the pages: 403 without the capability, 409 when the case is not
being worked on, 400 with invalidParams for invalid input.
"""

from django.utils import timezone
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, team_ids_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.cases.models import Casus
from passend.core.refusals import StateConflict as Conflict

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


API_NAMES = {"aanbod": "offer_id"}


def _raise(refusal: Exception):
    if isinstance(refusal, services.AnalysisInvalid):
        # The API calls the episode's offer offerId.
        errors = {API_NAMES.get(k, k): v for k, v in refusal.errors.items()}
        raise exceptions.ValidationError(errors) from refusal
    if getattr(refusal, "permission", False):
        raise exceptions.PermissionDenied(str(refusal)) from refusal
    raise Conflict(str(refusal)) from refusal


class CaseWorkAPIView(AuditedAPIView):
    """Resolves the case of the URL for the team (not the referrer); 404 + denied log."""

    audit_subject_type = "casus"
    what = ""

    @cached_property
    def casus(self) -> Casus:
        user = self.request.user
        cases = Casus.objects.select_related("team").filter(
            team__in=team_ids_with(user, Cap.VIEW_CASE_DATA), is_draft=False
        )
        return get_visible_or_404(
            self.request,
            cases,
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casus",
            purpose=self.audit_purpose,
            pk=self.kwargs["caseId"],
        )

    def audit_subject_id(self, obj) -> str:
        """The person behind a case's records is the case: log the case id."""
        return str(getattr(obj, "casus_id", obj.pk))

    def check_may_work(self) -> None:
        try:
            services.check_may_work_on(self.request.user, self.casus, self.what)
        except services.AnalysisRefused as refusal:
            _raise(refusal)


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
    retrieve=extend_schema(summary="Periode van hulp", parameters=[EPISODE_ID]),
    partial_update=extend_schema(
        summary="Periode van hulp wijzigen",
        description="Wijzigt de opgegeven velden; de rest blijft.",
        parameters=[EPISODE_ID],
    ),
    destroy=extend_schema(summary="Periode van hulp verwijderen", parameters=[EPISODE_ID]),
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
    what = "de tijdlijn"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return TijdlijnEpisode.objects.none()
        return selectors.episodes_for(self.casus)

    def list(self, request, *args, **kwargs):
        self.audit(self.casus)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        episode = get_visible_or_404(
            self.request,
            self.get_queryset(),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="tijdlijnepisode",
            purpose=self.audit_purpose,
            pk=self.kwargs["episodeId"],
        )
        if self.request.method == "GET":
            self.audit(episode)
        return episode

    def create(self, request, *args, **kwargs):
        self.check_may_work()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            episode = services.add_episode(
                self.casus, actor=request.user, request=request, **serializer.validated_data
            )
        except (services.AnalysisRefused, services.AnalysisInvalid) as refusal:
            _raise(refusal)
        return Response(self.get_serializer(episode).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        episode = self.get_object()
        self.check_may_work()
        serializer = self.get_serializer(episode, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            episode = services.update_episode(
                episode, actor=request.user, request=request, **serializer.validated_data
            )
        except (services.AnalysisRefused, services.AnalysisInvalid) as refusal:
            _raise(refusal)
        return Response(self.get_serializer(episode).data)

    def destroy(self, request, *args, **kwargs):
        episode = self.get_object()
        self.check_may_work()
        try:
            services.delete_episode(episode, actor=request.user, request=request)
        except services.AnalysisRefused as refusal:
            _raise(refusal)
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
    what = "de verklarende analyse"

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
        try:
            version = services.write_step(
                self.casus, actor=request.user, request=request, **serializer.validated_data
            )
        except (services.AnalysisRefused, services.AnalysisInvalid) as refusal:
            _raise(refusal)
        return Response(AnalysisStepVersionSerializer(version).data, status=status.HTTP_201_CREATED)
