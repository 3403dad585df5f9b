"""API representation of a case, its list filters and its status changes. Field names are
camelCased by the renderer; the rules (who may register, assign, which people may be
assigned, the informed flags) are the services'."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from passend.regions.codelists.fields import RegionCodeField
from passend.regions.models import Gemeente, Organisation, Team

from .. import selectors
from ..codes import CaseState, ReferrerType
from ..models import (
    Casus,
    LifeDomain,
    Ouder,
    RegistrationReason,
    Sector,
    Statuswijziging,
    Wijk,
)
from ..validators import clean_bsn, validate_birth_date


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


# Case-work facts: shown with the case, changed through their own routes (api.casework).
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
    "living_situation_at_closure",
    "placement_route",
]


def _case_region(root):
    """The region of the case's team: of the case being changed, else of the team posted."""
    if root.instance is not None:
        return root.instance.team.region
    team = root.initial_data.get("team") if isinstance(root.initial_data, dict) else None
    if isinstance(team, int) and not isinstance(team, bool):
        found = Team.objects.select_related("region").filter(pk=team).first()
        return found.region if found else None
    return None


def _case_items(name):
    def keep(root):
        return list(getattr(root.instance, name).all()) if root.instance is not None else ()

    return keep


class CaseSerializer(serializers.ModelSerializer):
    parents = ParentSerializer(many=True, required=False, source="ouders")
    reasons = RegionCodeField(
        RegistrationReason,
        many=True,
        region_of=_case_region,
        keep_of=_case_items("reasons"),
        required=False,
        help_text="Codes uit de lijst redenen van aanmelding van de jeugdregio van het team.",
    )
    life_domains = RegionCodeField(
        LifeDomain,
        many=True,
        region_of=_case_region,
        keep_of=_case_items("life_domains"),
        required=False,
        help_text="Codes uit de lijst leefgebieden van de jeugdregio van het team.",
    )
    sectors = RegionCodeField(
        Sector,
        many=True,
        region_of=_case_region,
        keep_of=_case_items("sectors"),
        required=False,
        help_text="Welke expertise nodig is: codes uit de lijst problematiek van de jeugdregio. "
        "Ten minste één bij het versturen (niet bij een zelfmelding).",
    )
    wijk = RegionCodeField(
        Wijk,
        region_of=_case_region,
        keep_of=lambda root: [root.instance.wijk] if root.instance and root.instance.wijk else (),
        required=False,
        allow_null=True,
        help_text="Wijk of stadsdeel (code uit de lijst van de jeugdregio), van de woongemeente.",
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
            "wijk",
            "living_situation",
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
            "sectors",
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
        return [c.reference for c in selectors.previously_registered(casus).only("reference")]

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
                {"gemeente": _("Deze gemeente hoort niet bij het werkgebied van dit team.")}
            )
        if self.instance is not None and "ouders" in attrs:
            raise serializers.ValidationError(
                {"parents": _("Ouders wijzigt u hier niet, maar in de aanmelding.")}
            )
        return attrs


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


class CaseQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(required=False, min_value=1, help_text="Expertteam.")
    state = serializers.ChoiceField(required=False, choices=CaseState.choices, help_text="Status.")
    gemeenteId = serializers.IntegerField(required=False, min_value=1, help_text="Woongemeente.")
    referrerType = serializers.ChoiceField(
        required=False, choices=ReferrerType.choices, help_text="Soort verwijzer (COD327)."
    )
    ageGroup = serializers.ChoiceField(
        required=False, choices=list(selectors.AGE_GROUPS), help_text="Leeftijdsgroep."
    )
    mine = serializers.BooleanField(
        required=False, help_text="Alleen casussen waar ik bij betrokken ben."
    )
    waitingDays = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=3650,
        help_text="Wacht langer dan N dagen op screening.",
    )
    name = serializers.CharField(required=False, max_length=100, help_text="Naam van de jeugdige.")

    def filters(self) -> selectors.CaseFilters:
        params = self.validated_data
        return selectors.CaseFilters(
            state=params.get("state", ""),
            gemeente=params.get("gemeenteId"),
            referrer_type=params.get("referrerType", ""),
            age_group=params.get("ageGroup", ""),
            mine=params.get("mine", False),
            waiting_days=params.get("waitingDays"),
            name=params.get("name", ""),
        )
