"""API representation of cases. Field names are camelCased by the renderer."""

from django.utils import timezone
from rest_framework import serializers

from passend.regions.models import Gemeente, Organisation

from .codes import CaseState
from .models import (
    Bijlage,
    Casus,
    LifeDomain,
    Ouder,
    RegistrationReason,
    Statuswijziging,
    Toestemming,
)
from .validators import clean_bsn, validate_birth_date


class ParentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ouder
        fields = [
            "id",
            "first_name",
            "last_name",
            "relation",
            "has_gezag",
            "phone",
            "email",
            "address",
        ]


# Case-work facts: shown with the case, changed through their own routes (casework_api).
CASE_WORK_FIELDS = [
    "consultation_type",
    "youth_wish",
    "youth_struggle",
    "family_wish",
    "placed_by",
    "in_closed_youth_care",
    "wlz_transition",
    "closure_outcome",
    "fitting_place_on",
    "closure_reason",
]


class CaseSerializer(serializers.ModelSerializer):
    parents = ParentSerializer(many=True, required=False, source="ouders")
    reasons = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=RegistrationReason.objects.filter(active=True),
        required=False,
    )
    life_domains = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=LifeDomain.objects.filter(active=True),
        required=False,
    )
    involved_organisations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all(), required=False
    )
    gemeente = serializers.PrimaryKeyRelatedField(queryset=Gemeente.objects.all())
    previously_registered = serializers.SerializerMethodField()
    bsn = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=12)

    class Meta:
        model = Casus
        fields = [
            "id",
            "reference",
            "team",
            "state",
            "registered_at",
            "self_registration",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "bsn",
            "address",
            "gemeente",
            "referrer_type",
            "aanmelder",
            "aanmelder_organisation",
            "question",
            "reasons",
            "reason_other",
            "multiple_domains",
            "fluctuating",
            "multiple_conditions",
            "family_care_needs",
            "life_domains",
            "legal_framework",
            "legal_basis_reason",
            "involved_organisations",
            "care_history",
            "urgency",
            "youth_informed",
            "parents_informed",
            "parents",
            "screening_outcome",
            "screening_reason",
            "redirected_to",
            "casushouder",
            "procesregisseur",
            "experts",
            "previously_registered",
            *CASE_WORK_FIELDS,
        ]
        read_only_fields = [
            *CASE_WORK_FIELDS,
            "id",
            "reference",
            "state",
            "registered_at",
            "self_registration",
            "aanmelder",
            "screening_outcome",
            "screening_reason",
            "redirected_to",
        ]
        extra_kwargs = {
            "first_name": {"allow_blank": False},
            "last_name": {"allow_blank": False},
            "birth_date": {"required": True, "allow_null": False},
            "question": {"allow_blank": False, "required": True, "allow_null": False},
        }

    def get_previously_registered(self, casus) -> list[str]:
        from .services import previously_registered

        return [c.reference for c in previously_registered(casus).only("reference")]

    def validate_bsn(self, value):
        return clean_bsn(value)

    def validate_birth_date(self, value):
        return validate_birth_date(value)

    def validate(self, attrs):
        team = attrs.get("team") or getattr(self.instance, "team", None)
        gemeente = attrs.get("gemeente")
        if (
            team is not None
            and gemeente is not None
            and not team.gemeenten.filter(pk=gemeente.pk).exists()
        ):
            raise serializers.ValidationError(
                {"gemeente": "Deze gemeente hoort niet bij het werkgebied van dit team."}
            )
        for flag in ("youth_informed", "parents_informed"):
            value = attrs.get(flag, getattr(self.instance, flag, False))
            if not value:
                raise serializers.ValidationError(
                    {flag: "De jeugdige en de ouders moeten weten van de aanmelding."}
                )
        return attrs


class ConsentSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(
        source="ouder",
        queryset=Ouder.objects.none(),
        allow_null=True,
        required=False,
        help_text="Id van de ouder/verzorger; leeg of null: de jeugdige zelf.",
    )

    class Meta:
        model = Toestemming
        fields = [
            "id",
            "parent",
            "method",
            "witness",
            "given_on",
            "scope_exchange",
            "scope_learning",
            "withdrawn_on",
            "recorded_at",
        ]
        read_only_fields = ["id", "withdrawn_on", "recorded_at"]

    def __init__(self, *args, casus=None, **kwargs):
        super().__init__(*args, **kwargs)
        if casus is not None:
            self.fields["parent"].queryset = casus.ouders.all()

    def validate(self, attrs):
        if attrs.get("method") == "mondeling" and not attrs.get("witness"):
            raise serializers.ValidationError(
                {"witness": "Bij mondelinge toestemming hoort een getuige."}
            )
        if attrs.get("given_on") and attrs["given_on"] > timezone.localdate():
            raise serializers.ValidationError({"given_on": "De datum ligt in de toekomst."})
        return attrs


class WithdrawalSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(help_text="Datum van intrekken.")


class TransitionRequestSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=CaseState.choices, help_text="Nieuwe status.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    redirected_to = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Bij doorverwijzen: naar wie."
    )


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Statuswijziging
        fields = ["id", "from_state", "to_state", "actor", "at", "reason"]


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True, help_text="PDF, DOCX, JPEG of PNG; max. 10 MB.")

    class Meta:
        model = Bijlage
        fields = [
            "id",
            "file",
            "original_name",
            "description",
            "content_type",
            "size",
            "uploaded_at",
        ]
        read_only_fields = ["id", "original_name", "content_type", "size", "uploaded_at"]
