from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from passend.accounts.models import Membership, User
from passend.accounts.permissions import get_visible_or_404, require_team_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView

from . import selectors, services
from .models import OrganisationType
from .serializers import (
    OrganisationSerializer,
    RegionSerializer,
    TeamMemberSerializer,
    TeamSerializer,
)


@extend_schema_view(
    list=extend_schema(summary="Jeugdregio's", description="De jeugdregio's van uw teams."),
    retrieve=extend_schema(summary="Jeugdregio", description="Eén jeugdregio met gemeenten."),
)
@extend_schema(tags=["Regio's en teams"])
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    personal_data = False
    serializer_class = RegionSerializer
    lookup_url_kwarg = "regionId"

    def get_queryset(self):
        return (
            selectors.regions_for(self.request.user).prefetch_related("gemeenten").order_by("name")
        )


@extend_schema_view(
    list=extend_schema(summary="Expertteams", description="De expertteams waar u lid van bent."),
    retrieve=extend_schema(summary="Expertteam", description="Eén expertteam met instellingen."),
    partial_update=extend_schema(
        summary="Teaminstellingen wijzigen", description="Alleen voor de beheerder van het team."
    ),
)
@extend_schema(tags=["Regio's en teams"])
class TeamViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    personal_data = False
    serializer_class = TeamSerializer
    http_method_names = ["get", "patch", "head", "options"]
    lookup_url_kwarg = "teamId"

    def get_queryset(self):
        return selectors.teams_for(self.request.user).prefetch_related("gemeenten").order_by("name")

    def get_object(self):
        return require_team_or_404(
            self.request,
            capability=Cap.VIEW_TEAM,
            purpose="expertteam openen",
            pk=self.kwargs["teamId"],
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_team_settings(
            serializer.instance,
            changes=serializer.validated_data,
            actor=self.request.user,
            request=self.request,
        )


@extend_schema_view(
    list=extend_schema(
        summary="Organisaties",
        description="Organisaties in uw jeugdregio's.",
        parameters=[
            OpenApiParameter("q", str, description="Zoek op naam of gemeente."),
            OpenApiParameter(
                "type",
                str,
                enum=[t.value for t in OrganisationType],
                description="Soort organisatie.",
            ),
        ],
    ),
    retrieve=extend_schema(summary="Organisatie", description="Eén organisatie."),
)
@extend_schema(tags=["Organisaties"])
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    personal_data = False
    serializer_class = OrganisationSerializer
    lookup_url_kwarg = "organisationId"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.organisations_for(
            self.request.user, query=params.get("q", "")[:100], type=params.get("type", "")
        ).prefetch_related("regions")


@extend_schema_view(
    list=extend_schema(summary="Teamleden", description="Leden van een expertteam met hun rollen."),
    retrieve=extend_schema(summary="Teamlid", description="Eén lid van een expertteam."),
)
@extend_schema(tags=["Regio's en teams"])
class TeamMemberViewSet(AuditedAPIView, viewsets.ReadOnlyModelViewSet):
    serializer_class = TeamMemberSerializer
    audit_subject_type = "medewerker"
    audit_purpose = "teamleden bekijken"
    lookup_url_kwarg = "userId"

    @cached_property
    def team(self):
        return require_team_or_404(
            self.request,
            capability=Cap.VIEW_MEMBERS,
            purpose=self.audit_purpose,
            pk=self.kwargs["teamId"],
        )

    @cached_property
    def memberships(self):
        return list(selectors.team_memberships(self.request.user, self.team))

    def audit_team(self, obj):
        return self.team

    def get_queryset(self):
        ids = {m.user_id for m in self.memberships}
        return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username")

    def get_object(self):
        membership = get_visible_or_404(
            self.request,
            Membership.objects.current().filter(team=self.team),
            capability=Cap.VIEW_MEMBERS,
            subject_type="medewerker",
            purpose=self.audit_purpose,
            subject_id=self.kwargs["userId"],
            team=self.team,
            user_id=self.kwargs["userId"],
        )
        self.audit(membership.user)
        return membership.user

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "teamId" in self.kwargs and not getattr(self, "swagger_fake_view", False):
            context.update(team=self.team, memberships=self.memberships)
        return context
