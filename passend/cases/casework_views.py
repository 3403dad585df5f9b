"""Case work on the overview tab: perspectief, casusregie and 16+, closure."""

from django.contrib import messages
from django.shortcuts import redirect

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap

from . import services
from .casework_forms import CaseDirectionForm, ClosureForm, PerspectiveForm
from .codes import CaseState
from .views import CaseSectionView
from .workflow import TRANSITIONS


class CaseFormView(CaseSectionView):
    """A form page of a case; needs `capability`, shows the form again with errors."""

    case_tab = "overzicht"
    capability = Cap.WORK_ON_CASES
    form_class = None

    def allowed(self) -> bool:
        """The case must be visible (404 and a denied log otherwise), then the capability."""
        return self.casus is not None and has_capability(
            self.request.user, self.capability, self.team
        )

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


class CaseDirectionView(CaseFormView):
    """Consultation type and the facts behind casusregie, the 16+ alerts and the Wlz flag."""

    template_name = "cases/case_direction_form.html"
    audit_purpose = "casusregie vastleggen"
    form_class = CaseDirectionForm

    def initial_form(self):
        c = self.casus
        return CaseDirectionForm(
            initial={
                "consultation_type": c.consultation_type,
                "placed_by": c.placed_by,
                "in_closed_youth_care": c.in_closed_youth_care,
                "wlz_transition": c.wlz_transition,
            }
        )

    def save(self, data):
        services.save_case_direction(
            self.casus, actor=self.request.user, request=self.request, **data
        )
        messages.success(self.request, "Traject en casusregie zijn vastgelegd.")


class CaseClosureView(CaseFormView):
    """Close the case with its outcome; only where the workflow allows closing."""

    template_name = "cases/case_closure_form.html"
    audit_purpose = "casus afsluiten"
    capability = Cap.DIRECT_PROCESS
    form_class = ClosureForm

    def closable(self) -> bool:
        return (self.casus.state, CaseState.AFGESLOTEN) in TRANSITIONS

    def initial_form(self):
        return ClosureForm() if self.closable() else None

    def post(self, request, *args, **kwargs):
        if self.allowed() and not self.closable():
            return self.render_to_response(self.get_context_data(form=None))
        return super().post(request, *args, **kwargs)

    def save(self, data):
        services.close_case(
            self.casus,
            actor=self.request.user,
            outcome=data["outcome"],
            fitting_place_on=data["fitting_place_on"],
            reason=data["reason"],
            request=self.request,
        )
        messages.success(self.request, "De casus is afgesloten.")
