"""The invitation link (anonymous): choose a password, then the second factor when the role
needs it, then the landing page. An expired, used or unknown link gets a Dutch explanation."""

from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import View

from passend.core.refusals import Refusal, add_to_form

from ..forms import SetPasswordForm
from ..services import beheer as services
from ..services import has_confirmed_device, second_factor_required


class InvitationAcceptView(View):
    personal_data = True  # the account's own data; the service logs the password being set
    template_name = "accounts/invitation_accept.html"
    invalid_template = "accounts/invitation_invalid.html"

    def _invitation(self, token):
        try:
            return services.invitation_from_link(token), None
        except Refusal as refusal:
            return None, refusal

    def _page(self, request, invitation, form):
        return render(request, self.template_name, {"invitation": invitation, "form": form})

    def get(self, request, token):
        invitation, refusal = self._invitation(token)
        if refusal is not None:
            return render(request, self.invalid_template, {"reason": refusal.message})
        return self._page(request, invitation, SetPasswordForm())

    @method_decorator(sensitive_post_parameters("password", "password_again"))
    def post(self, request, token):
        invitation, refusal = self._invitation(token)
        if refusal is not None:
            return render(request, self.invalid_template, {"reason": refusal.message})
        form = SetPasswordForm(request.POST)
        if form.is_valid():
            try:
                user = services.accept_invitation(
                    token, password=form.cleaned_data["password"], request=request
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                if second_factor_required(user) and not has_confirmed_device(user):
                    return redirect("accounts:otp-setup")
                return redirect("home")
        return self._page(request, invitation, form)
