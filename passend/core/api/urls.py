"""The API under /api/v1/: one routing style. Every module lists its routes as explicit paths
(``path("cases/<int:caseId>/goals", ViewSet.as_view({...}), name=...)``) in its own API URL
module, named here once; no router, no registration hooks."""

from importlib import import_module

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerSplitView,
    SpectacularYAMLAPIView,
)

from .renderers import OpenApiYamlRenderer

API_URL_MODULES = [
    "passend.accounts.api_urls",
    "passend.regions.api_urls",
    "passend.audit.api_urls",
    "passend.analysis.api_urls",
    "passend.meetings.api_urls",
    "passend.advice.api_urls",
    "passend.procesregie.api_urls",
    "passend.inbox.api_urls",
    "passend.socialmap.urls.api",
    "passend.cases.urls.api",
    "passend.privacy.urls.api",
    "passend.monitoring.api_urls",
]

for view in (SpectacularJSONAPIView, SpectacularYAMLAPIView, SpectacularSwaggerSplitView):
    view.personal_data = False

app_name = "api"
urlpatterns = [
    *[pattern for name in API_URL_MODULES for pattern in import_module(name).urlpatterns],
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema-json"),
    path(
        "openapi.yaml",
        SpectacularYAMLAPIView.as_view(renderer_classes=[OpenApiYamlRenderer]),
        name="schema-yaml",
    ),
    # Swagger UI sets inline styles; allow those (styles only, never scripts) on this page alone.
    path(
        "docs",
        csp_update({"style-src": [SELF, UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema-json")
        ),
        name="docs",
    ),
]
