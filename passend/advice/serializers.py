"""API representation of advices. Field names are camelCased by the renderer."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from passend.regions.models import Organisation
from passend.socialmap.models import Aanbod
from passend.socialmap.picker import offer_details

from . import selectors
from .models import (
    CONTENT_FIELDS,
    Advies,
    Belangenverklaring,
    ImplementationStatus,
    Opvolging,
    Toelichtingsverzoek,
)
from .services import RECIPIENTS, content_errors, offer_refusal


class ConflictFlagSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(help_text="De expert.")
    organisation_id = serializers.IntegerField(help_text="Zijn of haar organisatie.")
    resolved = serializers.BooleanField(help_text="Keuze vastgelegd (blijft of treedt terug).")
    decision = serializers.CharField(allow_blank=True, help_text="bevestigd of teruggetreden.")


class OfferWaitingTimeSerializer(serializers.Serializer):
    location = serializers.CharField(
        allow_blank=True, help_text="Locatie; leeg: geldt voor alle locaties."
    )
    weeks_to_registration = serializers.IntegerField(help_text="Weken tot aanmelding.")
    weeks_to_intake = serializers.IntegerField(help_text="Weken tot intake.")
    weeks_to_treatment = serializers.IntegerField(help_text="Weken tot start van de hulp.")
    confirmed_on = serializers.DateField(help_text="Laatst bevestigd op.")
    outdated = serializers.BooleanField(
        help_text="Verouderd: ouder dan de teaminstelling; niet als actueel tonen."
    )
    freshness = serializers.CharField(
        help_text="'bevestigd op <datum>' of 'verouderd (laatst bevestigd op <datum>)'."
    )


class OfferContactSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, help_text="Contactpersoon voor verwijzers.")
    phone = serializers.CharField(allow_blank=True, help_text="Telefoon voor verwijzers.")
    email = serializers.CharField(allow_blank=True, help_text="E-mail voor verwijzers.")


class ChosenOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id van het aanbod.")
    name = serializers.CharField(help_text="Naam van het aanbod.")
    organisation = serializers.CharField(help_text="Naam van de organisatie.")
    organisation_id = serializers.IntegerField(help_text="Id van de organisatie.")
    description = serializers.CharField(help_text="Omschrijving in gewone taal.")
    voorliggend_veld = serializers.BooleanField(help_text="Lichte hulp zonder verwijzing.")
    active = serializers.BooleanField(help_text="Nog actief op de sociale kaart.")
    contact = OfferContactSerializer(help_text="Contact voor verwijzers.")
    waiting_times = OfferWaitingTimeSerializer(
        many=True, help_text="Actuele wachttijden per locatie; leeg: wachttijd onbekend."
    )


class AdviceSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="casus_id", read_only=True)
    candidate_providers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all(), required=False
    )
    chosen_offers = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Aanbod.objects.all(),
        required=False,
        help_text="Ids van gekozen aanbod uit de sociale kaart van de eigen regio.",
    )
    chosen_offer_details = serializers.SerializerMethodField(
        help_text="Het gekozen aanbod met contact en actuele wachttijden (met verouderd-vlag)."
    )
    recipients = serializers.ListField(child=serializers.CharField(), read_only=True)
    conflicts = serializers.SerializerMethodField(
        help_text="Mogelijke belangenverstrengeling (alleen voor het team)."
    )

    class Meta:
        model = Advies
        fields = [
            "id",
            "case",
            "version",
            "status",
            "status_reason",
            *CONTENT_FIELDS,
            "candidate_providers",
            "chosen_offers",
            "chosen_offer_details",
            "drafted_by",
            "created_at",
            "approved_by",
            "approved_at",
            "sent_by",
            "sent_at",
            "recipients",
            "implementation_status",
            "conflicts",
        ]
        read_only_fields = [
            "version",
            "drafted_by",
            "created_at",
            "approved_by",
            "approved_at",
            "sent_by",
            "sent_at",
            "implementation_status",
        ]
        extra_kwargs = {"status": {"required": False}}

    def validate_candidate_providers(self, value):
        team = self.context["casus"].team
        allowed = set(
            Organisation.objects.filter(regions=team.region_id).values_list("pk", flat=True)
        )
        if any(org.pk not in allowed for org in value):
            raise serializers.ValidationError(_("Kies organisaties uit de eigen jeugdregio."))
        return value

    def validate_chosen_offers(self, value):
        refusal = offer_refusal(self.context["casus"].team, value)
        if refusal:
            raise serializers.ValidationError(refusal)
        return value

    @extend_schema_field(ChosenOfferSerializer(many=True))
    def get_chosen_offer_details(self, advies) -> list[dict]:
        offers = advies.chosen_offers.select_related("organisation__profiel")
        return ChosenOfferSerializer(offer_details(offers, advies.casus.team), many=True).data

    def validate(self, attrs):
        current = {}
        if self.instance is not None:
            current = {n: getattr(self.instance, n) for n in (*CONTENT_FIELDS, "status_reason")}
            current["status"] = self.instance.status
        errors = content_errors(self.context["casus"].team, {**current, **attrs})
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def get_conflicts(self, advies) -> list[dict]:
        if not self.context.get("team_member"):
            return []
        return ConflictFlagSerializer(
            [
                {
                    "user_id": f.user.pk,
                    "organisation_id": f.organisation.pk,
                    "resolved": f.resolved,
                    "decision": f.declaration.decision if f.declaration else "",
                }
                for f in selectors.conflict_flags(advies)
            ],
            many=True,
        ).data


class DispatchSerializer(serializers.Serializer):
    recipients = serializers.ListField(
        child=serializers.ChoiceField(choices=list(RECIPIENTS)),
        required=False,
        help_text="Ontvangers: verwijzer, jeugdige, ouders. Leeg: zoals in het advies.",
    )


class ConflictDeclarationSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.none(),
        help_text="De gemelde expert: een actief lid van het team met een rol in het casuswerk.",
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        help_text="De organisatie van de expert (een organisatie in de jeugdregio).",
    )

    class Meta:
        model = Belangenverklaring
        fields = ["id", "user", "organisation", "decision", "explanation", "recorded_by", "at"]
        read_only_fields = ["recorded_by", "at"]
        extra_kwargs = {"explanation": {"required": False, "allow_blank": True}}

    def __init__(self, *args, experts=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if experts is not None:
            self.fields["user"].queryset = experts
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class ClarificationRequestSerializer(serializers.ModelSerializer):
    advice = serializers.IntegerField(source="advies_id", read_only=True)

    class Meta:
        model = Toelichtingsverzoek
        fields = [
            "id",
            "advice",
            "party",
            "question",
            "asked_by",
            "asked_at",
            "answer",
            "answered_by",
            "answered_at",
        ]
        read_only_fields = ["asked_by", "asked_at", "answer", "answered_by", "answered_at"]
        extra_kwargs = {"party": {"required": False}, "question": {"allow_null": False}}


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=4000, help_text="Het antwoord van het team.")


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opvolging
        fields = [
            "id",
            "due_on",
            "done_on",
            "done_by",
            "implementation_status",
            "in_fitting_place",
            "notes",
        ]
        read_only_fields = fields


class FollowUpRequestSerializer(serializers.Serializer):
    """Record a follow-up (doneOn + implementationStatus), or only plan one (dueOn)."""

    done_on = serializers.DateField(required=False, help_text="Datum van de follow-up.")
    implementation_status = serializers.ChoiceField(
        choices=ImplementationStatus.choices, required=False, help_text="Uitvoering van het advies."
    )
    in_fitting_place = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    next_due_on = serializers.DateField(required=False, help_text="Volgende follow-up plannen.")
    due_on = serializers.DateField(
        required=False, help_text="Alleen plannen: de datum van een volgende follow-up."
    )

    def validate(self, attrs):
        recording = "implementation_status" in attrs or "done_on" in attrs
        if recording and not {"implementation_status", "done_on"} <= set(attrs):
            raise serializers.ValidationError(
                {"implementation_status": _("Geef bij een follow-up de datum en de uitvoering.")}
            )
        if not recording and "due_on" not in attrs:
            raise serializers.ValidationError(
                {"due_on": _("Leg een follow-up vast, of geef de datum om er een te plannen.")}
            )
        return attrs
