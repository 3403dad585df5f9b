"""The pages where a voorzitter or beheerder (DEFINE_INDICATORS) keeps the region's own
indicators: teams/<team>/monitoring/eigen-indicatoren/ (the list, with the basisset read-only),
…/nieuw/, …/<pk>/wijzigen/ and …/<pk>/deactiveren/ (POST).

Indicators are regional: the list shows the region's, and an indicator of another region is
404 with one denied entry. Every write goes through ``services``; a refusal lands on the form
with everything that was entered. No case data is shown here, only definitions.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from passend.accounts.permissions import deny_404
from passend.accounts.roles import Cap
from passend.core.refusals import Refusal, RefusalFormMixin, add_message
from passend.regions.views import TeamMixin

from . import definitions as D
from . import dimensions, services
from .forms import IndicatorForm, date_label, duration_label, unit_label
from .models import Indicator


def dashboard_url(team, code: str) -> str | None:
    """The indicator's page on the dashboard, where the dashboard has one."""
    try:
        return reverse("monitoring:indicator", kwargs={"team": team.slug, "code": code})
    except NoReverseMatch:
        return None


def list_url(team) -> str:
    return reverse("monitoring:own-indicators", kwargs={"team": team.slug})


def describe(definition: D.Definition) -> dict:
    """What a definition computes, in words, for the lists."""
    measure = unit_label(definition.unit)
    if definition.unit == D.DURATION and definition.field:
        measure = f"{measure}: {duration_label(definition.field)}"
    group = dimensions.DIMENSIONS.get(definition.group_by)
    return {
        "definition": definition,
        "measure": measure,
        "date": date_label(definition.date),
        "group_by": str(group.label) if group else "",
    }


class IndicatorMixin(TeamMixin):
    personal_data = False  # definitions, no case data
    team_capability = Cap.DEFINE_INDICATORS
    team_purpose = "eigen indicatoren beheren"

    @cached_property
    def indicator(self) -> Indicator:
        """The URL's indicator, when it belongs to the team's region (else 404 + denied)."""
        found = Indicator.objects.filter(
            pk=self.kwargs["pk"], region_id=self.team.region_id
        ).first()
        if found is None:
            deny_404(
                self.request,
                subject_type="eigen-indicator",
                subject_id=self.kwargs["pk"],
                purpose=self.team_purpose,
                team=self.team,
            )
        return found


class OwnIndicatorListView(IndicatorMixin, TemplateView):
    template_name = "monitoring/beheer_indicators.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own = Indicator.objects.filter(region_id=self.team.region_id).order_by("name_nl")
        context["basisset"] = [describe(d) for d in D.basisset()]
        context["own"] = [
            {**describe(i.definition()), "indicator": i, "url": dashboard_url(self.team, i.code)}
            for i in own
        ]
        return context


class IndicatorFormView(IndicatorMixin, RefusalFormMixin, FormView):
    template_name = "monitoring/beheer_indicator_form.html"
    form_class = IndicatorForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["team"] = self.team
        kwargs["instance"] = self.current()
        return kwargs

    def current(self) -> Indicator | None:
        return None

    def done(self, indicator: Indicator, text: str):
        messages.success(self.request, text % {"name": indicator.name_nl})
        url = dashboard_url(self.team, indicator.code) if indicator.active else None
        return HttpResponseRedirect(url or list_url(self.team))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["indicator"] = self.current()
        context["list_url"] = list_url(self.team)
        return context


class OwnIndicatorCreateView(IndicatorFormView):
    def form_valid(self, form):
        indicator = services.create_indicator(
            self.team, by=self.request.user, **form.service_fields()
        )
        return self.done(indicator, _("De indicator '%(name)s' is aangemaakt."))


class OwnIndicatorUpdateView(IndicatorFormView):
    def current(self) -> Indicator:
        return self.indicator

    def form_valid(self, form):
        before = self.indicator.version
        indicator = services.update_indicator(
            self.indicator,
            by=self.request.user,
            team=self.team,
            **form.service_fields(),
        )
        if indicator.version != before:
            text = _("De indicator '%(name)s' is opgeslagen als versie %(version)s.")
            messages.success(
                self.request, text % {"name": indicator.name_nl, "version": indicator.version}
            )
            url = dashboard_url(self.team, indicator.code) if indicator.active else None
            return HttpResponseRedirect(url or list_url(self.team))
        return self.done(indicator, _("De indicator '%(name)s' is opgeslagen."))


class OwnIndicatorDeactivateView(IndicatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            indicator = services.deactivate_indicator(
                self.indicator, by=request.user, team=self.team
            )
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(
                request,
                _(
                    "De indicator '%(name)s' is gedeactiveerd: hij staat niet meer op het "
                    "dashboard, in de exports en in de API."
                )
                % {"name": indicator.name_nl},
            )
        return HttpResponseRedirect(list_url(self.team))
