"""Beheer pages of the privacy lifecycle: the processing register and the DPIA check.

teams/<team>/beheer/privacy/       the register (what is processed, why, for whom, how long)
teams/<team>/beheer/privacy/dpia/  the DPIA check: nine criteria, outcome, DPIA and covenant

Neither shows personal data. The beheerder records the check; whoever handles the team's AVG
requests (the voorzitter) may read it (``permissions.may_view_dpia``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from passend.accounts.permissions import has_capability, may_view_dpia
from passend.accounts.roles import Cap
from passend.core.refusals import Refusal, add_to_form
from passend.regions.views import TeamMixin

from .. import register
from ..dpia import record_dpia
from ..forms import DpiaForm
from ..models import DPIA_CRITERIA
from ..selectors import dpia_of, dpia_reasons


def dpia_context(team) -> dict:
    toets = dpia_of(team)
    return {
        "dpia": toets,
        "dpia_recorded": toets.pk is not None,
        "dpia_reasons": dpia_reasons(toets),
        "dpia_answers": [(label, getattr(toets, name)) for name, label in DPIA_CRITERIA],
    }


class PrivacyRegisterView(TeamMixin, TemplateView):
    """The processing register of the team, with the DPIA status and links."""

    personal_data = False
    template_name = "privacy/dpia_register.html"
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "verwerkingsregister bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = register.rows(retention_months=self.team.retention_months)
        context["counting_rules"] = register.COUNTING_RULES
        context.update(dpia_context(self.team))
        return context


class DpiaView(TeamMixin, TemplateView):
    personal_data = False
    template_name = "privacy/dpia_form.html"
    team_capability = Cap.VIEW_TEAM  # then: may_view_dpia, else 403
    team_purpose = "DPIA-toets bekijken"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_view_dpia(request.user, self.team):
            raise PermissionDenied(_("Alleen de beheerder en de voorzitter zien de DPIA-toets."))
        return super().dispatch(request, *args, **kwargs)

    @property
    def may_edit(self) -> bool:
        return has_capability(self.request.user, Cap.MANAGE_TEAM, self.team)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dpia_context(self.team))
        context["may_edit"] = self.may_edit
        if self.may_edit and "form" not in context:
            context["form"] = DpiaForm(instance=context["dpia"])
        return context

    def post(self, request, *args, **kwargs):
        if not self.may_edit:
            raise PermissionDenied(_("Alleen de beheerder legt de DPIA-toets van het team vast."))
        form = DpiaForm(request.POST, instance=dpia_of(self.team))
        if form.is_valid():
            try:
                record_dpia(self.team, actor=request.user, request=request, **form.cleaned_data)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De DPIA-toets is opgeslagen."))
                return redirect("privacy:dpia", team=self.team.slug)
        return self.render_to_response(self.get_context_data(form=form))
