"""API of the procesregie module: same services, same permission checks as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import get_visible_or_404, team_ids_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.cases.models import Casus

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


def _run(write):
    """Run a service call; rules become 400 with field errors, missing rights 403."""
    try:
        return write()
    except services.NotAllowed as refusal:
        raise exceptions.PermissionDenied(str(refusal)) from refusal
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise exceptions.ValidationError(detail) from error


class ProcesregieAPIView(AuditedAPIView, viewsets.GenericViewSet):
    """Resolves the case of the URL for team members only (the referrer sees none of this);
    logs the case (subject type "casus") of every object shown or changed."""

    audit_subject_type = "casus"
    audit_purpose = "procesregie"
    pagination_class = None  # a case has a handful of each: plain lists

    def audit_subject_id(self, obj) -> str:
        return str(getattr(obj, "casus_id", obj.pk))

    @cached_property
    def casus(self) -> Casus:
        queryset = Casus.objects.select_related("team").filter(
            team__in=team_ids_with(self.request.user, Cap.VIEW_CASE_DATA)
        )
        return get_visible_or_404(
            self.request,
            queryset,
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casus",
            purpose=self.audit_purpose,
            pk=self.kwargs["caseId"],
        )

    def case_object(self, queryset, kwarg: str):
        """An object of the URL's case, through the permission module (404 + denied log)."""
        return get_visible_or_404(
            self.request,
            queryset.filter(casus=self.casus),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casus",
            purpose=self.audit_purpose,
            pk=self.kwargs[kwarg],
        )

    def listed(self, queryset, serializer_class):
        casus = self.casus
        self.audit(casus)
        return Response(serializer_class(queryset, many=True, context=self.context()).data)

    def context(self) -> dict:
        return {"request": self.request, "casus": self.casus}

    def created(self, obj, serializer_class):
        self.audit(obj)
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
    queryset = Doel.objects.none()

    def list(self, request, caseId=None):
        return self.listed(selectors.goals_for(self.casus), GoalSerializer)

    def create(self, request, caseId=None):
        self.casus  # noqa: B018 - resolve the case (404) before reading the input
        serializer = GoalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        goal = _run(
            lambda: services.save_goal(
                self.casus, actor=request.user, request=request, **serializer.validated_data
            )
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
    queryset = Actie.objects.none()

    def list(self, request, caseId=None):
        return self.listed(selectors.actions_for(self.casus), ActionSerializer)

    def create(self, request, caseId=None):
        serializer = ActionSerializer(data=request.data, context=self.context())
        serializer.is_valid(raise_exception=True)
        action = _run(
            lambda: services.save_action(
                self.casus, actor=request.user, request=request, **serializer.validated_data
            )
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
        summary="Actie", parameters=[OpenApiParameter("actionId", int, OpenApiParameter.PATH)]
    ),
    partial_update=extend_schema(
        summary="Actie wijzigen",
        description="De eigenaar mag de eigen actie altijd afronden (status gedaan); wijzigen "
        "kan wie aan de casus werkt.",
        parameters=[OpenApiParameter("actionId", int, OpenApiParameter.PATH)],
    ),
)
class ActionViewSet(AuditedAPIView, viewsets.GenericViewSet):
    serializer_class = ActionSerializer
    audit_subject_type = "casus"
    audit_purpose = "plan van aanpak: actie"
    queryset = Actie.objects.none()

    def audit_subject_id(self, obj) -> str:
        return str(obj.casus_id)

    def list(self, request):
        from passend.regions.models import Team

        query = MyActionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        today = timezone.localdate()
        team_ids = team_ids_with(request.user, Cap.VIEW_CASE_DATA)
        if "teamId" in params:
            team_ids = [t for t in team_ids if t == params["teamId"]]
        results = []
        for team in Team.objects.filter(pk__in=team_ids).order_by("name"):
            include_done = params.get("status") in (ActionStatus.GEDAAN, ActionStatus.VERVALLEN)
            qs = selectors.my_actions(request.user, team, today=today, include_done=include_done)
            if params.get("overdue"):
                qs = selectors.overdue_actions(request.user, team, today)
            if params.get("status"):
                qs = qs.filter(status=params["status"])
            results.extend(qs)
        page = self.paginate_queryset(results)
        return self.get_paginated_response(ActionSerializer(page, many=True).data)

    def get_action(self) -> Actie:
        action = get_visible_or_404(
            self.request,
            Actie.objects.select_related("casus", "casus__team", "owner"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casus",
            purpose=self.audit_purpose,
            pk=self.kwargs["actionId"],
        )
        self.audit(action)
        return action

    def retrieve(self, request, actionId=None):
        return Response(ActionSerializer(self.get_action()).data)

    def partial_update(self, request, actionId=None):
        action = self.get_action()
        serializer = ActionPatchSerializer(
            action, data=request.data, partial=True, context={"casus": action.casus}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data == {"status": ActionStatus.GEDAAN} and services.may_complete(request.user, action):
            _run(lambda: services.complete_action(action, actor=request.user, request=request))
        else:
            _run(
                lambda: services.save_action(
                    action.casus, actor=request.user, request=request, action=action, **data
                )
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
    retrieve=extend_schema(summary="Escalatie", parameters=[ESCALATION_ID]),
    partial_update=extend_schema(
        summary="Uitkomst van een escalatie vastleggen", parameters=[ESCALATION_ID]
    ),
)
class CaseEscalationViewSet(ProcesregieAPIView):
    serializer_class = EscalationSerializer
    audit_purpose = "opschalen"
    queryset = Escalatie.objects.none()

    def list(self, request, caseId=None):
        return self.listed(selectors.escalations_for(self.casus), EscalationSerializer)

    def create(self, request, caseId=None):
        self.casus  # noqa: B018 - resolve the case (404) before reading the input
        serializer = EscalationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        outcome = {k: data.pop(k) for k in ("outcome", "outcome_on") if k in data}

        def write():
            escalation = services.escalate(self.casus, actor=request.user, request=request, **data)
            if outcome.get("outcome"):
                services.update_escalation(
                    escalation, actor=request.user, request=request, **outcome
                )
            return escalation

        return self.created(_run(write), EscalationSerializer)

    def retrieve(self, request, caseId=None, escalationId=None):
        escalation = self.case_object(Escalatie.objects.all(), "escalationId")
        self.audit(escalation)
        return Response(EscalationSerializer(escalation).data)

    def partial_update(self, request, caseId=None, escalationId=None):
        escalation = self.case_object(Escalatie.objects.all(), "escalationId")
        serializer = EscalationSerializer(escalation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        _run(
            lambda: services.update_escalation(
                escalation, actor=request.user, request=request, **serializer.validated_data
            )
        )
        self.audit(escalation)
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
    retrieve=extend_schema(summary="Toekomstplan", parameters=[FUTURE_PLAN_ID]),
    partial_update=extend_schema(summary="Toekomstplan wijzigen", parameters=[FUTURE_PLAN_ID]),
)
class CaseFuturePlanViewSet(ProcesregieAPIView):
    serializer_class = FuturePlanSerializer
    audit_purpose = "toekomstplan"
    queryset = Toekomstplan.objects.none()

    def list(self, request, caseId=None):
        plans = Toekomstplan.objects.filter(casus=self.casus).prefetch_related("rows")
        return self.listed(plans, FuturePlanSerializer)

    def _save(self, serializer):
        data = dict(serializer.validated_data)
        rows = {row.pop("domain"): row for row in data.pop("rows", [])}
        return _run(
            lambda: services.save_toekomstplan(
                self.casus, actor=self.request.user, request=self.request, rows=rows, **data
            )
        )

    def create(self, request, caseId=None):
        from passend.core.refusals import StateConflict as Conflict

        self.casus  # noqa: B018 - resolve the case (404) before reading the input
        serializer = FuturePlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if selectors.has_toekomstplan(self.casus):
            if not services.may_work(request.user, self.casus):
                raise exceptions.PermissionDenied(
                    "U kunt bij deze casus geen toekomstplan vastleggen."
                )
            raise Conflict("Deze casus heeft al een toekomstplan; wijzig dat (PATCH).")
        return self.created(self._save(serializer), FuturePlanSerializer)

    def retrieve(self, request, caseId=None, futurePlanId=None):
        plan = self.case_object(Toekomstplan.objects.all(), "futurePlanId")
        self.audit(plan)
        return Response(FuturePlanSerializer(plan).data)

    def partial_update(self, request, caseId=None, futurePlanId=None):
        plan = self.case_object(Toekomstplan.objects.all(), "futurePlanId")
        serializer = FuturePlanSerializer(plan, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        plan = self._save(serializer)
        self.audit(plan)
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
            "reason": director.reason if director else "De geboortedatum is niet bekend.",
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
