from django.contrib import admin
from django.urls import include, path

from passend.core import views as core_views

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.not_found
handler500 = core_views.server_error

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("passend.core.api.urls")),
    path("django-admin/", admin.site.urls),
    path("", include("passend.accounts.urls")),
    path("", include("passend.regions.urls")),
    path("", include("passend.audit.urls")),
    path("", include("passend.cases.urls")),
    path("", include("passend.analysis.urls")),
    path("", include("passend.meetings.urls")),
    path("", include("passend.advice.urls")),
    path("", include("passend.procesregie.urls")),
    path("", include("passend.inbox.urls")),
    path("", include("passend.socialmap.urls")),
    path("", include("passend.privacy.urls")),
    path("", include("passend.monitoring.urls")),
]
