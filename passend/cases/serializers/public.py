"""API representation of a self-registration (zelfmelding)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from passend.regions.models import Gemeente, Team

from ..codes import ParentRelation, ReferrerType, Woonsituatie
from ..forms.public import FILLED_IN_BY
from ..models import Casus, Ouder
from ..validators import clean_bsn, validate_birth_date


class PublicContactSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100, help_text="Voornaam ouder of verzorger.")
    last_name = serializers.CharField(max_length=150, help_text="Achternaam ouder of verzorger.")
    relation = serializers.ChoiceField(
        choices=ParentRelation.choices, help_text="Wat deze persoon van de jeugdige is."
    )
    has_gezag = serializers.BooleanField(help_text="Heeft deze persoon het gezag?")
    phone = serializers.RegexField(
        r"^\+?[0-9][0-9 ()-]{7,24}$",
        max_length=30,
        required=False,
        allow_blank=True,
        help_text="Telefoonnummer. Telefoon of e-mail is verplicht.",
        error_messages={
            "invalid": _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678."),
        },
    )
    email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        help_text="E-mailadres. Telefoon of e-mail is verplicht.",
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )

    def validate(self, attrs):
        if not attrs.get("phone") and not attrs.get("email"):
            raise serializers.ValidationError(
                {"phone": _("Vul een telefoonnummer of een e-mailadres in.")}
            )
        return attrs


class PublicRegistrationSerializer(serializers.Serializer):
    team = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Team.objects.all(),
        help_text="Het expertteam (slug), bijvoorbeeld `team-kustland`.",
        error_messages={
            "does_not_exist": _("Dit expertteam bestaat niet."),
            "invalid": _("Dit expertteam bestaat niet."),
        },
    )
    filled_in_by = serializers.ChoiceField(
        choices=FILLED_IN_BY, help_text="Wie vult het in: de jeugdige zelf of een ouder."
    )
    first_name = serializers.CharField(max_length=100, help_text="Voornaam van de jeugdige.")
    last_name = serializers.CharField(max_length=150, help_text="Achternaam van de jeugdige.")
    birth_date = serializers.DateField(help_text="Geboortedatum van de jeugdige.")
    gemeente = serializers.PrimaryKeyRelatedField(
        queryset=Gemeente.objects.all(),
        help_text="Woongemeente (id); moet in het werkgebied van het team liggen.",
    )
    living_situation = serializers.ChoiceField(
        choices=Woonsituatie.choices, help_text="Waar de jeugdige nu woont (code)."
    )
    address = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Adres van de jeugdige."
    )
    bsn = serializers.CharField(
        max_length=12, required=False, allow_blank=True, help_text="BSN (elfproef)."
    )
    question = serializers.CharField(max_length=5000, help_text="De vraag in eigen woorden.")
    care_history = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, help_text="Wat is al geprobeerd."
    )
    contact = PublicContactSerializer(help_text="Contactpersoon: ouder of verzorger.")
    youth_informed = serializers.BooleanField(help_text="De jeugdige weet van de aanmelding.")
    parents_informed = serializers.BooleanField(help_text="De ouders weten van de aanmelding.")

    def validate_bsn(self, value):
        return clean_bsn(value)

    def validate_birth_date(self, value):
        return validate_birth_date(value)

    def validate(self, attrs):
        errors = {}
        if not attrs["team"].gemeenten.filter(pk=attrs["gemeente"].pk).exists():
            errors["gemeente"] = _("Deze gemeente hoort niet bij het werkgebied van dit team.")
        for flag in ("youth_informed", "parents_informed"):
            if not attrs[flag]:
                errors[flag] = _("De jeugdige en de ouders moeten weten van de aanmelding.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def build(self) -> tuple[Casus, Ouder]:
        data = self.validated_data
        contact = data["contact"]
        casus = Casus(
            team=data["team"],
            self_registration=True,
            filled_in_by=data["filled_in_by"],
            referrer_type=ReferrerType.OUDERS_JEUGDIGE,
            is_draft=True,
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            gemeente=data["gemeente"],
            living_situation=data["living_situation"],
            address=data.get("address") or None,
            bsn=data.get("bsn") or None,
            question=data["question"],
            care_history=data.get("care_history") or None,
            youth_informed=True,
            parents_informed=True,
        )
        parent = Ouder(
            first_name=contact["first_name"],
            last_name=contact["last_name"],
            relation=contact["relation"],
            has_gezag=contact["has_gezag"],
            phone=contact.get("phone") or None,
            email=contact.get("email") or None,
        )
        return casus, parent


PublicRegistrationResponse = inline_serializer(
    "PublicRegistrationResponse",
    {
        "reference": serializers.CharField(help_text="Het nummer van de aanmelding."),
        "state": serializers.CharField(help_text="Altijd `aangemeld`."),
    },
)
