"""Serializers of the waiting-time API (snake_case here, lowerCamelCase on the wire)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Wachttijd
from ..selectors import confirmed_by_label
from ..waiting import is_outdated
from .search import MAX_ID


class WaitingTimeQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Expertteam waarvoor u werkt; bepaalt wanneer een wachttijd verouderd is.",
    )


class WaitingTimeEntrySerializer(serializers.ModelSerializer):
    """Eén bevestiging van de wachttijden van een aanbod. Wie bevestigde staat er als
    organisatie of rol, nooit als naam."""

    offer_id = serializers.IntegerField(source="aanbod_id", read_only=True, help_text="Aanbod.")
    location_id = serializers.IntegerField(
        source="locatie_id",
        read_only=True,
        allow_null=True,
        help_text="Locatie; leeg als de wachttijd voor alle locaties geldt.",
    )
    location_name = serializers.SerializerMethodField(help_text="Naam van de locatie.")
    confirmed_by = serializers.SerializerMethodField(
        help_text="Wie bevestigde: organisatie of rol (geen naam)."
    )
    outdated = serializers.SerializerMethodField(
        help_text="Verouderd volgens de instelling van het team (standaard 6 weken)."
    )

    class Meta:
        model = Wachttijd
        fields = [
            "id",
            "offer_id",
            "location_id",
            "location_name",
            "weeks_to_registration",
            "weeks_to_intake",
            "weeks_to_treatment",
            "confirmed_on",
            "confirmed_by",
            "note",
            "outdated",
        ]
        read_only_fields = fields

    def get_location_name(self, obj) -> str | None:
        return obj.locatie.name if obj.locatie_id else None

    def get_confirmed_by(self, obj) -> str:
        return confirmed_by_label(obj)

    def get_outdated(self, obj) -> bool:
        return is_outdated(obj.confirmed_on, self.context["today"], self.context["stale_weeks"])


class WaitingTimeEntryInputSerializer(serializers.Serializer):
    """Een nieuwe bevestiging: dezelfde of nieuwe waarden, voor één locatie of alle locaties."""

    location_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Locatie van het aanbod; weglaten voor alle locaties.",
    )
    weeks_to_registration = serializers.IntegerField(
        min_value=0, max_value=260, help_text="Weken tot aanmelding."
    )
    weeks_to_intake = serializers.IntegerField(
        min_value=0, max_value=260, help_text="Weken tot intake."
    )
    weeks_to_treatment = serializers.IntegerField(
        min_value=0, max_value=260, help_text="Weken tot start hulp."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Toelichting."
    )
    confirmed_on = serializers.DateField(
        required=False, help_text="Datum van bevestiging; weglaten voor vandaag."
    )

    def validate_location_id(self, value):
        """The location (of the offer in the context), or None for all its locations."""
        if value is None:
            return None
        location = self.context["offer"].locaties.filter(pk=value).first()
        if location is None:
            raise serializers.ValidationError(_("Dit aanbod wordt niet op deze locatie gegeven."))
        return location
