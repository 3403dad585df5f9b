from rest_framework import serializers

from passend.accounts.models import User

from .models import Gemeente, Organisation, Region, Team
from .services import SETTINGS_FIELDS


class GemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = ["id", "name", "cbs_code"]


class RegionSerializer(serializers.ModelSerializer):
    gemeenten = GemeenteSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "slug", "gemeenten"]


class TeamSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(read_only=True)
    gemeenten = GemeenteSerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "slug", "region", "email", "gemeenten", *SETTINGS_FIELDS]
        read_only_fields = ["id", "name", "slug", "region", "email", "gemeenten"]


class OrganisationSerializer(serializers.ModelSerializer):
    regions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "type",
            "regions",
            "gemeente",
            "kvk_number",
            "website",
            "email",
            "phone",
        ]


class TeamMemberSerializer(serializers.ModelSerializer):
    """A person in a team: name, contact details and roles in that team."""

    roles = serializers.SerializerMethodField()
    organisations = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "phone",
            "roles",
            "organisations",
        ]

    def _memberships(self, user):
        team = self.context["team"]
        return [
            m for m in self.context["memberships"] if m.user_id == user.pk and m.team_id == team.pk
        ]

    def get_roles(self, user) -> list[str]:
        return [m.role for m in self._memberships(user)]

    def get_organisations(self, user) -> list[str]:
        return sorted({m.organisation.name for m in self._memberships(user) if m.organisation_id})
