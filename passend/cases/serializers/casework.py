"""API representation of the case work on a case: perspectief, casusregie, closure. Partial
updates go through these with ``partial=True``; the rules are the services'."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..codes import ClosureOutcome, ConsultationType, Plaatsingsroute, Woonsituatie


class PerspectiveSerializer(serializers.Serializer):
    youth_wish = serializers.CharField(
        allow_blank=True,
        max_length=4000,
        help_text="Wat wil je? (woorden van de jeugdige)",
    )
    youth_struggle = serializers.CharField(
        allow_blank=True, max_length=4000, help_text="Waar loop je tegenaan?"
    )
    family_wish = serializers.CharField(
        allow_blank=True, max_length=4000, help_text="Veranderwens van het gezin."
    )
    perspective_updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        # Not filled in yet is null in the model; the API says so with "" (a string, as documented).
        data = super().to_representation(instance)
        return {
            key: "" if value is None and key != "perspective_updated_at" else value
            for key, value in data.items()
        }


class CaseDirectionSerializer(serializers.Serializer):
    consultation_type = serializers.ChoiceField(
        choices=[("", _("nog niet gekozen")), *ConsultationType.choices],
        allow_blank=True,
        help_text="Consultatie (traject) of advies (eenmalig).",
    )
    placed_by = serializers.CharField(
        allow_blank=True, max_length=200, help_text="Plaatsende instantie, als geplaatst."
    )
    in_closed_youth_care = serializers.BooleanField(help_text="Verblijft in gesloten jeugdhulp.")
    wlz_transition = serializers.BooleanField(help_text="Overgang Jeugdwet–Wlz speelt.")


class ClosureSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ClosureOutcome.choices, help_text="Uitkomst.")
    fitting_place_on = serializers.DateField(
        required=False, allow_null=True, help_text="Passende plek bereikt op (bij passende plek)."
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Toelichting (bij overig)."
    )
    living_situation_at_closure = serializers.ChoiceField(
        choices=Woonsituatie.choices,
        help_text="Woonsituatie bij afsluiten (code). Altijd verplicht.",
    )
    placement_route = serializers.ChoiceField(
        choices=Plaatsingsroute.choices,
        required=False,
        allow_blank=True,
        help_text="Geplaatst via (code). Verplicht bij passende_plek en crisisplaatsing.",
    )
    open_actions = serializers.ChoiceField(
        choices=[("vervallen", "vervallen"), ("overdragen", "overdragen")],
        required=False,
        allow_blank=True,
        help_text="Wat er met de open acties gebeurt: laten vervallen, of overdragen aan newOwner."
        " Verplicht als er open acties zijn.",
    )
    new_owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(),
        required=False,
        allow_null=True,
        help_text="Teamlid dat de open acties overneemt (bij overdragen).",
    )
    withdraw_clarifications = serializers.BooleanField(
        required=False,
        default=False,
        help_text="De onbeantwoorde vragen om toelichting intrekken. Verplicht (true) als er "
        "onbeantwoorde vragen zijn.",
    )
