import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from passend.core.api.problems import problem_response

from .services import has_confirmed_device, second_factor_required

OPEN_PREFIXES = ("/static/", "/healthz", "/readyz", "/i18n/", "/api/v1/auth/")


class SecondFactorMiddleware:
    """A logged-in user whose roles see personal data gets nowhere without a verified TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not user.is_verified()
            and second_factor_required(user)
        ):
            has_device = has_confirmed_device(user)
            # Enrolment only without an authenticator: a password never replaces the code.
            allowed = {
                reverse("accounts:otp-verify"),
                reverse("accounts:logout"),
                *([] if has_device else [reverse("accounts:otp-setup")]),
            }
            if request.path not in allowed:
                if request.path.startswith("/api/"):
                    return problem_response(
                        403, _("Log in met tweestapsverificatie om deze gegevens te zien.")
                    )
                return redirect("accounts:otp-verify" if has_device else "accounts:otp-setup")
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Log out after PASSEND_IDLE_TIMEOUT_SECONDS without a request."""

    KEY = "passend_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get(self.KEY, now)
            if now - last_seen > settings.PASSEND_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.info(request, _("U bent uitgelogd omdat u een tijd niet actief was."))
                if request.path.startswith("/api/"):
                    return problem_response(401, _("De sessie is verlopen. Log opnieuw in."))
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            if now - last_seen >= 60 or self.KEY not in request.session:
                request.session[self.KEY] = now  # at most one session write a minute
        return self.get_response(request)
