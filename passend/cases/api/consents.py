"""Consents of a case and its printable consent form. The right to record or withdraw a
consent is the service's (``may_edit_registration``); refusals are mapped once."""

from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from passend.core.api.renderers import PdfRenderer

from .. import services
from ..models import Toestemming
from ..pdf import consent_form_response
from ..scoping import OWNER, CaseScopeAPIMixin
from ..serializers.consents import ConsentSerializer, WithdrawalSerializer
from .params import CASE_ID, CONSENT_ID


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class ConsentViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    serializer_class = ConsentSerializer
    pagination_class = None  # the list is the case's consents, unpaginated
    case_audience = OWNER
    audit_purpose = "casus bekijken"
    api_field_names = {"ouder": "parent"}
    check_write = staticmethod(services.check_may_edit_registration)

    def get_queryset(self):
        return Toestemming.objects.none()  # the consents of the case of the URL, below

    @extend_schema(
        summary="Toestemmingen",
        description="Toestemmingen van de casus.",
        responses=ConsentSerializer(many=True),
    )
    def list(self, request, caseId=None):
        casus = self.casus
        self.audit(casus)
        return Response(ConsentSerializer(casus.consents.select_related("ouder"), many=True).data)

    @extend_schema(
        summary="Toestemming vastleggen",
        description="Legt een toestemming vast van de jeugdige (parent leeg) of een ouder.",
        request=ConsentSerializer,
        responses={201: ConsentSerializer},
    )
    def create(self, request, caseId=None):
        casus = self.casus
        serializer = ConsentSerializer(data=request.data, casus=casus)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consent = services.record_consent(
            casus, actor=request.user, request=request, ouder=data.pop("ouder", None), **data
        )
        self.audit(casus)
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Toestemming intrekken",
        description="Legt vast vanaf welke dag de toestemming niet meer geldt.",
        request=WithdrawalSerializer,
        responses=ConsentSerializer,
        parameters=[CONSENT_ID],
    )
    def partial_update(self, request, caseId=None, consentId=None):
        consent = self.case_child(
            Toestemming.objects.all(), subject_type="toestemming", kwarg="consentId"
        )
        serializer = WithdrawalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consent = services.withdraw_consent(
            consent,
            actor=request.user,
            withdrawn_on=serializer.validated_data["withdrawn_on"],
            request=request,
        )
        self.audit(consent)
        return Response(ConsentSerializer(consent).data)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class ConsentFormViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    renderer_classes = [CamelCaseJSONRenderer, PdfRenderer]
    case_audience = OWNER
    audit_purpose = "toestemmingsformulier afdrukken"
    audit_action = "print"

    def get_queryset(self):
        return Toestemming.objects.none()

    @extend_schema(
        summary="Toestemmingsformulier (PDF)",
        description="Vooraf ingevuld toestemmingsformulier om af te drukken en te laten tekenen.",
        responses={(200, "application/pdf"): bytes},
    )
    def retrieve(self, request, caseId=None):
        self.audit(self.casus)  # logged only when the PDF is made (a 503 is not)
        return consent_form_response(self.casus)
