"""API routes of the procesregie module, mounted under /api/v1/ by passend.core.api.urls."""


def register(router) -> None:
    """Register this module's viewsets on the shared API router."""


urlpatterns: list = []
