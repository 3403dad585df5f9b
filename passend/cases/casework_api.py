"""API for the case work on a case itself: perspectief, casusregie facts, closure.

Mixed into CaseViewSet; the same services and refusals as the pages.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from . import services
from .codes import ClosureOutcome, ConsultationType
from .serializers import TransitionSerializer
from .workflow import closure_problems


class PerspectiveSerializer(serializers.Serializer):
    youth_wish = serializers.CharField(
        allow_blank=True, max_length=4000, help_text="Wat wil je? (woorden van de jeugdige)"
    )
    youth_struggle = serializers.CharField(
        allow_blank=True, max_length=4000, help_text="Waar loop je tegenaan?"
    )
    family_wish = serializers.CharField(
        allow_blank=True, max_length=4000, help_text="Veranderwens van het gezin."
    )
    perspective_updated_at = serializers.DateTimeField(read_only=True)


class CaseDirectionSerializer(serializers.Serializer):
    consultation_type = serializers.ChoiceField(
        choices=[("", "nog niet gekozen"), *ConsultationType.choices],
        allow_blank=True,
        help_text="Consultatie (traject) of advies (eenmalig).",
    )
    placed_by = serializers.CharField(
        allow_blank=True, max_length=200, help_text="Plaatsende instantie, als geplaatst."
    )
    in_closed_youth_care = serializers.BooleanField(help_text="Verblijft in gesloten jeugdhulp.")
    wlz_transition = serializers.BooleanField(help_text="Overgang Jeugdwet–Wlz speelt.")


class ClosureSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ClosureOutcome.choices, help_text="Uitkomst.")
    fitting_place_on = serializers.DateField(
        required=False, allow_null=True, help_text="Passende plek bereikt op (bij passende plek)."
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Toelichting (bij overig)."
    )

    def validate(self, attrs):
        problems = closure_problems(
            attrs["outcome"], attrs.get("fitting_place_on"), attrs.get("reason", "")
        )
        if problems:
            raise serializers.ValidationError(problems)
        return attrs


class CaseWorkActions:
    """Actions on /cases/{id}: perspective, case-direction, closures."""

    @extend_schema(
        methods=["get"],
        summary="Perspectief",
        description="De eigen woorden van de jeugdige en de veranderwens van het gezin.",
        responses=PerspectiveSerializer,
    )
    @extend_schema(
        methods=["patch"],
        summary="Perspectief vastleggen",
        description="Alleen teamleden die aan de casus werken.",
        request=PerspectiveSerializer,
        responses=PerspectiveSerializer,
    )
    @action(detail=True, methods=["get", "patch"])
    def perspective(self, request, pk=None):
        casus = self.get_object()
        if request.method == "PATCH":
            current = {
                name: getattr(casus, name) or ""
                for name in ("youth_wish", "youth_struggle", "family_wish")
            }
            # PATCH: fields left out keep their value (request data is snake_case once parsed).
            serializer = PerspectiveSerializer(data={**current, **request.data})
            serializer.is_valid(raise_exception=True)
            data = {k: v for k, v in serializer.validated_data.items() if k in current}
            try:
                services.save_perspective(casus, actor=request.user, request=request, **data)
            except services.TransitionError as refusal:
                raise exceptions.PermissionDenied(str(refusal)) from refusal
        return Response(PerspectiveSerializer(casus).data)

    @extend_schema(
        methods=["get"],
        summary="Traject en casusregie",
        description="Soort traject en de gegevens achter de casusregie en de 16+-signalen.",
        responses=CaseDirectionSerializer,
    )
    @extend_schema(
        methods=["patch"],
        summary="Traject en casusregie wijzigen",
        request=CaseDirectionSerializer,
        responses=CaseDirectionSerializer,
    )
    @action(detail=True, methods=["get", "patch"], url_path="case-direction")
    def case_direction(self, request, pk=None):
        casus = self.get_object()
        if request.method == "PATCH":
            current = {
                "consultation_type": casus.consultation_type,
                "placed_by": casus.placed_by,
                "in_closed_youth_care": casus.in_closed_youth_care,
                "wlz_transition": casus.wlz_transition,
            }
            serializer = CaseDirectionSerializer(data={**current, **request.data})
            serializer.is_valid(raise_exception=True)
            try:
                services.save_case_direction(
                    casus, actor=request.user, request=request, **serializer.validated_data
                )
            except services.TransitionError as refusal:
                raise exceptions.PermissionDenied(str(refusal)) from refusal
        return Response(CaseDirectionSerializer(casus).data)

    @extend_schema(
        summary="Casus afsluiten",
        description=(
            "Sluit de casus af met de uitkomst; 'passende plek' vraagt de datum, 'overig' een "
            "reden. Een geweigerde stap geeft 409 met de reden."
        ),
        request=ClosureSerializer,
        responses={201: TransitionSerializer},
    )
    @action(detail=True, methods=["post"])
    def closures(self, request, pk=None):
        from .api import Conflict

        casus = self.get_object()
        serializer = ClosureSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            entry = services.close_case(
                casus,
                actor=request.user,
                outcome=data["outcome"],
                fitting_place_on=data.get("fitting_place_on"),
                reason=data.get("reason", ""),
                request=request,
            )
        except services.TransitionError as refusal:
            raise Conflict(str(refusal)) from refusal
        return Response(TransitionSerializer(entry).data, status=status.HTTP_201_CREATED)
