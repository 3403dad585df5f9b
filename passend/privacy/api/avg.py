"""The AVG rights of a case in the API: the export of one person (JSON, or PDF with
``Accept: application/pdf``), erasure on request (or its refusal on a ground), and the
history of requests. For the voorzitter and the beheerder only; refusals are mapped once
(problem+json: 400 with invalidParams, 403, 409)."""

from __future__ import annotations

from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from passend.cases.api.params import CASE_ID
from passend.cases.scoping import PRIVACY, CaseScopeAPIMixin
from passend.core.api.renderers import PdfRenderer

from .. import avg
from ..avg_pdf import export_pdf_response
from ..models import AvgVerzoek


class ExportQuerySerializer(serializers.Serializer):
    person = serializers.CharField(
        max_length=20, help_text="Betrokkene: 'jeugdige' of 'ouder:<id>' (id van de ouder)."
    )


class ErasureSerializer(serializers.Serializer):
    person = serializers.CharField(
        max_length=20, help_text="Betrokkene: 'jeugdige' of 'ouder:<id>' (id van de ouder)."
    )
    refusal_ground = serializers.ChoiceField(
        choices=avg.Weigeringsgrond.choices,
        required=False,
        allow_blank=True,
        help_text="Leeg: het verzoek uitvoeren. Anders de grond waarop het wordt geweigerd.",
    )
    explanation = serializers.CharField(
        required=False, allow_blank=True, help_text="Toelichting; verplicht bij een weigering."
    )
    received_on = serializers.DateField(
        required=False, help_text="Datum waarop het verzoek binnenkwam (standaard vandaag)."
    )


class AvgVerzoekSerializer(serializers.ModelSerializer):
    class Meta:
        model = AvgVerzoek
        fields = [
            "id",
            "person",
            "kind",
            "received_on",
            "status",
            "refusal_ground",
            "refusal_explanation",
            "handled_at",
        ]


class _Avg(CaseScopeAPIMixin, viewsets.GenericViewSet):
    case_audience = PRIVACY
    audit_purpose = "AVG-verzoek afhandelen"
    check_write = staticmethod(avg.check_may_handle)
    api_field_names = {"refuse_ground": "refusal_ground"}

    def get_queryset(self):
        return AvgVerzoek.objects.none()


@extend_schema(tags=["AVG"], parameters=[CASE_ID])
class AvgExportViewSet(_Avg):
    """GET /cases/{caseId}/data-export?person=…: everything held about one person."""

    renderer_classes = [CamelCaseJSONRenderer, PdfRenderer]
    audit_purpose = "AVG-inzage"

    @extend_schema(
        summary="AVG-inzage van een betrokkene",
        description=(
            "Alle gegevens over de jeugdige of een ouder (art. 15 AVG), met wie het dossier "
            "inzag. JSON, of een leesbare PDF met `Accept: application/pdf`. Wordt vastgelegd "
            "als AVG-verzoek en in het toegangslog (export, doel AVG-inzage)."
        ),
        parameters=[ExportQuerySerializer],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "application/pdf"): bytes},
    )
    def retrieve(self, request, caseId=None):
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = avg.export_person(
            self.casus, person=query.validated_data["person"], actor=request.user, request=request
        )
        if getattr(request.accepted_renderer, "format", "") == "pdf":
            return export_pdf_response(data)
        return Response(data)


@extend_schema(tags=["AVG"], parameters=[CASE_ID])
class AvgErasureViewSet(_Avg):
    """POST /cases/{caseId}/erasure-requests: erase one person's data, or record the refusal."""

    audit_purpose = "AVG-verwijdering"

    @extend_schema(
        summary="AVG-verwijderverzoek afhandelen",
        description=(
            "Zonder weigeringsgrond: de gegevens verwijderen (de jeugdige: de hele casus "
            "geanonimiseerd zoals bij de bewaartermijn; een ouder: die ouder en diens "
            "toestemmingen). Alleen bij een afgesloten casus (anders 409). Met een "
            "weigeringsgrond en toelichting: de weigering vastleggen."
        ),
        request=ErasureSerializer,
        responses={201: AvgVerzoekSerializer},
    )
    def create(self, request, caseId=None):
        body = ErasureSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        verzoek = avg.erase_person(
            self.casus,
            person=data["person"],
            actor=request.user,
            request=request,
            refuse_ground=data.get("refusal_ground", ""),
            explanation=data.get("explanation", ""),
            received_on=data.get("received_on"),
        )
        return Response(AvgVerzoekSerializer(verzoek).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["AVG"], parameters=[CASE_ID])
class AvgRequestViewSet(_Avg):
    """GET /cases/{caseId}/avg-requests: the AVG requests of the case and their handling."""

    pagination_class = None  # the requests of one case, few

    @extend_schema(
        summary="AVG-verzoeken van de casus",
        description="Inzage- en verwijderverzoeken van de casus en hoe ze zijn afgehandeld.",
        responses=AvgVerzoekSerializer(many=True),
    )
    def list(self, request, caseId=None):
        casus = self.casus
        self.audit(casus)
        return Response(AvgVerzoekSerializer(avg.requests_of(casus), many=True).data)
