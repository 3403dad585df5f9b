"""API of the werkvoorraad: the same items as the page, for one team."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, views
from rest_framework.response import Response

from passend.accounts.permissions import require_team_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView

from . import selectors


class WorkItemQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(min_value=1, help_text="Expertteam.")


class WorkItemSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="Soort: screening, toestemming (ingetrokken), goedkeuring, follow_up, ..."
    )
    section = serializers.CharField(help_text="Naam van het onderdeel van de werkvoorraad.")
    case_id = serializers.IntegerField(allow_null=True, help_text="Casus.")
    case_reference = serializers.CharField(allow_null=True, help_text="Casusnummer.")
    title = serializers.CharField(help_text="Wat er moet gebeuren.")
    due = serializers.DateField(allow_null=True, help_text="Datum (deadline, sinds wanneer).")
    overdue = serializers.BooleanField(help_text="Vraagt aandacht: over de datum of te lang.")
    url = serializers.CharField(help_text="Pagina in Passend.")


class WorkItemView(AuditedAPIView, views.APIView):
    audit_subject_type = "casus"
    audit_purpose = "werkvoorraad bekijken"

    @extend_schema(
        tags=["Werkvoorraad"],
        summary="Werkvoorraad",
        description=(
            "Wat voor u klaarligt in een team: screenings, casussen waarvan de toestemming is "
            "ingetrokken of verlopen (voorzitter, casushouder), goedkeuringen, follow-ups, "
            "aflopende kortetermijnoplossingen, verzoeken om toelichting, acties over de "
            "deadline, 16,5/17,5-signalen en verslagen."
        ),
        parameters=[WorkItemQuerySerializer],
        responses=WorkItemSerializer(many=True),
    )
    def get(self, request):
        query = WorkItemQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        team = require_team_or_404(
            request,
            capability=Cap.VIEW_TEAM,
            purpose=self.audit_purpose,
            pk=query.validated_data["teamId"],
        )
        sections = selectors.work_items(request.user, team, timezone.localdate())
        rows = []
        for section in sections:
            for item in section.items:
                rows.append(
                    {
                        "kind": item.kind,
                        "section": str(section.label),
                        "case_id": item.casus.pk if item.casus else None,
                        "case_reference": item.casus.reference if item.casus else None,
                        "title": item.title,
                        "due": item.due,
                        "overdue": item.overdue,
                        "url": item.url,
                    }
                )
        self.audit(*{item.casus for s in sections for item in s.items if item.casus})
        return Response(WorkItemSerializer(rows, many=True).data)
