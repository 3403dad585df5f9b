"""Attachments of a case: list, upload (checked on content), download. An attachment id of
another case is 404 with one denied entry naming the attachment."""

from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from passend.core.api.renderers import PdfRenderer

from .. import attachments
from ..models import Bijlage
from ..scoping import OWNER, CaseScopeAPIMixin
from ..serializers.attachments import AttachmentSerializer
from .params import ATTACHMENT_ID, CASE_ID


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class AttachmentViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None  # the list is the case's attachments, unpaginated
    case_audience = OWNER
    audit_purpose = "casus bekijken"
    check_write = staticmethod(attachments.check_may_add)

    def get_queryset(self):
        return Bijlage.objects.none()  # the attachments of the case of the URL, below

    @extend_schema(
        summary="Bijlagen",
        description="De bijlagen van de casus: naam, omschrijving, soort en grootte.",
        responses=AttachmentSerializer(many=True),
    )
    def list(self, request, caseId=None):
        casus = self.casus
        self.audit(casus)
        return Response(AttachmentSerializer(casus.bijlagen.all(), many=True).data)

    @extend_schema(
        summary="Bijlage toevoegen",
        description="Upload (multipart/form-data); het soort bestand wordt aan de inhoud getoetst.",
        request={"multipart/form-data": AttachmentSerializer},
        responses={201: AttachmentSerializer},
    )
    def create(self, request, caseId=None):
        casus = self.casus  # the case first: out of scope is 404, whatever the body
        serializer = AttachmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = attachments.add(
            casus,
            file=serializer.validated_data["file"],
            actor=request.user,
            description=serializer.validated_data.get("description") or "",
            request=request,
        )
        self.audit(casus)
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID, ATTACHMENT_ID])
class AttachmentDownloadViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    renderer_classes = [CamelCaseJSONRenderer, PdfRenderer]
    case_audience = OWNER
    audit_purpose = "bijlage downloaden"
    audit_action = "export"

    def get_queryset(self):
        return Bijlage.objects.none()

    @extend_schema(
        summary="Bijlage downloaden",
        description="Het bestand zelf; de naam volgt het soort bestand. Wordt gelogd.",
        responses={(200, content_type): bytes for content_type in attachments.ALLOWED_TYPES},
    )
    def retrieve(self, request, caseId=None, attachmentId=None):
        attachment = self.case_child(
            Bijlage.objects.all(), subject_type="bijlage", kwarg="attachmentId"
        )
        self.audit(self.casus)
        return attachments.download_response(attachment)
