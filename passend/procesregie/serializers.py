"""API representation of the procesregie module. Field names are camelCased by the renderer."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from .codes import DOUBLE_CHECK_FIELDS, ArrangementStatus, FutureDomain
from .models import Actie, Doel, Escalatie, Toekomstplan
from .rules import OWNER_NOT_IN_TEAM
from .selectors import team_members


class GoalSerializer(serializers.ModelSerializer):
    case_id = serializers.IntegerField(source="casus_id", read_only=True)

    class Meta:
        model = Doel
        fields = ["id", "case_id", "term", "description", "achieved_on", "order", "created_at"]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"order": {"required": False, "min_value": 0, "max_value": 999}}


class ActionSerializer(serializers.ModelSerializer):
    case_id = serializers.IntegerField(source="casus_id", read_only=True)
    case_reference = serializers.CharField(source="casus.reference", read_only=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.none(),  # the case's team members, see __init__
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": OWNER_NOT_IN_TEAM},
        help_text="Teamlid dat de actie uitvoert: een actief lid van het team van de casus dat "
        "aan casussen werkt.",
    )
    owner_name = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=150,
        help_text="Of: eigenaar buiten het team.",
    )
    overdue = serializers.SerializerMethodField(help_text="Open of bezig en over de datum.")

    class Meta:
        model = Actie
        fields = [
            "id",
            "case_id",
            "case_reference",
            "goal",
            "description",
            "owner",
            "owner_name",
            "deadline",
            "status",
            "done_on",
            "overdue",
            "created_at",
        ]
        read_only_fields = ["id", "done_on", "created_at"]
        extra_kwargs = {"goal": {"required": False, "allow_null": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        casus = self.context.get("casus")
        self.fields["goal"].queryset = (
            Doel.objects.filter(casus=casus) if casus else Doel.objects.none()
        )
        self.fields["owner"].queryset = (
            team_members(casus.team) if casus else get_user_model().objects.none()
        )

    def get_overdue(self, action) -> bool:
        return action.is_overdue(timezone.localdate())


class EscalationSerializer(serializers.ModelSerializer):
    case_id = serializers.IntegerField(source="casus_id", read_only=True)

    class Meta:
        model = Escalatie
        fields = [
            "id",
            "case_id",
            "from_level",
            "to_level",
            "reason",
            "escalated_on",
            "outcome",
            "outcome_on",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {
            "outcome": {"required": False, "allow_null": True, "allow_blank": True},
            "outcome_on": {"required": False},
        }


class FuturePlanRowSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=FutureDomain.choices, help_text="Leefgebied.")
    supporter = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Wie ondersteunt."
    )
    arrangement = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Wat is geregeld of nodig."
    )
    status = serializers.ChoiceField(
        choices=ArrangementStatus.choices, required=False, help_text="Stand van zaken."
    )

    def validate(self, attrs):
        # Also when the plan is changed (PATCH, partial): a row names its life domain.
        if "domain" not in attrs:
            raise serializers.ValidationError({"domain": _("Kies het leefgebied van deze regel.")})
        return attrs


class FuturePlanSerializer(serializers.ModelSerializer):
    case_id = serializers.IntegerField(source="casus_id", read_only=True)
    rows = FuturePlanRowSerializer(many=True, required=False)

    class Meta:
        model = Toekomstplan
        fields = [
            "id",
            "case_id",
            "dream",
            "treatment_plan",
            *DOUBLE_CHECK_FIELDS,
            "check_notes",
            "rows",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {
            name: {"required": False, "allow_blank": True} for name in DOUBLE_CHECK_FIELDS
        }

    def validate_rows(self, rows):
        domains = [row.get("domain") for row in rows]
        if len(domains) != len(set(domains)):
            raise serializers.ValidationError(_("Elk leefgebied mag maar één keer voorkomen."))
        return rows

    def to_representation(self, plan):
        data = super().to_representation(plan)
        data["rows"] = [
            {
                "domain": row.domain,
                "supporter": row.supporter,
                "arrangement": row.arrangement,
                "status": row.status,
            }
            for row in plan.rows.all()
        ]
        return data


class AgeAlertSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="toekomstplan_nodig of achttien_nadert.")
    due_on = serializers.DateField(help_text="Datum waarop het signaal inging.")
    message = serializers.CharField()


class DirectionCheckSerializer(serializers.Serializer):
    expected_director = serializers.CharField(
        allow_null=True, help_text="gi, bewindvoerder_mentor, gemeente of plaatsende_instantie."
    )
    expected_director_label = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True, help_text="De regel uit de casusregie check.")
    legal_framework = serializers.CharField()
    placed_by = serializers.CharField(allow_blank=True)
    in_closed_youth_care = serializers.BooleanField()
    wlz_transition = serializers.BooleanField(help_text="Overgang Jeugdwet–Wlz speelt.")
    has_future_plan = serializers.BooleanField()
    alerts = AgeAlertSerializer(many=True)
