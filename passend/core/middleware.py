from django.conf import settings


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
