"""API routes of the sociale kaart under /api/v1/socialmap/, mounted by passend.core.api.urls."""

from .api_urls_beheer import urlpatterns as beheer
from .api_urls_search import urlpatterns as search

urlpatterns = [*search, *beheer]
