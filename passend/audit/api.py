from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets

from passend.accounts.permissions import get_visible_or_404, teams_with
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.regions.models import Team

from . import selectors
from .serializers import AccessLogEntrySerializer, AccessLogQuerySerializer


@extend_schema(
    tags=["Toegangslog"],
    summary="Toegangslog raadplegen",
    description=(
        "Wie heeft welke persoonsgegevens wanneer en waarom ingezien of gewijzigd (NEN 7513). "
        "Alleen voor voorzitter en beheerder, voor de eigen teams. Het raadplegen wordt zelf ook "
        "gelogd."
    ),
    parameters=[AccessLogQuerySerializer],
)
class AccessLogViewSet(AuditedAPIView, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = AccessLogEntrySerializer
    audit_subject_type = "toegangslog"
    audit_purpose = "toegangslog raadplegen"

    def get_queryset(self):
        query = AccessLogQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        team = None
        if "teamId" in params:
            team = get_visible_or_404(
                self.request,
                Team.objects.all(),
                capability=Cap.VIEW_ACCESS_LOG,
                subject_type="toegangslog",
                purpose=self.audit_purpose,
                pk=params["teamId"],
            )
        filters = {
            "subject_type": params.get("subjectType", ""),
            "subject_id": params.get("subjectId", ""),
            "user_id": params.get("userId"),
            "outcome": params.get("outcome", ""),
            "date_from": params.get("dateFrom"),
            "date_until": params.get("dateUntil"),
        }
        description = selectors.describe_query(**filters)
        for scoped_team in [team] if team else teams_with(self.request.user, Cap.VIEW_ACCESS_LOG):
            self.audit_raw(description, scoped_team)
        return selectors.access_log(self.request.user, team=team, **filters)

    def paginate_queryset(self, queryset):
        # The log entries themselves are not re-logged one by one: the query is (above).
        return super(AuditedAPIView, self).paginate_queryset(queryset)
