"""API of the procesregie module: same services, same checks as the pages.

Case-nested routes find their case through the one case scope (``cases.scoping``) and a
record of the case with ``case_child`` (not of this case: 404 and one denied entry naming the
record). The services decide and refuse (``core.refusals``, mapped once to problem+json):
403 without the right, 409 when the case does not allow the work, 400 on the field.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, require_team_or_404, team_ids_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.cases.models import Casus
from passend.cases.scoping import CaseScopeAPIMixin
from passend.regions.models import Team

from . import selectors, services
from .codes import ActionStatus
from .models import Actie, Doel, Escalatie, Toekomstplan
from .serializers import (
    ActionSerializer,
    DirectionCheckSerializer,
    EscalationSerializer,
    FuturePlanSerializer,
    GoalSerializer,
)

TAGS = ["Procesregie"]
CASE_ID = OpenApiParameter("caseId", int, OpenApiParameter.PATH, description="Casus.")


class ProcesregieAPIView(CaseScopeAPIMixin, viewsets.GenericViewSet):
    """The case of the URL for its team (the referrer sees none of this). Reads are logged as
    the case; a write is logged by its service."""

    audit_purpose = "procesregie"
    pagination_class = None  # a case has a handful of each: plain lists
    kind = ""  # the services' kind of work of this route's writes

    def check_work(self) -> None:
        """Refuse a write before its input is read (the service checks again)."""
        services.check_work(self.casus, actor=self.request.user, kind=self.kind)

    def listed(self, queryset, serializer_class):
        casus = self.casus
        self.audit(casus)
        return Response(serializer_class(queryset, many=True, context=self.context()).data)

    def context(self) -> dict:
        return {"request": self.request, "casus": self.casus}

    def created(self, obj, serializer_class):
        return Response(
            serializer_class(obj, context=self.context()).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=TAGS, parameters=[CASE_ID])
@extend_schema_view(
    list=extend_schema(summary="Doelen", description="Doelen van het plan van aanpak."),
    create=extend_schema(
        summary="Doel toevoegen",
        description="Procesregisseur of voorzitter voegt een doel toe (korte, middellange of "
        "lange termijn).",
    ),
)
class CaseGoalViewSet(ProcesregieAPIView):
    serializer_class = GoalSerializer
    audit_purpose = "plan van aanpak: doel"
    kind = services.GOAL
    queryset = Doel.objects.none()

    def list(self, request, caseId=None):
        return self.listed(selectors.goals_for(self.casus), GoalSerializer)

    def create(self, request, caseId=None):
        self.check_work()
        serializer = GoalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        goal = services.goal_save(
            self.casus, actor=request.user, request=request, **serializer.validated_data
        )
        return self.created(goal, GoalSerializer)


@extend_schema(tags=TAGS, parameters=[CASE_ID])
@extend_schema_view(
    list=extend_schema(
        summary="Acties van een casus", description="Acties van het plan van aanpak."
    ),
    create=extend_schema(
        summary="Actie toevoegen",
        description="Eigenaar is een teamlid van de casus (owner) of iemand buiten het team "
        "(ownerName).",
    ),
)
class CaseActionViewSet(ProcesregieAPIView):
    serializer_class = ActionSerializer
    audit_purpose = "plan van aanpak: actie"
    kind = services.ACTION
    queryset = Actie.objects.none()

    def list(self, request, caseId=None):
        return self.listed(selectors.actions_for(self.casus), ActionSerializer)

    def create(self, request, caseId=None):
        self.check_work()
        serializer = ActionSerializer(data=request.data, context=self.context())
        serializer.is_valid(raise_exception=True)
        action = services.action_save(
            self.casus, actor=request.user, request=request, **serializer.validated_data
        )
        return self.created(action, ActionSerializer)


class MyActionQuerySerializer(serializers.Serializer):
    overdue = serializers.BooleanField(required=False, help_text="Alleen acties over de datum.")
    status = serializers.ChoiceField(
        required=False, choices=ActionStatus.choices, help_text="Alleen acties met deze status."
    )
    teamId = serializers.IntegerField(required=False, min_value=1, help_text="Expertteam.")


class ActionPatchSerializer(ActionSerializer):
    class Meta(ActionSerializer.Meta):
        extra_kwargs = {"goal": {"required": False, "allow_null": True}}


@extend_schema(tags=TAGS)
@extend_schema_view(
    list=extend_schema(
        summary="Mijn acties",
        description="Mijn acties in alle teams waar ik lid van ben; over de datum eerst.",
        parameters=[MyActionQuerySerializer],
    ),
    retrieve=extend_schema(
        summary="Actie",
        description="Een actie van een casus van mijn team.",
        parameters=[OpenApiParameter("actionId", int, OpenApiParameter.PATH)],
    ),
    partial_update=extend_schema(
        summary="Actie wijzigen",
        description="De eigenaar mag de eigen actie altijd afronden (status gedaan); wijzigen "
        "kan wie aan de casus werkt.",
        parameters=[OpenApiParameter("actionId", int, OpenApiParameter.PATH)],
    ),
)
class ActionViewSet(AuditedAPIView, viewsets.GenericViewSet):
    """Actions by their own id: in the user's case scope, else 404 and one denied entry naming
    the action (on its team). Shown actions are logged as their case."""

    serializer_class = ActionSerializer
    audit_subject_type = "casus"
    audit_purpose = "plan van aanpak: actie"
    queryset = Actie.objects.none()

    def audit_subject_id(self, obj) -> str:
        return str(obj.casus_id)

    def list(self, request):
        query = MyActionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        today = timezone.localdate()
        if "teamId" in params:
            team = require_team_or_404(
                request,
                capability=Cap.VIEW_CASE_DATA,
                purpose=self.audit_purpose,
                pk=params["teamId"],
            )
            teams = [team]
        else:
            teams = Team.objects.filter(
                pk__in=team_ids_with(request.user, Cap.VIEW_CASE_DATA)
            ).order_by("name")
        include_done = params.get("status") in (ActionStatus.GEDAAN, ActionStatus.VERVALLEN)
        results = []
        for team in teams:
            qs = selectors.my_actions(request.user, team, today=today, include_done=include_done)
            if params.get("overdue"):
                qs = selectors.overdue_actions(request.user, team, today)
            if params.get("status"):
                qs = qs.filter(status=params["status"])
            results.extend(qs)
        page = self.paginate_queryset(results)
        return self.get_paginated_response(ActionSerializer(page, many=True).data)

    def get_action(self) -> Actie:
        return get_visible_or_404(
            self.request,
            selectors.actions_in_scope(self.request.user).select_related(
                "casus", "casus__team", "owner"
            ),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="actie",
            purpose=self.audit_purpose,
            pk=self.kwargs["actionId"],
        )

    def retrieve(self, request, actionId=None):
        action = self.get_action()
        self.audit(action)
        return Response(ActionSerializer(action).data)

    def partial_update(self, request, actionId=None):
        action = self.get_action()
        services.check_change(action, actor=request.user)
        serializer = ActionPatchSerializer(
            action, data=request.data, partial=True, context={"casus": action.casus}
        )
        serializer.is_valid(raise_exception=True)
        action = services.action_change(
            action, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(ActionSerializer(action).data)


ESCALATION_ID = OpenApiParameter("escalationId", int, OpenApiParameter.PATH)


@extend_schema(tags=TAGS, parameters=[CASE_ID])
@extend_schema_view(
    list=extend_schema(summary="Escalaties", description="Opschalingen van de casus."),
    create=extend_schema(
        summary="Opschalen",
        description="Van casusregisseur naar procesregisseur, expertteam, bovenregionaal "
        "expertisecentrum, CCE of landelijk ondersteuningsteam: altijd naar een hoger niveau.",
    ),
    retrieve=extend_schema(
        summary="Escalatie", description="Eén opschaling van de casus.", parameters=[ESCALATION_ID]
    ),
    partial_update=extend_schema(
        summary="Uitkomst van een escalatie vastleggen",
        description="Wijzigt de opgegeven velden of legt de uitkomst vast, met de datum.",
        parameters=[ESCALATION_ID],
    ),
)
class CaseEscalationViewSet(ProcesregieAPIView):
    serializer_class = EscalationSerializer
    audit_purpose = "opschalen"
    queryset = Escalatie.objects.none()
    kind = services.ESCALATION

    def escalation(self) -> Escalatie:
        return self.case_child(
            Escalatie.objects.all(), subject_type="escalatie", kwarg="escalationId"
        )

    def list(self, request, caseId=None):
        return self.listed(selectors.escalations_for(self.casus), EscalationSerializer)

    def create(self, request, caseId=None):
        self.check_work()
        serializer = EscalationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        escalation = services.escalate(
            self.casus, actor=request.user, request=request, **serializer.validated_data
        )
        return self.created(escalation, EscalationSerializer)

    def retrieve(self, request, caseId=None, escalationId=None):
        escalation = self.escalation()
        self.audit(escalation)
        return Response(EscalationSerializer(escalation).data)

    def partial_update(self, request, caseId=None, escalationId=None):
        escalation = self.escalation()
        self.check_work()
        serializer = EscalationSerializer(escalation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        escalation = services.escalation_update(
            escalation, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(EscalationSerializer(escalation).data)


FUTURE_PLAN_ID = OpenApiParameter("futurePlanId", int, OpenApiParameter.PATH)


@extend_schema(tags=TAGS, parameters=[CASE_ID])
@extend_schema_view(
    list=extend_schema(
        summary="Toekomstplan",
        description="Het toekomstplan (16+, gesloten jeugdhulp) als lijst van hoogstens één.",
    ),
    create=extend_schema(
        summary="Toekomstplan opstellen",
        description="Per leefgebied: wie ondersteunt, wat is geregeld; plus de checkdubbelcheck. "
        "Een casus heeft één toekomstplan (409 als het er al is).",
    ),
    retrieve=extend_schema(
        summary="Toekomstplan",
        description="Het toekomstplan met de regels per leefgebied.",
        parameters=[FUTURE_PLAN_ID],
    ),
    partial_update=extend_schema(
        summary="Toekomstplan wijzigen",
        description="Wijzigt de opgegeven velden; leefgebieden die niet in rows staan houden "
        "hun regel.",
        parameters=[FUTURE_PLAN_ID],
    ),
)
class CaseFuturePlanViewSet(ProcesregieAPIView):
    serializer_class = FuturePlanSerializer
    audit_purpose = "toekomstplan"
    queryset = Toekomstplan.objects.none()
    kind = services.TOEKOMSTPLAN

    def plan(self) -> Toekomstplan:
        return self.case_child(
            Toekomstplan.objects.all(), subject_type="toekomstplan", kwarg="futurePlanId"
        )

    def list(self, request, caseId=None):
        return self.listed(selectors.toekomstplannen_for(self.casus), FuturePlanSerializer)

    @staticmethod
    def fields(serializer) -> dict:
        data = dict(serializer.validated_data)
        if "rows" in data:
            data["rows"] = {row.pop("domain"): row for row in data["rows"]}
        return data

    def create(self, request, caseId=None):
        self.check_work()
        serializer = FuturePlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.toekomstplan_create(
            self.casus, actor=request.user, request=request, **self.fields(serializer)
        )
        return self.created(plan, FuturePlanSerializer)

    def retrieve(self, request, caseId=None, futurePlanId=None):
        plan = self.plan()
        self.audit(plan)
        return Response(FuturePlanSerializer(plan).data)

    def partial_update(self, request, caseId=None, futurePlanId=None):
        plan = self.plan()
        self.check_work()
        serializer = FuturePlanSerializer(plan, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        plan = services.toekomstplan_save(
            self.casus, actor=request.user, request=request, **self.fields(serializer)
        )
        return Response(FuturePlanSerializer(plan).data)


@extend_schema(tags=TAGS, parameters=[CASE_ID])
@extend_schema_view(
    retrieve=extend_schema(
        summary="Casusregie check",
        description="Verwachte casusregisseur (uit juridisch kader, leeftijd en plaatsende "
        "instantie) met de regel, de signalen rond 16,5 en 17,5 jaar en de vlag overgang "
        "Jeugdwet–Wlz.",
        responses=DirectionCheckSerializer,
    )
)
class CaseDirectionCheckViewSet(ProcesregieAPIView):
    serializer_class = DirectionCheckSerializer
    audit_purpose = "casusregie check"
    queryset = Casus.objects.none()

    def retrieve(self, request, caseId=None):
        casus = self.casus
        self.audit(casus)
        today = timezone.localdate()
        has_plan = selectors.has_toekomstplan(casus)
        director = selectors.expected_director(casus, today)
        data = {
            "expected_director": director.director.value if director else None,
            "expected_director_label": str(selectors.DIRECTOR_LABELS[director.director])
            if director
            else "",
            "reason": director.reason if director else _("De geboortedatum is niet bekend."),
            "legal_framework": casus.legal_framework,
            "placed_by": casus.placed_by,
            "in_closed_youth_care": casus.in_closed_youth_care,
            "wlz_transition": casus.wlz_transition,
            "has_future_plan": has_plan,
            "alerts": [
                {"code": alert.value, "due_on": due, "message": message}
                for alert, due, message in selectors.age_alerts_for(casus, today, has_plan=has_plan)
            ],
        }
        return Response(DirectionCheckSerializer(data).data)
