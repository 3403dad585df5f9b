"""Self-registration (zelfmelding) through the API, for apps and forms of the region.

Anonymous, throttled per address, and only for teams that allow self-registration. The answer
holds the reference and state only: no personal data is echoed.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from passend.regions.models import Team

from .. import services
from ..forms.public import CLOSED_MESSAGE
from ..serializers.public import PublicRegistrationResponse, PublicRegistrationSerializer

THROTTLED_MESSAGE = _(
    "Er zijn vanaf dit adres te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw."
)


class PublicRegistrationThrottle(AnonRateThrottle):
    """5 registrations per hour per client address, whatever the settings say."""

    scope = "public-registration"
    rate = "5/hour"

    def get_ident(self, request):
        # The socket address, like django-ratelimit in the web form and the access log; a
        # client-supplied X-Forwarded-For must not buy a fresh quota.
        return request.META.get("REMOTE_ADDR") or super().get_ident(request)


PROBLEM = {"$ref": "#/components/schemas/Problem"}


class PublicRegistrationView(APIView):
    """Anonymous self-registration: creates and submits a case, answers with its number."""

    personal_data = False
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicRegistrationThrottle]
    http_method_names = ["post", "options"]

    def throttled(self, request, wait):
        raise exceptions.Throttled(wait=wait, detail=str(THROTTLED_MESSAGE))

    @extend_schema(
        operation_id="createPublicRegistration",
        summary="Zelfmelding versturen",
        description=(
            "Een jeugdige of ouder meldt zich zelf aan bij een expertteam dat zelfmeldingen "
            "aanneemt. Zonder inlog. Het antwoord bevat alleen het nummer en de status van de "
            "aanmelding, geen persoonsgegevens. Neemt het team geen zelfmeldingen aan, dan volgt "
            "403. Per adres zijn 5 aanmeldingen per uur mogelijk (daarna 429). Toestemming vraagt "
            "het team later zelf."
        ),
        tags=["Zelfmelding"],
        request=PublicRegistrationSerializer,
        responses={
            201: PublicRegistrationResponse,
            (403, "application/problem+json"): OpenApiResponse(
                response=PROBLEM, description="Dit expertteam neemt geen zelfmeldingen aan."
            ),
        },
        auth=[],
    )
    def post(self, request):
        data = request.data
        slug = data.get("team") if isinstance(data, dict) else None
        team = Team.objects.filter(slug=slug).first() if isinstance(slug, str) else None
        if team is not None and not team.self_registration_enabled:
            raise exceptions.PermissionDenied(str(CLOSED_MESSAGE))
        serializer = PublicRegistrationSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        casus, parent = serializer.build()
        services.register(casus, actor=None, parents=[parent], request=request)
        return Response(
            {"reference": casus.reference, "state": casus.state}, status=status.HTTP_201_CREATED
        )
