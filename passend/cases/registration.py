"""Views of the multi-step aanmeldformulier for professionals."""

from django.contrib import messages
from django.forms import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from passend.accounts.permissions import get_visible_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.regions.views import TeamMixin

from . import selectors, services
from .registration_forms import STEP_NAMES, STEPS, BackgroundForm, YoungPersonForm

M2M_FIELDS = {"reasons": "reasons", "life_domains": "life_domains"}


class RegistrationView(TeamMixin, AuditedView, TemplateView):
    """A step of an existing draft or registration (personal data: logged)."""

    template_name = "cases/registration_step.html"
    team_capability = Cap.REGISTER_CASES
    team_purpose = "casus aanmelden"
    audit_subject_type = "casus"
    audit_purpose = "aanmelding invullen"

    @cached_property
    def step(self) -> str:
        step = self.kwargs.get("step", STEP_NAMES[0])
        if step not in STEP_NAMES:
            raise Http404
        return step

    @cached_property
    def casus(self):
        if "pk" not in self.kwargs:
            return services.new_draft(self.team, self.request.user)
        casus = get_visible_or_404(
            self.request,
            selectors.case_detail_queryset(self.request.user).filter(team=self.team),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casus",
            purpose=self.audit_purpose,
            pk=self.kwargs["pk"],
        )
        if not services.may_edit_registration(self.request.user, casus):
            raise Http404
        return casus

    def build_form(self, data=None):
        form_class = {n: f for n, _l, f in STEPS}[self.step]
        if issubclass(form_class, BaseInlineFormSet):
            return form_class(data, instance=self.casus, prefix="ouders")
        kwargs = {"instance": self.casus}
        if form_class in (YoungPersonForm, BackgroundForm):
            kwargs["team"] = self.team
        return form_class(data, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.casus.pk:
            self.audit(self.casus)
        index = STEP_NAMES.index(self.step)
        context.update(
            casus=self.casus,
            form=form or self.build_form(),
            step=self.step,
            step_label=STEPS[index][1],
            steps=[(name, label, i) for i, (name, label, _f) in enumerate(STEPS)],
            step_index=index,
            is_formset=self.step == "ouders",
            last_step=index == len(STEPS) - 1,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        casus = self.casus
        if self.step == "ouders":
            services.save_parents(casus, form, request=request)
        else:
            casus = form.save(commit=False)
            data = form.cleaned_data
            services.register(
                casus,
                request=request,
                reasons=data.get("reasons"),
                life_domains=data.get("life_domains"),
                involved=data.get("involved_organisations"),
                submit=False,
            )
        index = STEP_NAMES.index(self.step)
        if request.POST.get("richting") == "terug" and index > 0:
            return redirect(
                "cases:register-step", team=self.team.slug, pk=casus.pk, step=STEP_NAMES[index - 1]
            )
        if index < len(STEPS) - 1:
            return redirect(
                "cases:register-step", team=self.team.slug, pk=casus.pk, step=STEP_NAMES[index + 1]
            )
        if casus.is_draft:
            services.submit_registration(casus, request=request)
            messages.success(request, _("De aanmelding is verstuurd naar het expertteam."))
        else:
            messages.success(request, _("De aanmelding is bijgewerkt."))
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)


class RegistrationStartView(RegistrationView):
    """The empty first step of a new registration: nothing stored is shown until it is saved."""

    personal_data = False
