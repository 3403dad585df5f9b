"""Case work on the overview tab: perspectief, casusregie and 16+, closure."""

from django.contrib import messages
from django.shortcuts import redirect

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap

from . import services
from .casework_forms import PerspectiveForm
from .views import CaseSectionView


class CaseFormView(CaseSectionView):
    """A form page of a case; needs `capability`, shows the form again with errors."""

    case_tab = "overzicht"
    capability = Cap.WORK_ON_CASES
    form_class = None

    def allowed(self) -> bool:
        return has_capability(self.request.user, self.capability, self.team)

    def get(self, request, *args, **kwargs):
        if not self.allowed():
            return self.http_method_not_allowed(request)
        return self.render_to_response(self.get_context_data(form=self.initial_form()))

    def post(self, request, *args, **kwargs):
        if not self.allowed():
            return self.http_method_not_allowed(request)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except services.TransitionError as refusal:
                form.add_error(None, str(refusal))
            else:
                return redirect("cases:detail", team=self.team.slug, pk=self.casus.pk)
        return self.render_to_response(self.get_context_data(form=form))


class PerspectiveView(CaseFormView):
    template_name = "cases/perspective_form.html"
    audit_purpose = "perspectief vastleggen"
    form_class = PerspectiveForm

    def initial_form(self):
        c = self.casus
        return PerspectiveForm(
            initial={
                "youth_wish": c.youth_wish,
                "youth_struggle": c.youth_struggle,
                "family_wish": c.family_wish,
            }
        )

    def save(self, data):
        services.save_perspective(self.casus, actor=self.request.user, request=self.request, **data)
        messages.success(self.request, "Het perspectief is vastgelegd.")
