from django.contrib.auth import authenticate
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from passend.audit.mixins import AuditedAPIView

from . import selectors
from .models import Membership, Uitnodiging
from .permissions import get_visible_or_404, require_team_or_404
from .roles import Cap
from .serializers import (
    InvitationSerializer,
    InviteResultSerializer,
    InviteSerializer,
    MembershipCreateSerializer,
    MembershipSerializer,
    MembershipWriteSerializer,
)
from .services import beheer, check_api_second_factor, second_factor_reset

SUBJECT = beheer.SUBJECT


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, help_text="Gebruikersnaam.")
    password = serializers.CharField(
        max_length=256,
        trim_whitespace=False,
        style={"input_type": "password"},
        help_text="Wachtwoord.",
    )
    otp = serializers.RegexField(
        r"^\d{6,8}$",
        required=False,
        allow_blank=True,
        help_text="Code uit de authenticator-app; verplicht voor rollen die persoonsgegevens zien.",
        error_messages={"invalid": _("De code bestaat uit 6 cijfers.")},
    )


TokenResponse = inline_serializer(
    "TokenResponse",
    {
        "token": serializers.CharField(help_text="Meesturen als `Authorization: Token <token>`."),
        "expiry": serializers.DateTimeField(help_text="Tijdstip waarop het token verloopt."),
    },
)


class TokenView(APIView):
    """API login: username, password and (when required) a TOTP code for a token."""

    personal_data = False
    permission_classes = [AllowAny]
    authentication_classes = [TokenAuthentication]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(
        operation_id="createToken",
        summary="Token aanvragen",
        description=(
            "Wisselt gebruikersnaam, wachtwoord en (voor rollen die persoonsgegevens zien) de "
            "TOTP-code in voor een token. Na herhaald mislukte pogingen volgt een tijdelijke "
            "blokkade (429)."
        ),
        tags=["Authenticatie"],
        request=TokenRequestSerializer,
        responses={201: TokenResponse},
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if getattr(request._request, "axes_locked_out", False):
            raise exceptions.Throttled(
                wait=900,
                detail=str(_("Te veel mislukte inlogpogingen. Probeer het later opnieuw.")),
            )
        if user is None:
            raise exceptions.AuthenticationFailed(_("Gebruikersnaam of wachtwoord is onjuist."))
        problem = check_api_second_factor(user, data.get("otp"))
        if problem:
            raise exceptions.AuthenticationFailed(problem)
        instance, token = AuthToken.objects.create(user)
        return Response({"token": token, "expiry": instance.expiry}, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="deleteToken",
        summary="Token intrekken",
        description="Trekt het meegestuurde token in (uitloggen).",
        tags=["Authenticatie"],
        request=None,
        responses={204: OpenApiResponse(description="Het token is ingetrokken.")},
    )
    def delete(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- beheer of users and memberships (the team's beheerder) ------------------------------------

TEAM_ID = OpenApiParameter("teamId", int, OpenApiParameter.PATH, description="Expertteam.")
INVITATION_ID = OpenApiParameter(
    "invitationId", int, OpenApiParameter.PATH, description="Uitnodiging."
)
MEMBERSHIP_ID = OpenApiParameter(
    "membershipId", int, OpenApiParameter.PATH, description="Rol (lidmaatschap)."
)
USER_ID = OpenApiParameter("userId", int, OpenApiParameter.PATH, description="Medewerker.")
BEHEER_TAGS = ["Gebruikersbeheer"]


class _TeamBeheerAPI(AuditedAPIView, GenericAPIView):
    """The team of the URL for its beheerder (MANAGE_TEAM); otherwise 404 with one denied
    entry. Reads are logged per person shown; writes by their service."""

    audit_subject_type = SUBJECT
    audit_purpose = "gebruikers beheren"

    @cached_property
    def team(self):
        return require_team_or_404(
            self.request,
            capability=Cap.MANAGE_TEAM,
            purpose=self.audit_purpose,
            pk=self.kwargs["teamId"],
        )

    def audit_subject_id(self, obj):
        return str(obj.user_id)

    def audit_team(self, obj):
        return self.team

    def membership(self) -> Membership:
        membership = get_visible_or_404(
            self.request,
            Membership.objects.filter(team=self.team).select_related("user", "team"),
            capability=Cap.MANAGE_TEAM,
            subject_type=SUBJECT,
            purpose=self.audit_purpose,
            team=self.team,
            pk=self.kwargs["membershipId"],
        )
        return membership


@extend_schema(tags=BEHEER_TAGS, parameters=[TEAM_ID])
class InvitationListView(_TeamBeheerAPI):
    serializer_class = InvitationSerializer
    queryset = Uitnodiging.objects.none()

    @extend_schema(
        operation_id="listInvitations",
        summary="Uitnodigingen",
        description="De uitnodigingen van het team: open, verlopen of aanvaard.",
    )
    def get(self, request, teamId):
        page = self.paginate_queryset(selectors.team_invitations(request.user, self.team))
        return self.get_paginated_response(InvitationSerializer(page, many=True).data)

    @extend_schema(
        operation_id="createInvitation",
        summary="Gebruiker uitnodigen",
        description=(
            "Maakt een account zonder wachtwoord en een rol in het team, en stuurt een e-mail met "
            "een eenmalige link om een wachtwoord te kiezen. Heeft het e-mailadres al een "
            "account, dan krijgt dat account de rol erbij (`existingAccount`)."
        ),
        request=InviteSerializer,
        responses={201: InviteResultSerializer},
    )
    def post(self, request, teamId):
        team = self.team
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = beheer.invite(team, actor=request.user, request=request, **data)
        body = {
            "user": result.user.pk,
            "membership": result.membership,
            "existing_account": result.existing_account,
            "invitation": result.invitation,
        }
        return Response(InviteResultSerializer(body).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=BEHEER_TAGS, parameters=[TEAM_ID, INVITATION_ID])
class InvitationDispatchView(_TeamBeheerAPI):
    serializer_class = InvitationSerializer
    queryset = Uitnodiging.objects.none()

    @extend_schema(
        operation_id="createInvitationDispatch",
        summary="Uitnodiging opnieuw versturen",
        description="Verstuurt de uitnodiging opnieuw met een nieuwe link; de vorige werkt dan "
        "niet meer. 409 als er al een wachtwoord is gekozen.",
        request=None,
        responses={201: InvitationSerializer},
    )
    def post(self, request, teamId, invitationId):
        invitation = get_visible_or_404(
            request,
            Uitnodiging.objects.filter(team=self.team).select_related("user"),
            capability=Cap.MANAGE_TEAM,
            subject_type=SUBJECT,
            purpose="uitnodiging opnieuw versturen",
            team=self.team,
            pk=invitationId,
        )
        invitation = beheer.resend_invitation(
            invitation.user, team=self.team, actor=request.user, request=request
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=BEHEER_TAGS, parameters=[TEAM_ID])
class MembershipListView(_TeamBeheerAPI):
    serializer_class = MembershipSerializer
    queryset = Membership.objects.none()

    @extend_schema(
        operation_id="listMemberships",
        summary="Rollen in het team",
        description="Alle rollen van het team, ook geplande en beëindigde.",
    )
    def get(self, request, teamId):
        page = self.paginate_queryset(selectors.team_memberships(request.user, self.team))
        return self.get_paginated_response(MembershipSerializer(page, many=True).data)

    @extend_schema(
        operation_id="createMembership",
        summary="Rol toevoegen",
        description="Geeft een medewerker van het team een (nieuwe) rol. Anderen nodigt u uit.",
        request=MembershipCreateSerializer,
        responses={201: MembershipSerializer},
    )
    def post(self, request, teamId):
        team = self.team
        serializer = MembershipCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        user = get_visible_or_404(
            request,
            Membership.objects.filter(team=team),
            capability=Cap.MANAGE_TEAM,
            subject_type=SUBJECT,
            purpose="rol toevoegen",
            team=team,
            user_id=data.pop("user"),
        ).user
        membership = beheer.add_membership(
            user, team=team, actor=request.user, request=request, **data
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=BEHEER_TAGS, parameters=[TEAM_ID, MEMBERSHIP_ID])
class MembershipDetailView(_TeamBeheerAPI):
    serializer_class = MembershipSerializer
    queryset = Membership.objects.none()

    @extend_schema(operation_id="retrieveMembership", summary="Rol", description="Eén rol.")
    def get(self, request, teamId, membershipId):
        membership = self.membership()
        self.audit(membership)
        return Response(MembershipSerializer(membership).data)

    @extend_schema(
        operation_id="updateMembership",
        summary="Rol wijzigen",
        description="Wijzigt rol, organisatie, expertise, start- of einddatum of (bij een "
        "beleidsadviseur) het recht op de cijfers van het hele werkgebied. 409 als het team "
        "zo zijn laatste beheerder verliest.",
        request=MembershipWriteSerializer,
        responses={200: MembershipSerializer},
    )
    def patch(self, request, teamId, membershipId):
        membership = self.membership()
        serializer = MembershipWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        membership = beheer.update_membership(
            membership, actor=request.user, changes=serializer.validated_data, request=request
        )
        return Response(MembershipSerializer(membership).data)

    @extend_schema(
        operation_id="deleteMembership",
        summary="Rol beëindigen",
        description="Beëindigt de rol per vandaag; hij blijft als historie bewaard. 409 als het "
        "team zo zijn laatste beheerder verliest of de rol al beëindigd is.",
        request=None,
        responses={204: OpenApiResponse(description="De rol is beëindigd.")},
    )
    def delete(self, request, teamId, membershipId):
        beheer.end_membership(self.membership(), actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=BEHEER_TAGS, parameters=[TEAM_ID, USER_ID])
class SecondFactorView(_TeamBeheerAPI):
    queryset = Membership.objects.none()

    @extend_schema(
        operation_id="deleteSecondFactor",
        summary="Tweede factor resetten",
        description="Verwijdert de authenticator van een teamlid (telefoon kwijt); bij de "
        "volgende login koppelt het teamlid een nieuwe. Het teamlid krijgt een e-mail.",
        request=None,
        responses={204: OpenApiResponse(description="De tweede factor is gereset.")},
    )
    def delete(self, request, teamId, userId):
        membership = get_visible_or_404(
            request,
            Membership.objects.current().filter(team=self.team).select_related("user"),
            capability=Cap.MANAGE_TEAM,
            subject_type=SUBJECT,
            purpose="tweede factor resetten",
            team=self.team,
            subject_id=userId,
            user_id=userId,
        )
        second_factor_reset(membership.user, actor=request.user, team=self.team, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
