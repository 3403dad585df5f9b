from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import AccessLogEntry, Outcome


class AccessLogEntrySerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Id van de gebruiker.")

    class Meta:
        model = AccessLogEntry
        fields = [
            "id",
            "timestamp",
            "action",
            "outcome",
            "user",
            "username",
            "roles",
            "organisation",
            "team",
            "on_behalf_of",
            "subject_type",
            "subject_id",
            "purpose",
            "access_point",
            "client_address",
            "entry_hash",
        ]


class AccessLogQuerySerializer(serializers.Serializer):
    """Query parameters of GET /access-logs (lowerCamelCase in the URL)."""

    teamId = serializers.IntegerField(required=False, min_value=1, help_text="Expertteam.")
    subjectType = serializers.CharField(required=False, max_length=40, help_text="Soort gegeven.")
    subjectId = serializers.CharField(required=False, max_length=64, help_text="Kenmerk.")
    userId = serializers.IntegerField(required=False, min_value=1, help_text="Gebruiker.")
    outcome = serializers.ChoiceField(
        required=False, choices=Outcome.choices, help_text="Uitkomst."
    )
    dateFrom = serializers.DateField(required=False, help_text="Vanaf (datum, inclusief).")
    dateUntil = serializers.DateField(required=False, help_text="Tot en met (datum).")

    def validate(self, attrs):
        if (
            attrs.get("dateFrom")
            and attrs.get("dateUntil")
            and attrs["dateFrom"] > attrs["dateUntil"]
        ):
            raise serializers.ValidationError(
                {"dateUntil": _("De einddatum ligt voor de begindatum.")}
            )
        return attrs
