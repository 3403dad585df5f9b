from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

# Passend uses none of these browser features; no page (or anything it embeds) may.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivacyHeadersMiddleware:
    """Nothing Passend serves (pages, PDFs, downloads, API answers) is kept in a browser or
    proxy cache: they may hold personal data of children, on a shared computer too. Static
    files are served before this middleware (WhiteNoise) and keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ApiVersionMiddleware:
    """API Design Rules /core/version-header: every API response names the full version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose otherwise (language switch cookie); the browser's
    Accept-Language does not decide: Passend is a Dutch application with English selectable."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class HealthCheckMiddleware:
    """/healthz and /readyz are answered here, before the host check, the HTTPS redirect,
    sessions and users: a load balancer probes by address over plain HTTP and without a
    cookie, and a probe must answer (200 or 503) while the session store is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info in ("/healthz", "/readyz"):
            from . import views  # the views import models; this module is loaded at startup

            return (views.healthz if request.path_info == "/healthz" else views.readyz)(request)
        return self.get_response(request)
