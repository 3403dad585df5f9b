"""API of the advice module: the same services, permission checks and Dutch refusals as the
pages. Refusals propagate to the one problem+json mapping: a refused step 409, a missing right
403, bad input 400 on the field."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, has_capability
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.cases.scoping import OWNER, CaseScopeAPIMixin
from passend.core.api.renderers import PdfRenderer
from passend.core.refusals import NotAllowed
from passend.meetings.selectors import team_members
from passend.regions.models import Organisation

from . import selectors, services
from .models import Advies, Toelichtingsverzoek
from .serializers import (
    AdviceSerializer,
    AnswerSerializer,
    ClarificationRequestSerializer,
    ConflictDeclarationSerializer,
    DispatchSerializer,
    FollowUpRequestSerializer,
    FollowUpSerializer,
)
from .views import letter_response

TAG = ["Advies"]


class _AdviceData:
    audit_subject_type = "casus"
    audit_purpose = "advies bekijken"
    serializer_class = AdviceSerializer
    pagination_class = None
    # The services' names where the API's differ (save_advice(providers=..., offers=...)).
    api_field_names = {"providers": "candidate_providers", "offers": "chosen_offers"}

    def get_queryset(self):
        return Advies.objects.none()

    def can(self, capability, casus) -> bool:
        return has_capability(self.request.user, capability, casus.team)

    def advice_context(self, casus) -> dict:
        return {
            "request": self.request,
            "casus": casus,
            "team_member": self.can(Cap.VIEW_CASE_DATA, casus),
        }

    def advice_data(self, advies) -> dict:
        return AdviceSerializer(advies, context=self.advice_context(advies.casus)).data

    def save_from(self, advies, serializer) -> Advies:
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        return services.save_advice(
            advies,
            actor=self.request.user,
            data=data,
            providers=data.pop("candidate_providers", None),
            offers=data.pop("chosen_offers", None),
            request=self.request,
        )


class _AdviceAPI(_AdviceData, AuditedAPIView, viewsets.GenericViewSet):
    """Routes under /advices/{adviceId}: the advice through the permission module (refused:
    one denied entry naming the advice); what is shown is logged as its case."""

    @cached_property
    def advies(self) -> Advies:
        advies = get_visible_or_404(
            self.request,
            selectors.advice_scope(self.request.user).select_related("casus__team"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="advies",
            purpose=self.audit_purpose,
            pk=self.kwargs["adviceId"],
        )
        self.audit(advies.casus)
        return advies


@extend_schema(tags=TAG)
class CaseAdviceViewSet(_AdviceData, CaseScopeAPIMixin, viewsets.GenericViewSet):
    """/cases/{caseId}/advices: the case through the one case scope (the referrer reaches
    own cases, and sees only sent advices)."""

    case_audience = OWNER

    @extend_schema(
        summary="Adviezen van een casus",
        description="Alle versies, nieuwste eerst. De verwijzer ziet alleen verstuurde adviezen.",
        responses=AdviceSerializer(many=True),
    )
    def list(self, request, caseId=None):
        casus = self.casus
        self.audit(casus)
        advices = selectors.advices_of_case(request.user, casus)
        context = self.advice_context(casus)
        return Response(AdviceSerializer(advices, many=True, context=context).data)

    @extend_schema(
        summary="Advies opstellen",
        description=(
            "Maakt een nieuwe (concept)versie; inhoud van de vorige versie wordt overgenomen. "
            "Kan alleen als de casus in behandeling of heropend is (anders 409)."
        ),
        request=AdviceSerializer,
        responses={201: AdviceSerializer},
    )
    def create(self, request, caseId=None):
        casus = self.casus
        self.audit(casus)
        advies = services.new_advice(casus, actor=request.user)
        serializer = AdviceSerializer(data=request.data, context=self.advice_context(casus))
        self.save_from(advies, serializer)
        return Response(self.advice_data(advies), status=status.HTTP_201_CREATED)


@extend_schema(tags=TAG)
class AdviceViewSet(_AdviceAPI):
    """/advices/{adviceId} and its sub-resources."""

    @extend_schema(summary="Advies", description="Eén versie van een advies.")
    def retrieve(self, request, adviceId=None):
        return Response(self.advice_data(self.advies))

    @extend_schema(
        summary="Concept-advies wijzigen",
        description="Alleen een niet-goedgekeurde nieuwste versie (anders 409).",
        request=AdviceSerializer,
        responses=AdviceSerializer,
    )
    def partial_update(self, request, adviceId=None):
        advies = self.advies
        services.check_may_draft(advies.casus, actor=request.user)
        serializer = AdviceSerializer(
            advies, data=request.data, partial=True, context=self.advice_context(advies.casus)
        )
        self.save_from(advies, serializer)
        return Response(self.advice_data(advies))

    @extend_schema(
        summary="Advies goedkeuren",
        description=(
            "De voorzitter keurt het advies goed. Geweigerd (409) bij open "
            "belangenverstrengeling of zonder meest passende zorg."
        ),
        request=None,
        responses={201: AdviceSerializer},
    )
    def approve(self, request, adviceId=None):
        advies = services.approve_advice(self.advies, actor=request.user, request=request)
        return Response(self.advice_data(advies), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Advies versturen",
        description=(
            "Legt vast dat de brief aan de ontvangers is verstuurd (Passend mailt niet zelf), "
            "zet de casus op 'advies uitgebracht' en plant de follow-up. Zonder de toestemming "
            "die de leeftijd van de jeugdige vraagt (en zonder gedwongen kader met reden): 409."
        ),
        request=DispatchSerializer,
        responses={201: AdviceSerializer},
    )
    def send(self, request, adviceId=None):
        advies = self.advies
        services.check_may_send(advies.casus, actor=request.user)
        serializer = DispatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        advies = services.send_advice(
            advies,
            actor=request.user,
            request=request,
            recipients=serializer.validated_data.get("recipients"),
        )
        return Response(self.advice_data(advies), status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["get"],
        summary="Belangenverklaringen",
        description="Vastgelegde keuzes van experts bij mogelijke belangenverstrengeling.",
        responses=ConflictDeclarationSerializer(many=True),
    )
    @extend_schema(
        methods=["post"],
        summary="Belang vastleggen",
        description=(
            "De gemelde expert (of de voorzitter namens hem of haar) blijft betrokken "
            "(bevestigd, met toelichting) of treedt terug uit de casus."
        ),
        request=ConflictDeclarationSerializer,
        responses={201: ConflictDeclarationSerializer},
    )
    def declarations(self, request, adviceId=None):
        advies = self.advies
        casus = advies.casus
        if not self.can(Cap.VIEW_CASE_DATA, casus):
            raise NotAllowed(_("Alleen het team ziet belangenverklaringen."))
        if request.method == "GET":
            data = advies.belangenverklaringen.all()
            return Response(ConflictDeclarationSerializer(data, many=True).data)
        serializer = ConflictDeclarationSerializer(
            data=request.data,
            experts=team_members(casus.team),
            organisations=Organisation.objects.filter(regions=casus.team.region_id),
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        declaration = services.declare_interest(
            advies,
            actor=request.user,
            user=data["user"],
            organisation=data["organisation"],
            decision=data["decision"],
            explanation=data.get("explanation") or "",
            request=request,
        )
        return Response(
            ConflictDeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["get"],
        summary="Vragen om toelichting",
        responses=ClarificationRequestSerializer(many=True),
    )
    @extend_schema(
        methods=["post"],
        summary="Om toelichting vragen",
        description="De verwijzer vraagt zelf; het team legt een vraag van een partij vast.",
        request=ClarificationRequestSerializer,
        responses={201: ClarificationRequestSerializer},
    )
    def clarifications(self, request, adviceId=None):
        advies = self.advies
        if request.method == "GET":
            data = advies.toelichtingsverzoeken.all()
            return Response(ClarificationRequestSerializer(data, many=True).data)
        serializer = ClarificationRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        verzoek = services.ask_clarification(
            advies,
            actor=request.user,
            party=data.get("party", ""),
            question=data.get("question") or "",
            request=request,
        )
        return Response(
            ClarificationRequestSerializer(verzoek).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(methods=["get"], summary="Follow-ups", responses=FollowUpSerializer(many=True))
    @extend_schema(
        methods=["post"],
        summary="Follow-up vastleggen",
        description=(
            "Met doneOn en implementationStatus: legt de follow-up vast (de casus gaat naar "
            "follow-up). Met alleen dueOn: plant een volgende follow-up."
        ),
        request=FollowUpRequestSerializer,
        responses={201: FollowUpSerializer},
    )
    def follow_ups(self, request, adviceId=None):
        advies = self.advies
        if request.method == "GET":
            return Response(FollowUpSerializer(advies.opvolgingen.all(), many=True).data)
        services.check_may_record_follow_up(advies.casus, actor=request.user)
        serializer = FollowUpRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "implementation_status" not in data:
            follow_up = services.plan_follow_up(
                advies, actor=request.user, due_on=data["due_on"], request=request
            )
        else:
            data.pop("due_on", None)
            follow_up, _moved = services.record_follow_up(
                advies, actor=request.user, request=request, **data
            )
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Adviesbrief (PDF)",
        description="De brief in gewone taal aan jeugdige, ouders en verwijzer.",
        responses={(200, "application/pdf"): bytes},
    )
    def letter(self, request, adviceId=None):
        self.audit_action = "print"
        self.audit_purpose = "adviesbrief afdrukken"
        return letter_response(self, self.advies)


@extend_schema(tags=TAG)
class ClarificationViewSet(_AdviceAPI):
    serializer_class = ClarificationRequestSerializer

    @extend_schema(
        summary="Toelichting geven",
        description="Het team beantwoordt een vraag om toelichting.",
        request=AnswerSerializer,
        responses=ClarificationRequestSerializer,
    )
    def answer(self, request, requestId=None):
        verzoek = get_visible_or_404(
            request,
            Toelichtingsverzoek.objects.select_related("advies__casus__team"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="toelichtingsverzoek",
            purpose="toelichting op advies geven",
            pk=requestId,
        )
        casus = verzoek.advies.casus
        services.check_may_answer(casus, actor=request.user)  # the right before the input
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.answer_clarification(
            verzoek,
            actor=request.user,
            answer=serializer.validated_data["answer"],
            request=request,
        )
        self.audit(casus)
        return Response(ClarificationRequestSerializer(verzoek).data)


LETTER_RENDERERS = [CamelCaseJSONRenderer, PdfRenderer]
