"""Pages of the sociale kaart; each part of the module keeps its own list."""

from .urls_beheer import urlpatterns as beheer
from .urls_io import urlpatterns as io
from .urls_search import urlpatterns as search

app_name = "socialmap"
urlpatterns = [*search, *beheer, *io]
