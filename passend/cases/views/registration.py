"""Views of the multi-step aanmeldformulier for professionals."""

from django.contrib import messages
from django.forms import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from passend.accounts.permissions import deny_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.core.refusals import NotAllowed, Refusal, add_to_form

from .. import services
from ..forms.registration import STEP_NAMES, STEPS, BackgroundForm, YoungPersonForm
from ..scoping import OWNER, CaseScopeMixin


class RegistrationView(CaseScopeMixin, AuditedView, TemplateView):
    """A step of an existing draft or registration (personal data: logged). The case comes
    from the one case scope; a case the user may see but no longer edit is 404 (logged)."""

    template_name = "cases/registration_step.html"
    team_purpose = "casus aanmelden"
    case_audience = OWNER
    audit_subject_type = "casus"
    audit_purpose = "aanmelding invullen"

    @property
    def team_capability(self) -> Cap:
        """A new draft needs the right to register; an existing registration is edited by
        whom `may_edit_registration` allows (its author, or a screener or voorzitter)."""
        return Cap.VIEW_TEAM if "pk" in self.kwargs else Cap.REGISTER_CASES

    @cached_property
    def step(self) -> str:
        step = self.kwargs.get("step", STEP_NAMES[0])
        if step not in STEP_NAMES:
            raise Http404
        return step

    @cached_property
    def registration(self):
        if "pk" not in self.kwargs:
            return services.new_draft(self.team, actor=self.request.user)
        casus = self.casus
        if not services.may_edit_registration(self.request.user, casus):
            deny_404(
                self.request,
                subject_type="casus",
                subject_id=casus.pk,
                purpose=self.audit_purpose,
                team=casus.team,
            )
        return casus

    def build_form(self, data=None):
        form_class = {n: f for n, _l, f in STEPS}[self.step]
        if issubclass(form_class, BaseInlineFormSet):
            return form_class(data, instance=self.registration, prefix="ouders")
        kwargs = {"instance": self.registration}
        if form_class in (YoungPersonForm, BackgroundForm):
            kwargs["team"] = self.team
        return form_class(data, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.registration
        if casus.pk:
            self.audit(casus)
        index = STEP_NAMES.index(self.step)
        context.update(
            casus=casus,
            form=form or self.build_form(),
            step=self.step,
            step_label=STEPS[index][1],
            steps=[(name, label, i) for i, (name, label, _f) in enumerate(STEPS)],
            step_index=index,
            is_formset=self.step == "ouders",
            last_step=index == len(STEPS) - 1,
        )
        return context

    def refused(self, form, refusal):
        if not hasattr(form, "fields"):  # the parents formset: the refusal on top
            messages.error(self.request, refusal.message)
        else:
            add_to_form(form, refusal)
        status = 403 if isinstance(refusal, NotAllowed) else 200
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        casus = self.registration
        index = STEP_NAMES.index(self.step)
        try:
            if self.step == "ouders":
                services.save_parents(casus, form, actor=request.user, request=request)
            else:
                casus = form.save(commit=False)
                data = form.cleaned_data
                services.register(
                    casus,
                    actor=request.user,
                    request=request,
                    reasons=data.get("reasons"),
                    life_domains=data.get("life_domains"),
                    sectors=data.get("sectors"),
                    involved=data.get("involved_organisations"),
                    submit=False,
                )
            going_back = request.POST.get("richting") == "terug" and index > 0
            if index == len(STEPS) - 1 and not going_back and casus.is_draft:
                services.submit_registration(casus, actor=request.user, request=request)
                messages.success(request, _("De aanmelding is verstuurd naar het expertteam."))
                return redirect("cases:detail", team=self.team.slug, pk=casus.pk)
        except Refusal as refusal:
            return self.refused(form, refusal)
        if going_back:
            return redirect(
                "cases:register-step", team=self.team.slug, pk=casus.pk, step=STEP_NAMES[index - 1]
            )
        if index < len(STEPS) - 1:
            return redirect(
                "cases:register-step", team=self.team.slug, pk=casus.pk, step=STEP_NAMES[index + 1]
            )
        messages.success(request, _("De aanmelding is bijgewerkt."))
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)


class RegistrationStartView(RegistrationView):
    """The empty first step of a new registration: nothing stored is shown until it is saved."""

    personal_data = False
