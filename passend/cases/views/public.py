"""Self-registration (zelfmelding) by a young person or a parent, for teams that allow it.

Anonymous pages. Spam is kept out without a CAPTCHA (see forms.public) and with a rate limit
per address. Nothing is stored when a check fails.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.generic import View
from django_ratelimit.decorators import ratelimit

from passend.regions.models import Team

from .. import services
from ..forms.public import (
    CLOSED_MESSAGE,
    RATE_LIMITED_MESSAGE,
    PublicRegistrationForm,
    make_form_token,
)

SESSION_REFERENCE = "passend_public_reference"


class PublicTeamMixin:
    """The team from the URL: 404 when unknown, the 'closed' page when it takes no
    self-registrations."""

    personal_data = False
    closed_template = "cases/public_registration_closed.html"

    def dispatch(self, request, *args, **kwargs):
        self.team = get_object_or_404(Team, slug=kwargs["team"])
        if not self.team.self_registration_enabled:
            return render(
                request, self.closed_template, {"team": self.team, "message": CLOSED_MESSAGE}
            )
        return super().dispatch(request, *args, **kwargs)


@method_decorator(ratelimit(key="ip", rate="5/h", method="POST", block=False), name="post")
class PublicRegistrationView(PublicTeamMixin, View):
    """The self-registration form. Shows no stored personal data, only what was just typed."""

    personal_data = False
    http_method_names = ["get", "head", "post"]
    template_name = "cases/public_registration.html"

    def get(self, request, *args, **kwargs):
        form = PublicRegistrationForm(team=self.team, initial=self.fresh_initial())
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            kept = {
                name: request.POST.get(name)
                for name in PublicRegistrationForm.KEPT
                if request.POST.get(name) not in (None, "")
            }
            form = PublicRegistrationForm(team=self.team, initial=self.fresh_initial(**kept))
            return self.render_form(form, refusal=RATE_LIMITED_MESSAGE, status=429)
        form = PublicRegistrationForm(request.POST, team=self.team)
        if not form.is_valid():
            return self.render_form(form.refreshed())
        casus, parent = form.build()
        services.register(casus, actor=None, parents=[parent], request=request)
        request.session[SESSION_REFERENCE] = casus.reference
        return redirect("cases:public-registration-done", team=self.team.slug)

    def fresh_initial(self, **values) -> dict:
        return {**values, "form_token": make_form_token(self.team)}

    def render_form(self, form, *, refusal=None, status=200) -> HttpResponse:
        context = {"team": self.team, "form": form, "refusal": refusal}
        return render(self.request, self.template_name, context, status=status)


class PublicRegistrationDoneView(PublicTeamMixin, View):
    """Thank-you page: what happens next. Echoes no personal data; the reference at most once."""

    personal_data = False
    http_method_names = ["get", "head"]
    template_name = "cases/public_registration_done.html"

    def get(self, request, *args, **kwargs):
        reference = request.session.pop(SESSION_REFERENCE, None)
        return render(request, self.template_name, {"team": self.team, "reference": reference})
