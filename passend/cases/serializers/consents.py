"""API representation of consents. The consent rules (a witness with verbal consent, no date
in the future, at least one scope) are the service's (services.record_consent)."""

from rest_framework import serializers

from ..models import Ouder, Toestemming


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


class WithdrawalSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(help_text="Datum van intrekken.")
