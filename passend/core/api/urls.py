from importlib import import_module

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerSplitView,
    SpectacularYAMLAPIView,
)
from rest_framework.routers import SimpleRouter

from passend.accounts.api import TokenView
from passend.audit.api import AccessLogViewSet
from passend.cases.api import CaseViewSet
from passend.cases.public_api import PublicRegistrationView
from passend.regions.api import OrganisationViewSet, RegionViewSet, TeamMemberViewSet, TeamViewSet

router = SimpleRouter(trailing_slash=False)
router.register("regions", RegionViewSet, basename="region")
router.register("teams", TeamViewSet, basename="team")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("access-logs", AccessLogViewSet, basename="access-log")
router.register("cases", CaseViewSet, basename="case")

# Case-work modules mount their own routes (each module's api_urls: register() + urlpatterns).
MODULES = [
    import_module(f"passend.{name}.api_urls")
    for name in ("analysis", "meetings", "advice", "procesregie", "inbox", "socialmap")
]
for module in MODULES:
    module.register(router)

for view in (SpectacularJSONAPIView, SpectacularYAMLAPIView, SpectacularSwaggerSplitView):
    view.personal_data = False

app_name = "api"
urlpatterns = [
    path("auth/token", TokenView.as_view(), name="token"),
    path("public/registrations", PublicRegistrationView.as_view(), name="public-registration"),
    path(
        "teams/<int:teamId>/members",
        TeamMemberViewSet.as_view({"get": "list"}),
        name="team-member-list",
    ),
    path(
        "teams/<int:teamId>/members/<int:userId>",
        TeamMemberViewSet.as_view({"get": "retrieve"}),
        name="team-member-detail",
    ),
    *[pattern for module in MODULES for pattern in module.urlpatterns],
    *router.urls,
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema-json"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="schema-yaml"),
    # Swagger UI sets inline styles; allow those (styles only, never scripts) on this page alone.
    path(
        "docs",
        csp_update({"style-src": [SELF, UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema-json")
        ),
        name="docs",
    ),
]
