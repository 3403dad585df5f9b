"""Case work on the overview tab: perspectief, casusregie and 16+, closure."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from passend.core.refusals import NotAllowed, Refusal, add_to_form

from .. import services
from ..codes import CaseState
from ..forms.casework import CaseDirectionForm, ClosureForm, PerspectiveForm
from ..workflow import TRANSITIONS
from .base import CaseSectionView


class CaseFormView(CaseSectionView):
    """A form page of a case. The page is for who passes the service's `check` (403 with its
    explanation and one denied entry for others); the service decides on the POST, and its
    refusal is shown on the form with what was entered."""

    case_tab = "overzicht"
    check = staticmethod(services.check_may_work_on_case)
    form_class = None

    def open_or_refuse(self) -> None:
        """The case first (404 and a denied entry when out of scope), then the right."""
        try:
            self.check(self.casus, actor=self.request.user)
        except NotAllowed as refusal:
            self.refuse(refusal.message)

    def get(self, request, *args, **kwargs):
        self.open_or_refuse()
        return self.render_to_response(self.get_context_data(form=self.initial_form()))

    def post(self, request, *args, **kwargs):
        self.open_or_refuse()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except Refusal as refusal:
                add_to_form(form, refusal)
                status = 403 if isinstance(refusal, NotAllowed) else 200
                return self.render_to_response(self.get_context_data(form=form), status=status)
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
        messages.success(self.request, _("Het perspectief is vastgelegd."))


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
        messages.success(self.request, _("Traject en casusregie zijn vastgelegd."))


class CaseClosureView(CaseFormView):
    """Close the case with its outcome; the form only where the workflow allows closing."""

    template_name = "cases/case_closure_form.html"
    audit_purpose = "casus afsluiten"
    check = staticmethod(services.check_may_close)

    def form_class(self, data=None):
        from passend.procesregie.selectors import team_members

        return ClosureForm(data, work=self.work, owners=team_members(self.team))

    @cached_property
    def work(self):
        return services.open_work(self.casus)

    def initial_form(self):
        closable = (self.casus.state, CaseState.AFGESLOTEN) in TRANSITIONS
        return self.form_class() if closable else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["work"] = self.work
        return context

    def save(self, data):
        services.close_case(
            self.casus,
            actor=self.request.user,
            outcome=data["outcome"],
            fitting_place_on=data["fitting_place_on"],
            reason=data["reason"],
            living_situation_at_closure=data["living_situation_at_closure"],
            placement_route=data["placement_route"],
            open_actions=data.get("open_actions", ""),
            new_owner=data.get("new_owner"),
            withdraw_clarifications=data.get("withdraw_clarifications", False),
            request=self.request,
        )
        messages.success(self.request, _("De casus is afgesloten."))
