from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .services import check_api_second_factor


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
