"""The cases API: the list, registering, one case, changing a registration, and who saw it.

Every route under /cases/{caseId} finds its case through the one case scope
(``CaseScopeAPIMixin``). Refusals are not caught here: the services raise the refusal family
and ``passend.core.api.problems`` maps it once (400 + invalidParams, 403, 409).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import is_team_member, require_team_or_404, team_ids_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.audit.selectors import access_log
from passend.audit.serializers import AccessLogEntrySerializer

from .. import selectors, services
from ..models import Casus, Ouder
from ..scoping import AUDIT, OWNER, CaseScopeAPIMixin
from ..serializers.case import CaseQuerySerializer, CaseSerializer
from .params import CASE_ID

M2M = {
    "reasons": "reasons",
    "life_domains": "life_domains",
    "sectors": "sectors",
    "involved_organisations": "involved",
    "experts": "experts",
}


def _split(validated: dict) -> tuple[dict, dict]:
    """(fields of the case, many-to-many lists as the service's keywords)."""
    data = dict(validated)
    return data, {keyword: data.pop(field, None) for field, keyword in M2M.items()}


@extend_schema(tags=["Casussen"])
class CaseListViewSet(AuditedAPIView, viewsets.GenericViewSet):
    """GET /cases (the cases in scope) and POST /cases (register)."""

    serializer_class = CaseSerializer
    audit_subject_type = "casus"
    audit_purpose = "casus bekijken"

    def get_queryset(self):
        return Casus.objects.none()  # list() reads through the selector

    @extend_schema(
        summary="Casussen",
        description="Casussen waar u toegang toe heeft (need-to-know).",
        parameters=[CaseQuerySerializer],
    )
    def list(self, request):
        query = CaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        team_ids = None
        if "teamId" in query.validated_data:
            team_id = query.validated_data["teamId"]
            # The team's case workers, or a referrer for the own cases in that team.
            case_worker = team_id in team_ids_with(request.user, Cap.VIEW_CASE_DATA)
            team = require_team_or_404(
                request,
                capability=Cap.VIEW_CASE_DATA if case_worker else Cap.VIEW_OWN_CASES,
                purpose="casuslijst",
                pk=team_id,
            )
            team_ids = [team.pk]
        cases = selectors.case_list(request.user, None, query.filters(), team_ids=team_ids)
        page = self.paginate_queryset(cases)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Casus aanmelden",
        description="Meldt een casus aan bij een expertteam.",
        responses={201: CaseSerializer},
    )
    def create(self, request):
        # The team first: another team is 404 with one denied entry whatever else the body
        # holds; a member of the team without the right is refused (403) before validation.
        team = request.data.get("team") if isinstance(request.data, dict) else None
        if isinstance(team, int) and not isinstance(team, bool):
            if is_team_member(request.user, team):
                services.check_may_register(team, actor=request.user)
            else:
                require_team_or_404(
                    request, capability=Cap.REGISTER_CASES, purpose="casus aanmelden", pk=team
                )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, lists = _split(serializer.validated_data)
        parents = [Ouder(**parent) for parent in data.pop("ouders", [])]
        casus = Casus(is_draft=True, **data)
        services.register(casus, actor=request.user, request=request, parents=parents, **lists)
        return Response(self.get_serializer(casus).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class CaseViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    """GET and PATCH /cases/{caseId}: for the team and the referrer who registered it."""

    serializer_class = CaseSerializer
    case_audience = OWNER
    audit_purpose = "casus bekijken"
    check_write = staticmethod(services.check_may_edit_registration)

    def get_queryset(self):
        return Casus.objects.none()  # the case comes from the case scope

    def get_object(self):
        self.audit(self.casus)
        return self.casus

    @extend_schema(summary="Casus", description="Eén casus met jeugdige, ouders en aanmelding.")
    def retrieve(self, request, caseId=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Aanmelding wijzigen",
        description="De aanmelder tot de screening; de screener zolang de casus open is.",
    )
    def partial_update(self, request, caseId=None):
        casus = self.get_object()
        serializer = self.get_serializer(casus, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data, lists = _split(serializer.validated_data)
        for name, value in data.items():
            setattr(casus, name, value)
        services.register(casus, actor=request.user, request=request, submit=False, **lists)
        return Response(self.get_serializer(casus).data)


@extend_schema(tags=["Casussen"], parameters=[CASE_ID])
class CaseAccessLogViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet):
    """GET /cases/{caseId}/access-log: for who may read the team's access log."""

    serializer_class = AccessLogEntrySerializer
    case_audience = AUDIT
    audit_purpose = "toegangslog casus"

    def get_queryset(self):
        return Casus.objects.none()

    @extend_schema(
        summary="Wie heeft deze casus ingezien",
        description="Toegangslog van deze casus. Alleen voor voorzitter en beheerder.",
        responses=AccessLogEntrySerializer(many=True),
    )
    def list(self, request, caseId=None):
        casus = self.casus
        entries = access_log(
            request.user, team=casus.team, subject_type="casus", subject_id=str(casus.pk)
        )
        page = self.paginator.paginate_queryset(entries.select_related(None), request, view=self)
        self.audit_raw(f"casus={casus.pk}", casus.team, subject_type="toegangslog")
        return self.get_paginated_response(AccessLogEntrySerializer(page, many=True).data)
