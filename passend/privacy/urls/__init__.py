"""Pages of the privacy lifecycle: the DPIA check, retention runs, AVG requests."""

from . import avg, dpia, retention

app_name = "privacy"
urlpatterns = [*dpia.pages, *retention.pages, *avg.pages]
