from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import View

from passend.core.api.problems import problem_response

from .. import services
from ..forms import LoginForm, TokenForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


class LoginView(auth_views.LoginView):
    personal_data = False
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    personal_data = False
    http_method_names = ["post", "options"]


class OtpVerifyView(View):
    """Second login step: the code from the authenticator app."""

    personal_data = False
    template_name = "accounts/otp_verify.html"

    def get(self, request):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        return render(
            request, self.template_name, {"form": TokenForm(), "next": _next_url(request)}
        )

    @method_decorator(sensitive_post_parameters("token"))
    def post(self, request):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        form = TokenForm(request.POST)
        if form.is_valid():
            if services.verify_second_factor(request, form.cleaned_data["token"]):
                return redirect(_next_url(request))
            form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de nieuwste."))
        return render(request, self.template_name, {"form": form, "next": _next_url(request)})


class OtpSetupView(View):
    """Enrol an authenticator app (TOTP): scan the QR code, confirm with one code.

    Only for a user without a confirmed authenticator, or in a session verified with it (to
    replace it by a new phone): with a password alone an enrolled user goes to the code step."""

    personal_data = False
    template_name = "accounts/otp_setup.html"

    def _context(self, request, form):
        device = services.pending_device(request.user)
        return {
            "form": form,
            "qr_svg": services.device_qr_svg(device),
            "secret": services.device_secret(device),
            "replacing": services.has_confirmed_device(request.user),
        }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        if not services.may_enrol(request.user):
            return redirect("accounts:otp-verify")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, self._context(request, TokenForm()))

    @method_decorator(sensitive_post_parameters("token"))
    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            device = services.pending_device(request.user)
            if services.confirm_device(device, token=form.cleaned_data["token"], request=request):
                messages.success(request, _("Tweestapsverificatie is ingesteld."))
                return redirect("home")
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
        return render(request, self.template_name, self._context(request, form))


def lockout_response(request, original_response=None, credentials=None):
    """django-axes: too many failed logins for this username and address."""
    detail = _(
        "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw "
        "of neem contact op met de beheerder."
    )
    if request.path.startswith("/api/"):
        response = problem_response(429, detail)
        response["Retry-After"] = "900"
        return response
    return render(request, "accounts/locked.html", {"detail": detail}, status=429)
