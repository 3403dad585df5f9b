from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ApiVersionMiddleware:
    """API Design Rules /core/version-header: every API response names the full version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
            response.setdefault("Cache-Control", "no-store")
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose otherwise (language switch cookie); the browser's
    Accept-Language does not decide: Passend is a Dutch application with English selectable."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
