"""API representation of meetings and case discussions. Field names are camelCased."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from passend.cases.models import Casus
from passend.regions.models import Team

from .codes import AttendanceStatus, GuestKind, MeetingStatus, Participation
from .models import Aanwezigheid, Casusbespreking, Gast, Overleg

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


class SafeDateTimeField(serializers.DateTimeField):
    """A moment; one that cannot be placed in the time zone (year 1, year 9999) is invalid
    input, not a server error. The services bound the days a meeting can have."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except (OverflowError, ValueError):
            raise serializers.ValidationError(_("Deze datum en tijd kunnen niet.")) from None


class FilterDateField(serializers.DateField):
    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not FIRST_DAY <= day <= LAST_DAY:
            raise serializers.ValidationError(_("Kies een datum tussen 1900 en 2999."))
        return day


class MeetingQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(required=False, min_value=1, help_text="Expertteam.")
    dateFrom = FilterDateField(required=False, help_text="Overleggen vanaf deze datum.")
    dateUntil = FilterDateField(required=False, help_text="Overleggen tot en met deze datum.")
    status = serializers.ChoiceField(
        required=False, choices=MeetingStatus.choices, help_text="Status van het overleg."
    )

    def validate(self, attrs):
        start, end = attrs.get("dateFrom"), attrs.get("dateUntil")
        if start and end and end < start:
            raise serializers.ValidationError({"dateUntil": _("Deze datum ligt voor dateFrom.")})
        return attrs


class AgendaItemSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="casus_id", read_only=True, help_text="Id van de casus.")
    case_reference = serializers.CharField(source="casus.reference", read_only=True)
    minutes_recorded = serializers.SerializerMethodField(help_text="Is er een verslag?")

    class Meta:
        model = Casusbespreking
        fields = [
            "id",
            "case",
            "case_reference",
            "order",
            "participation",
            "minutes_recorded",
            "discussed_at",
        ]
        read_only_fields = fields

    def get_minutes_recorded(self, obj) -> bool:
        return obj.minutes_recorded_at is not None


class MeetingSerializer(serializers.ModelSerializer):
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), help_text="Expertteam (alleen bij aanmaken)."
    )
    starts_at = SafeDateTimeField(help_text="Begin van het overleg.")
    ends_at = serializers.DateTimeField(read_only=True, help_text="Einde (begin + duur).")
    chair = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.none(),
        allow_null=True,
        required=False,
        help_text="Voorzitter: een actief lid van het team met een rol in het casuswerk.",
    )
    agenda = AgendaItemSerializer(many=True, read_only=True, source="discussions")

    class Meta:
        model = Overleg
        fields = [
            "id",
            "team",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "location",
            "chair",
            "status",
            "notes",
            "agenda",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"notes": {"allow_blank": True, "allow_null": True, "required": False}}

    def __init__(self, *args, chairs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if chairs is not None:
            self.fields["chair"].queryset = chairs


class DiscussionSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="overleg_id", read_only=True)
    case = serializers.PrimaryKeyRelatedField(
        source="casus",
        queryset=Casus.objects.none(),
        help_text="Id van de casus (alleen bij agenderen; een actieve casus van het team).",
    )
    case_reference = serializers.CharField(source="casus.reference", read_only=True)
    participation = serializers.ChoiceField(
        choices=Participation.choices,
        allow_blank=True,
        required=False,
        help_text="Deelname van jeugdige en ouders; leeg: nog niet vastgelegd.",
    )

    class Meta:
        model = Casusbespreking
        fields = [
            "id",
            "meeting",
            "case",
            "case_reference",
            "order",
            "question",
            "participation",
            "spokesperson_name",
            "spokesperson_relation",
            "absence_reason",
            "minutes_part1",
            "minutes_part2",
            "minutes_recorded_at",
            "what_helped",
            "could_be_better",
            "family_view",
            "evaluated_by",
            "evaluated_at",
            "discussed_at",
        ]
        read_only_fields = [
            "id",
            "order",
            "minutes_recorded_at",
            "evaluated_by",
            "evaluated_at",
            "discussed_at",
        ]
        extra_kwargs = {
            key: {"allow_blank": True, "allow_null": True, "required": False}
            for key in (
                "question",
                "spokesperson_name",
                "spokesperson_relation",
                "absence_reason",
                "minutes_part1",
                "minutes_part2",
                "what_helped",
                "could_be_better",
                "family_view",
            )
        }

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cases is not None:
            self.fields["case"].queryset = cases


class AttendanceSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.none(), help_text="Id van het teamlid."
    )
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)

    class Meta:
        model = Aanwezigheid
        fields = ["user", "status", "recorded_at"]
        read_only_fields = ["recorded_at"]

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["user"].queryset = members


class GuestSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=GuestKind.choices, default=GuestKind.GAST)

    class Meta:
        model = Gast
        fields = ["id", "name", "organisation", "function", "kind", "discussion", "added_at"]
        read_only_fields = ["id", "added_at"]
        extra_kwargs = {"discussion": {"queryset": Casusbespreking.objects.none()}}

    def __init__(self, *args, overleg=None, **kwargs):
        super().__init__(*args, **kwargs)
        if overleg is not None:
            self.fields["discussion"].queryset = overleg.discussions.all()
