"""Pages of the analyse module; thin: reads via selectors, writes via services."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from passend.accounts.permissions import get_visible_or_404, has_capability
from passend.accounts.roles import Cap
from passend.cases.codes import ACTIVE_STATES
from passend.cases.views import CaseSectionView

from . import selectors, services
from .forms import EpisodeForm, StepForm
from .models import AnalyseStep, TijdlijnEpisode


class AnalysisMixin:
    """Who may change the timeline and the analysis: WORK_ON_CASES in the case's team."""

    case_tab = "analyse"

    def may_work(self) -> bool:
        return has_capability(self.request.user, Cap.WORK_ON_CASES, self.team)

    def case_url(self, anchor: str = "") -> str:
        url = reverse("analysis:case", kwargs={"team": self.team.slug, "pk": self.casus.pk})
        return f"{url}#{anchor}" if anchor else url


class CaseAnalyseView(AnalysisMixin, CaseSectionView):
    """The 'Tijdlijn en analyse' tab of a case: the care history and the verklarende analyse."""

    template_name = "analysis/case.html"
    audit_purpose = "tijdlijn en analyse bekijken"

    def post(self, request, *args, **kwargs):
        """A new version of one step of the verklarende analyse."""
        if not self.may_work():
            return self.http_method_not_allowed(request)
        try:
            step = AnalyseStep(int(request.POST.get("stap", "")))
        except ValueError:
            messages.error(request, _("Kies stap 1, 2 of 3 van de verklarende analyse."))
            return redirect(self.case_url("analyse"))
        form = StepForm(request.POST, step=step)
        if form.is_valid():
            try:
                services.write_step(
                    self.casus,
                    step=step,
                    text=form.cleaned_data["text"],
                    actor=request.user,
                    request=request,
                )
            except (services.AnalysisRefused, services.AnalysisInvalid) as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("Stap %(step)d is vastgelegd.") % {"step": step})
                return redirect(self.case_url(f"stap-{step}"))
        return self.render_to_response(self.get_context_data(posted_form=form))

    def get_context_data(self, posted_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        today = timezone.localdate()
        may_work = self.may_work()
        steps = selectors.latest_steps(casus)
        editable = may_work and casus.state in ACTIVE_STATES
        for view in steps:
            if posted_form is not None and posted_form.step == view.step:
                view.form = posted_form
            elif editable:
                initial = {"text": view.current.text if view.current else ""}
                view.form = StepForm(step=view.step, initial=initial)
            else:
                view.form = None
        context.update(
            timeline=selectors.timeline(casus, today),
            steps=steps,
            editable=editable,
            may_work=may_work,
            active=casus.state in ACTIVE_STATES,
        )
        return context


class EpisodeFormView(AnalysisMixin, CaseSectionView):
    """Add or change one episode of the timeline (separate page, WORK_ON_CASES only)."""

    template_name = "analysis/episode_form.html"
    audit_purpose = "tijdlijn bijwerken"
    episode = None

    def get(self, request, *args, **kwargs):
        if not self.may_work():
            return self.http_method_not_allowed(request)
        initial = EpisodeForm.initial_for(self.episode) if self.episode else {}
        form = EpisodeForm(casus=self.casus, initial=initial)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if not self.may_work():
            return self.http_method_not_allowed(request)
        form = EpisodeForm(request.POST, casus=self.casus)
        if form.is_valid():
            try:
                self.save(form.episode_data)
            except services.AnalysisRefused as refusal:
                form.add_error(None, str(refusal))
            except services.AnalysisInvalid as invalid:
                for name, message in invalid.errors.items():
                    form.add_error(name if name in form.fields else None, message)
            else:
                return redirect(self.case_url("tijdlijn"))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["episode"] = self.episode
        return context


class EpisodeCreateView(EpisodeFormView):
    def save(self, data):
        services.add_episode(self.casus, actor=self.request.user, request=self.request, **data)
        messages.success(self.request, _("De periode van hulp is toegevoegd aan de tijdlijn."))


class EpisodeMixin:
    @cached_property
    def episode(self) -> TijdlijnEpisode:
        return get_visible_or_404(
            self.request,
            selectors.episodes_for(self.casus),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="tijdlijnepisode",
            purpose=self.audit_purpose,
            pk=self.kwargs["episode"],
        )


class EpisodeUpdateView(EpisodeMixin, EpisodeFormView):
    def save(self, data):
        services.update_episode(self.episode, actor=self.request.user, request=self.request, **data)
        messages.success(self.request, _("De periode van hulp is gewijzigd."))


class EpisodeDeleteView(EpisodeMixin, AnalysisMixin, CaseSectionView):
    """Asks for confirmation (GET), deletes on POST."""

    template_name = "analysis/episode_delete.html"
    audit_purpose = "tijdlijn bijwerken"

    def get(self, request, *args, **kwargs):
        if not self.may_work():
            return self.http_method_not_allowed(request)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.may_work():
            return self.http_method_not_allowed(request)
        try:
            services.delete_episode(self.episode, actor=request.user, request=request)
        except services.AnalysisRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("De periode van hulp is verwijderd uit de tijdlijn."))
        return redirect(self.case_url("tijdlijn"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["episode"] = self.episode
        return context
