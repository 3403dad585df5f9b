"""The team's case work on /cases/{caseId}: perspectief, case-direction, status changes and
closure. The same services and refusals as the pages; a PATCH changes only the fields sent
(a serializer with ``partial=True``: a body that is no JSON object is a 400)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from .. import services
from ..models import Casus
from ..scoping import OWNER, CaseScopeAPIMixin
from ..serializers.case import TransitionRequestSerializer, TransitionSerializer
from ..serializers.casework import (
    CaseDirectionSerializer,
    ClosureSerializer,
    PerspectiveSerializer,
)
from .params import CASE_ID

PERSPECTIVE_FIELDS = ("youth_wish", "youth_struggle", "family_wish")
DIRECTION_FIELDS = ("consultation_type", "placed_by", "in_closed_youth_care", "wlz_transition")


class CaseWorkViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    """Facts of the case itself: shown to whoever sees the case, written by the team."""

    case_audience = OWNER
    audit_purpose = "casus bekijken"
    fields: tuple[str, ...] = ()

    def get_queryset(self):
        return Casus.objects.none()  # the case comes from the case scope

    def retrieve(self, request, caseId=None):
        self.audit(self.casus)
        return Response(self.get_serializer(self.casus).data)

    def partial_update(self, request, caseId=None):
        casus = self.casus
        serializer = self.get_serializer(casus, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        current = {name: getattr(casus, name) or "" for name in self.fields}
        self.save(casus, **{**current, **serializer.validated_data})
        self.audit(casus)
        return Response(self.get_serializer(casus).data)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class PerspectiveViewSet(CaseWorkViewSet):
    serializer_class = PerspectiveSerializer
    fields = PERSPECTIVE_FIELDS
    check_write = staticmethod(services.check_may_work_on_case)

    def save(self, casus, **data):
        services.save_perspective(casus, actor=self.request.user, request=self.request, **data)

    @extend_schema(
        summary="Perspectief",
        description="De eigen woorden van de jeugdige en de veranderwens van het gezin.",
    )
    def retrieve(self, request, caseId=None):
        return super().retrieve(request, caseId)

    @extend_schema(
        summary="Perspectief vastleggen",
        description="Alleen teamleden die aan de casus werken.",
    )
    def partial_update(self, request, caseId=None):
        return super().partial_update(request, caseId)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class CaseDirectionViewSet(CaseWorkViewSet):
    serializer_class = CaseDirectionSerializer
    fields = DIRECTION_FIELDS
    check_write = staticmethod(services.check_may_work_on_case)

    def save(self, casus, **data):
        data["in_closed_youth_care"] = bool(data["in_closed_youth_care"])
        data["wlz_transition"] = bool(data["wlz_transition"])
        services.save_case_direction(casus, actor=self.request.user, request=self.request, **data)

    @extend_schema(
        summary="Traject en casusregie",
        description="Soort traject en de gegevens achter de casusregie en de 16+-signalen.",
    )
    def retrieve(self, request, caseId=None):
        return super().retrieve(request, caseId)

    @extend_schema(
        summary="Traject en casusregie wijzigen",
        description="Alleen teamleden die aan de casus werken.",
    )
    def partial_update(self, request, caseId=None):
        return super().partial_update(request, caseId)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class TransitionViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    serializer_class = TransitionRequestSerializer
    case_audience = OWNER
    audit_purpose = "casus bekijken"
    api_field_names = {"to": "to_state"}
    check_write = staticmethod(services.check_may_move)

    def get_queryset(self):
        return Casus.objects.none()

    @extend_schema(
        summary="Status wijzigen",
        description=(
            "Zet de casus een stap verder volgens de statustabel. "
            "Een geweigerde stap geeft 409 met de reden."
        ),
        request=TransitionRequestSerializer,
        responses={201: TransitionSerializer},
    )
    def create(self, request, caseId=None):
        casus = self.casus  # the case first: out of scope is 404, whatever the body
        serializer = TransitionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = services.transition(
            casus,
            to=data["to_state"],
            actor=request.user,
            reason=data.get("reason", ""),
            redirected_to=data.get("redirected_to", ""),
            request=request,
        )
        self.audit(casus)
        return Response(TransitionSerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class ClosureViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    serializer_class = ClosureSerializer
    case_audience = OWNER
    audit_purpose = "casus bekijken"
    check_write = staticmethod(services.check_may_close)

    def get_queryset(self):
        return Casus.objects.none()

    @extend_schema(
        summary="Casus afsluiten",
        description=(
            "Sluit de casus af met de uitkomst; 'passende plek' vraagt de datum, 'overig' een "
            "reden. De woonsituatie bij afsluiten is altijd verplicht, de plaatsingsroute bij "
            "'passende plek' en 'crisisplaatsing' (codes; een onbekende code geeft 400). Open "
            "acties vervallen of gaan naar een teamlid (openActions, newOwner), "
            "onbeantwoorde vragen om toelichting worden ingetrokken (withdrawClarifications); "
            "zonder die keuze, of bij een andere geweigerde stap, 409 met de reden."
        ),
        request=ClosureSerializer,
        responses={201: TransitionSerializer},
    )
    def create(self, request, caseId=None):
        casus = self.casus  # the case first: out of scope is 404, whatever the body
        serializer = ClosureSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = services.close_case(
            casus,
            actor=request.user,
            outcome=data["outcome"],
            fitting_place_on=data.get("fitting_place_on"),
            reason=data.get("reason", ""),
            living_situation_at_closure=data.get("living_situation_at_closure", ""),
            placement_route=data.get("placement_route", ""),
            open_actions=data.get("open_actions", ""),
            new_owner=data.get("new_owner"),
            withdraw_clarifications=data.get("withdraw_clarifications", False),
            request=request,
        )
        self.audit(casus)
        return Response(TransitionSerializer(entry).data, status=status.HTTP_201_CREATED)
