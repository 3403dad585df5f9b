"""API shapes of the beheer of users and memberships (field names camelCased by the renderer)."""

from rest_framework import serializers

from passend.regions.models import Organisation

from .models import Membership, Uitnodiging
from .roles import Role

STATES = ["actief", "gepland", "beeindigd"]


class MembershipSerializer(serializers.ModelSerializer):
    """A role of a person in the team, from `start` up to and including `end`."""

    user = serializers.PrimaryKeyRelatedField(read_only=True, help_text="De medewerker.")
    state = serializers.SerializerMethodField(help_text="actief, gepland of beeindigd.")

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "role",
            "organisation",
            "expertise",
            "start",
            "end",
            "aggregate_whole_area",
            "state",
        ]
        read_only_fields = fields

    def get_state(self, membership) -> str:
        return membership.state()


class MembershipWriteSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices, help_text="De rol in het team.")
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="Namens welke organisatie; een organisatie in de regio van het team.",
    )
    expertise = serializers.CharField(max_length=120, allow_blank=True, required=False)
    start = serializers.DateField(required=False, help_text="Eerste dag; standaard vandaag.")
    end = serializers.DateField(
        allow_null=True, required=False, help_text="Laatste dag; leeg is doorlopend."
    )
    aggregate_whole_area = serializers.BooleanField(
        required=False,
        help_text="Alleen voor een beleidsadviseur: mag de cijfers van het hele werkgebied van "
        "het team zien (anders alleen die van de eigen gemeente).",
    )


class MembershipCreateSerializer(MembershipWriteSerializer):
    user = serializers.IntegerField(
        min_value=1, help_text="Een medewerker die al een rol in dit team heeft (gehad)."
    )


class InvitationSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(read_only=True, help_text="De uitgenodigde.")
    email = serializers.EmailField(source="user.email", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    expires_at = serializers.DateTimeField(read_only=True, help_text="Tot wanneer de link werkt.")
    status = serializers.ChoiceField(
        choices=["open", "verlopen", "aanvaard"], read_only=True, help_text="Stand van zaken."
    )

    class Meta:
        model = Uitnodiging
        fields = [
            "id",
            "user",
            "email",
            "username",
            "sent_at",
            "times_sent",
            "expires_at",
            "accepted_at",
            "status",
        ]
        read_only_fields = fields


class InviteSerializer(MembershipWriteSerializer):
    email = serializers.EmailField(help_text="Hierheen gaat de uitnodiging.")
    first_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    last_name = serializers.CharField(max_length=150)
    username = serializers.CharField(
        max_length=150,
        allow_blank=True,
        required=False,
        help_text="Leeg: afgeleid van het e-mailadres.",
    )
    end = None
    aggregate_whole_area = None


class InviteResultSerializer(serializers.Serializer):
    user = serializers.IntegerField(help_text="Het (nieuwe of bestaande) account.")
    membership = MembershipSerializer()
    existing_account = serializers.BooleanField(
        help_text="Het e-mailadres had al een account; dat kreeg de rol erbij."
    )
    invitation = InvitationSerializer(
        allow_null=True, help_text="Leeg als het bestaande account al in gebruik is."
    )
