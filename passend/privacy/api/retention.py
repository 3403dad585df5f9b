"""API of retention: /teams/{teamId}/retention-runs, for the team's beheerder.

Counts and dates only (no personal data): the team's period, what is due now, and the latest
runs with this team's counts. The real run is the daily job; the API starts nothing."""

from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from passend.accounts.permissions import require_team_or_404
from passend.accounts.roles import Cap

from .. import retention

TEAM_ID = OpenApiParameter("teamId", int, OpenApiParameter.PATH, description="Expertteam.")


class DueSerializer(serializers.Serializer):
    casussen = serializers.IntegerField(help_text="Casussen voorbij de bewaartermijn.")
    concepten = serializers.IntegerField(help_text="Concepten zonder wijziging na 30 dagen.")


class RetentionRunSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="run.pk")
    started_at = serializers.DateTimeField(source="run.started_at")
    finished_at = serializers.DateTimeField(source="run.finished_at", allow_null=True)
    dry_run = serializers.BooleanField(
        source="run.dry_run", help_text="Proefdraai: niets veranderd."
    )
    trigger = serializers.CharField(
        source="run.trigger", help_text="job (dagelijkse taak), command of pagina."
    )
    casussen = serializers.IntegerField(help_text="Geanonimiseerde casussen van dit team.")
    concepten = serializers.IntegerField(help_text="Verwijderde concepten van dit team.")


class RetentionOverviewSerializer(serializers.Serializer):
    retention_months = serializers.IntegerField()
    due = DueSerializer()
    runs = RetentionRunSerializer(many=True)


@extend_schema(tags=["Privacy"], parameters=[TEAM_ID])
class RetentionRunsView(GenericAPIView):
    personal_data = False
    serializer_class = RetentionOverviewSerializer
    pagination_class = None

    @cached_property
    def team(self):
        return require_team_or_404(
            self.request,
            capability=Cap.MANAGE_TEAM,
            purpose="bewaartermijn bekijken",
            pk=self.kwargs["teamId"],
        )

    @extend_schema(
        operation_id="listRetentionRuns",
        summary="Bewaartermijnruns",
        description=(
            "De bewaartermijn van het team, hoeveel casussen en concepten nu aan de beurt zijn, "
            "en de laatste 20 runs (dagelijkse taak, commando of proefdraai) met de aantallen "
            "van dit team. Alleen voor de beheerder."
        ),
    )
    def get(self, request, teamId):
        data = {
            "retention_months": self.team.retention_months,
            "due": retention.due_counts(self.team),
            "runs": retention.recent_runs(self.team),
        }
        return Response(RetentionOverviewSerializer(data).data)
