from django.utils.functional import cached_property
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, has_capability, team_ids_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.audit.serializers import AccessLogEntrySerializer
from passend.audit.services import log_denied
from passend.core.api.renderers import PdfRenderer
from passend.regions.models import Team

from . import attachments, selectors, services
from .casework_api import CaseWorkActions
from .codes import CaseState, ReferrerType
from .models import Casus, Ouder
from .serializers import (
    AttachmentSerializer,
    CaseSerializer,
    ConsentSerializer,
    TransitionRequestSerializer,
    TransitionSerializer,
    WithdrawalSerializer,
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Deze handeling past niet bij de huidige status."


class CaseQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(required=False, min_value=1, help_text="Expertteam.")
    state = serializers.ChoiceField(required=False, choices=CaseState.choices, help_text="Status.")
    gemeenteId = serializers.IntegerField(required=False, min_value=1, help_text="Woongemeente.")
    referrerType = serializers.ChoiceField(
        required=False, choices=ReferrerType.choices, help_text="Soort verwijzer (COD327)."
    )
    ageGroup = serializers.ChoiceField(
        required=False, choices=list(selectors.AGE_GROUPS), help_text="Leeftijdsgroep."
    )
    mine = serializers.BooleanField(
        required=False, help_text="Alleen casussen waar ik bij betrokken ben."
    )
    waitingDays = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=3650,
        help_text="Wacht langer dan N dagen op screening.",
    )
    name = serializers.CharField(required=False, max_length=100, help_text="Naam van de jeugdige.")


@extend_schema(tags=["Casussen"])
@extend_schema_view(
    list=extend_schema(
        summary="Casussen",
        description="Casussen waar u toegang toe heeft (need-to-know).",
        parameters=[CaseQuerySerializer],
    ),
    create=extend_schema(
        summary="Casus aanmelden", description="Meldt een casus aan bij een expertteam."
    ),
    retrieve=extend_schema(
        summary="Casus", description="Eén casus met jeugdige, ouders en aanmelding."
    ),
    partial_update=extend_schema(
        summary="Aanmelding wijzigen",
        description="De aanmelder tot de screening; de screener zolang de casus open is.",
    ),
)
class CaseViewSet(
    CaseWorkActions,
    AuditedAPIView,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CaseSerializer
    audit_subject_type = "casus"
    audit_purpose = "casus bekijken"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Casus.objects.none()
        return selectors.case_detail_queryset(self.request.user)

    def list(self, request, *args, **kwargs):
        query = CaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        team_ids = None
        if "teamId" in params:
            allowed = set(team_ids_with(request.user, Cap.VIEW_CASE_DATA))
            allowed |= set(team_ids_with(request.user, Cap.VIEW_OWN_CASES))
            if params["teamId"] not in allowed:
                log_denied(
                    request,
                    subject_type="casus",
                    subject_id="lijst",
                    purpose="casuslijst",
                    team=Team.objects.filter(pk=params["teamId"]).first(),
                )
                raise exceptions.NotFound()
            team_ids = [params["teamId"]]
        filters = selectors.CaseFilters(
            state=params.get("state", ""),
            gemeente=params.get("gemeenteId"),
            referrer_type=params.get("referrerType", ""),
            age_group=params.get("ageGroup", ""),
            mine=params.get("mine", False),
            waiting_days=params.get("waitingDays"),
            name=params.get("name", ""),
        )
        qs = selectors.case_list(request.user, None, filters, team_ids=team_ids)
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @cached_property
    def casus(self) -> Casus:
        return get_visible_or_404(
            self.request,
            self.get_queryset(),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casus",
            purpose=self.audit_purpose,
            pk=self.kwargs["pk"],
        )

    def get_object(self):
        self.audit(self.casus)
        return self.casus

    def perform_create(self, serializer):
        team: Team = serializer.validated_data["team"]
        user = self.request.user
        if not has_capability(user, Cap.REGISTER_CASES, team):
            raise exceptions.PermissionDenied("U kunt bij dit team geen casus aanmelden.")
        data = dict(serializer.validated_data)
        parents = [Ouder(**p) for p in data.pop("ouders", [])]
        m2m = {
            k: data.pop(k, None)
            for k in ("reasons", "life_domains", "involved_organisations", "experts")
        }
        membership = next(
            (m for m in user.memberships.all() if m.team_id == team.pk and m.organisation_id), None
        )
        data.setdefault("aanmelder_organisation", membership.organisation if membership else None)
        casus = Casus(aanmelder=user, is_draft=True, **data)
        services.register(
            casus,
            request=self.request,
            parents=parents,
            reasons=m2m["reasons"],
            life_domains=m2m["life_domains"],
            involved=m2m["involved_organisations"],
            experts=m2m["experts"],
        )
        serializer.instance = casus

    def perform_update(self, serializer):
        casus = serializer.instance
        if not services.may_edit_registration(self.request.user, casus):
            raise exceptions.PermissionDenied("U kunt deze aanmelding (nu) niet wijzigen.")
        data = dict(serializer.validated_data)
        assigning = {"casushouder", "procesregisseur", "experts"} & set(data)
        if assigning and not has_capability(self.request.user, Cap.SCREEN_CASES, casus.team):
            raise exceptions.PermissionDenied(
                "Alleen de screener of voorzitter wijst de casus toe."
            )
        if "ouders" in data or "team" in data:
            raise exceptions.ValidationError({"parents": "Team en ouders wijzigt u hier niet."})
        m2m = {
            k: data.pop(k, None)
            for k in ("reasons", "life_domains", "involved_organisations", "experts")
        }
        for name, value in data.items():
            setattr(casus, name, value)
        services.register(
            casus,
            request=self.request,
            reasons=m2m["reasons"],
            life_domains=m2m["life_domains"],
            involved=m2m["involved_organisations"],
            experts=m2m["experts"],
            submit=False,
        )

    @extend_schema(
        methods=["get"],
        summary="Toestemmingen",
        description="Toestemmingen van de casus.",
        responses=ConsentSerializer(many=True),
    )
    @extend_schema(
        methods=["post"],
        summary="Toestemming vastleggen",
        description="Legt een toestemming vast van de jeugdige (parent leeg) of een ouder.",
        request=ConsentSerializer,
        responses={201: ConsentSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def consents(self, request, pk=None):
        casus = self.get_object()
        if request.method == "GET":
            data = ConsentSerializer(casus.consents.select_related("ouder"), many=True).data
            return Response(data)
        if not services.may_edit_registration(request.user, casus):
            raise exceptions.PermissionDenied("U kunt bij deze casus geen toestemming vastleggen.")
        serializer = ConsentSerializer(data=request.data, casus=casus)
        serializer.is_valid(raise_exception=True)
        consent = services.record_consent(casus, request=request, **serializer.validated_data)
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Toestemming intrekken",
        request=WithdrawalSerializer,
        responses=ConsentSerializer,
        parameters=[OpenApiParameter("consentId", int, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["patch"], url_path=r"consents/(?P<consentId>[0-9]+)")
    def withdraw_consent(self, request, pk=None, consentId=None):
        casus = self.get_object()
        consent = (
            get_visible_or_404(
                request,
                Casus.objects.filter(pk=casus.pk),
                capability=Cap.VIEW_CASE_DATA,
                subject_type="casus",
                purpose="toestemming intrekken",
                pk=casus.pk,
            )
            .consents.filter(pk=consentId)
            .first()
        )
        if consent is None:
            raise exceptions.NotFound("Deze toestemming hoort niet bij deze casus.")
        serializer = WithdrawalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.withdraw_consent(
                consent, on=serializer.validated_data["withdrawn_on"], request=request
            )
        except services.TransitionError as refusal:
            raise Conflict(str(refusal)) from refusal
        return Response(ConsentSerializer(consent).data)

    @extend_schema(
        summary="Status wijzigen",
        description=(
            "Zet de casus een stap verder volgens de statustabel. "
            "Een geweigerde stap geeft 409 met de reden."
        ),
        request=TransitionRequestSerializer,
        responses={201: TransitionSerializer},
    )
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        casus = self.get_object()
        serializer = TransitionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            entry = services.transition(
                casus,
                serializer.validated_data["to_state"],
                actor=request.user,
                reason=serializer.validated_data.get("reason", ""),
                redirected_to=serializer.validated_data.get("redirected_to", ""),
                request=request,
            )
        except services.TransitionError as refusal:
            raise Conflict(str(refusal)) from refusal
        return Response(TransitionSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Wie heeft deze casus ingezien",
        description="Toegangslog van deze casus. Alleen voor voorzitter en beheerder.",
        responses=AccessLogEntrySerializer(many=True),
    )
    @action(detail=True, methods=["get"], url_path="access-log")
    def access_log(self, request, pk=None):
        from passend.audit.selectors import access_log

        casus = get_visible_or_404(
            request,
            Casus.objects.all(),
            capability=Cap.VIEW_ACCESS_LOG,
            subject_type="casus",
            purpose="toegangslog casus",
            pk=pk,
        )
        entries = access_log(
            request.user, team=casus.team, subject_type="casus", subject_id=str(casus.pk)
        )
        page = self.paginate_queryset(entries.select_related(None))
        self.audit_raw(f"casus={casus.pk}", casus.team, subject_type="toegangslog")
        return self.get_paginated_response(AccessLogEntrySerializer(page, many=True).data)

    @extend_schema(
        summary="Toestemmingsformulier (PDF)",
        description="Vooraf ingevuld toestemmingsformulier om af te drukken en te laten tekenen.",
        responses={(200, "application/pdf"): bytes},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="consent-form",
        renderer_classes=[CamelCaseJSONRenderer, PdfRenderer],
    )
    def consent_form(self, request, pk=None):
        from .views import consent_form_response

        self.audit_action = "print"
        return consent_form_response(self, self.get_object())

    @extend_schema(methods=["get"], summary="Bijlagen", responses=AttachmentSerializer(many=True))
    @extend_schema(
        methods=["post"],
        summary="Bijlage toevoegen",
        description="Upload (multipart/form-data); het soort bestand wordt aan de inhoud getoetst.",
        request={"multipart/form-data": AttachmentSerializer},
        responses={201: AttachmentSerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        casus = self.get_object()
        if request.method == "GET":
            return Response(AttachmentSerializer(casus.bijlagen.all(), many=True).data)
        serializer = AttachmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            attachment = attachments.add(
                casus,
                serializer.validated_data["file"],
                description=serializer.validated_data.get("description") or "",
                request=request,
            )
        except attachments.AttachmentError as refusal:
            raise exceptions.ValidationError({"file": [str(refusal)]}) from refusal
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Bijlage downloaden",
        parameters=[OpenApiParameter("attachmentId", int, OpenApiParameter.PATH)],
        responses={(200, "application/octet-stream"): bytes},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachmentId>[0-9]+)",
        renderer_classes=[CamelCaseJSONRenderer, PdfRenderer],
    )
    def download_attachment(self, request, pk=None, attachmentId=None):
        from .views import attachment_response

        casus = self.get_object()
        attachment = casus.bijlagen.filter(pk=attachmentId).first()
        if attachment is None:
            raise exceptions.NotFound("Deze bijlage hoort niet bij deze casus.")
        self.audit_action = "export"
        return attachment_response(attachment)

    def paginate_queryset(self, queryset):
        page = super(AuditedAPIView, self).paginate_queryset(queryset)
        if page is not None and queryset.model is Casus:
            self.audit(*page)
        return page
