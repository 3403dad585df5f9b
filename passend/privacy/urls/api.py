"""API of the privacy lifecycle (under /api/v1/)."""

from . import avg, dpia, retention

urlpatterns = [*dpia.api, *retention.api, *avg.api]
