"""Pages of the analyse module; thin: reads via selectors, writes via services.

A refusal of a service lands on the form that was sent (``add_to_form``) or, for the delete
button, as a message on the next page (``add_message``): the same Dutch text as the API's.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from passend.cases.views import CaseSectionView
from passend.cases.workflow import case_work_refusal
from passend.core.refusals import Refusal, add_message, add_to_form

from . import selectors, services
from .forms import EpisodeForm, StepForm
from .models import AnalyseStep, TijdlijnEpisode


class AnalysisMixin:
    """Who may change the timeline and the analysis: WORK_ON_CASES in the case's team (the
    service's own predicate; the service checks again)."""

    case_tab = "analyse"

    def may_work(self) -> bool:
        return services.may_work(self.request.user, self.casus)

    def require_right(self, what: str = services.TIMELINE) -> None:
        """403 with the service's reason (and one denied entry) without the right."""
        self.require(services.check_may_change, self.casus, actor=self.request.user, what=what)

    def case_url(self, anchor: str = "") -> str:
        url = reverse("analysis:case", kwargs={"team": self.team.slug, "pk": self.casus.pk})
        return f"{url}#{anchor}" if anchor else url


class CaseAnalyseView(AnalysisMixin, CaseSectionView):
    """The 'Tijdlijn en analyse' tab of a case: the care history and the verklarende analyse."""

    template_name = "analysis/case.html"
    audit_purpose = "tijdlijn en analyse bekijken"

    def post(self, request, *args, **kwargs):
        """A new version of one step of the verklarende analyse."""
        self.require_right(services.ANALYSIS)
        try:
            step = AnalyseStep(int(request.POST.get("stap", "")))
        except ValueError:
            messages.error(request, _("Kies stap 1, 2 of 3 van de verklarende analyse."))
            return redirect(self.case_url("analyse"))
        form = StepForm(request.POST, step=step)
        if form.is_valid():
            try:
                services.step_write(
                    self.casus,
                    actor=request.user,
                    request=request,
                    step=step,
                    text=form.cleaned_data["text"],
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("Stap %(step)d is vastgelegd.") % {"step": step})
                return redirect(self.case_url(f"stap-{step}"))
        return self.render_to_response(self.get_context_data(posted_form=form))

    def get_context_data(self, posted_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        today = timezone.localdate()
        may_work = self.may_work()
        active = services.is_worked_on(casus)
        consent_refusal = case_work_refusal(casus) if active else None
        steps = selectors.latest_steps(casus)
        editable = services.may_record(self.request.user, casus)
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
            active=active,
            consent_refusal=consent_refusal,
        )
        return context


class EpisodeFormView(AnalysisMixin, CaseSectionView):
    """Add or change one episode of the timeline (separate page, WORK_ON_CASES only)."""

    template_name = "analysis/episode_form.html"
    audit_purpose = "tijdlijn bijwerken"
    episode = None

    def get(self, request, *args, **kwargs):
        self.require_right()
        initial = EpisodeForm.initial_for(self.episode) if self.episode else {}
        form = EpisodeForm(casus=self.casus, initial=initial)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.require_right()
        form = EpisodeForm(request.POST, casus=self.casus)
        if form.is_valid():
            try:
                self.save(form.episode_data)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                return redirect(self.case_url("tijdlijn"))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["episode"] = self.episode
        return context


class EpisodeCreateView(EpisodeFormView):
    def save(self, data):
        services.episode_add(self.casus, actor=self.request.user, request=self.request, **data)
        messages.success(self.request, _("De periode van hulp is toegevoegd aan de tijdlijn."))


class EpisodeMixin:
    @cached_property
    def episode(self) -> TijdlijnEpisode:
        return self.case_child(
            selectors.episodes_for(self.casus), subject_type="tijdlijnepisode", kwarg="episode"
        )


class EpisodeUpdateView(EpisodeMixin, EpisodeFormView):
    def save(self, data):
        services.episode_update(self.episode, actor=self.request.user, request=self.request, **data)
        messages.success(self.request, _("De periode van hulp is gewijzigd."))


class EpisodeDeleteView(EpisodeMixin, AnalysisMixin, CaseSectionView):
    """Asks for confirmation (GET), deletes on POST."""

    template_name = "analysis/episode_delete.html"
    audit_purpose = "tijdlijn bijwerken"

    def get(self, request, *args, **kwargs):
        self.require_right()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.require_right()
        try:
            services.episode_delete(self.episode, actor=request.user, request=request)
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(request, _("De periode van hulp is verwijderd uit de tijdlijn."))
        return redirect(self.case_url("tijdlijn"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["episode"] = self.episode
        return context
