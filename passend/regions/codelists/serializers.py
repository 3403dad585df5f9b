"""API shape of a code-list item (the rules are the service's)."""

from rest_framework import serializers

from passend.regions.models import Gemeente


class CodeItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.SlugField(
        max_length=40, help_text="Kleine letters, cijfers en streepjes; verandert niet."
    )
    label_nl = serializers.CharField(max_length=120, help_text="Nederlandse omschrijving.")
    label_en = serializers.CharField(max_length=120, help_text="Engelse omschrijving.")
    label = serializers.CharField(
        read_only=True, help_text="De omschrijving in de taal van het verzoek."
    )
    active = serializers.BooleanField(
        default=True, help_text="Inactief: niet meer aangeboden, blijft waar al gekozen."
    )
    order = serializers.IntegerField(min_value=0, max_value=999, default=0)
    region = serializers.IntegerField(source="region_id", read_only=True, help_text="Jeugdregio.")
    gemeente = serializers.PrimaryKeyRelatedField(
        queryset=Gemeente.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text="Alleen bij wijken (verplicht): de gemeente van de jeugdregio (id).",
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["gemeente"] = getattr(instance, "gemeente_id", None)
        return data


class CodeItemUpdateSerializer(CodeItemSerializer):
    code = serializers.SlugField(read_only=True)
    label_nl = serializers.CharField(max_length=120, required=False)
    label_en = serializers.CharField(max_length=120, required=False)
    active = serializers.BooleanField(required=False)
    order = serializers.IntegerField(min_value=0, max_value=999, required=False)
