"""The monitoring dashboard of a team (VIEW_AGGREGATES), server-rendered.

* ``teams/<team>/monitoring/``: the overview — the filter form, the sections, one headline
  indicator per section;
* ``teams/<team>/monitoring/<section>/``: every indicator of one section;
* ``teams/<team>/monitoring/indicatoren/<code>/``: one indicator — its definition, a grouping,
  chart, table, the story and the exports;
* ``…/indicatoren/<code>/verhaal/?periodKey=…`` (POST, WRITE_STORIES): the story behind the
  figure ("tellen en vertellen").

Closed (the page says "DPIA nog niet vastgelegd") until the team's beheerder recorded the DPIA
and the covenant. Every figure comes from ``selectors.indicator_table`` (suppressed below 5).
A bad filter is a Dutch message at its field and in the error summary (status 400)."""

from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.core.refusals import Refusal, add_to_form
from passend.privacy.selectors import monitoring_allowed
from passend.regions.views import TeamMixin

from . import dashboard, selectors, services
from . import periods as P
from .engine import QueryError


class StoryForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Het verhaal achter het cijfer"),
        required=False,
        max_length=services.STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Wat zit er achter dit cijfer? Geen namen of herleidbare details. "
            "Leeg opslaan verwijdert het verhaal."
        ),
    )


class DashboardMixin(TeamMixin):
    personal_data = False  # figures from the anonymised analytics record only
    team_capability = Cap.VIEW_AGGREGATES
    team_purpose = "monitoring bekijken"
    group_by_select = False

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def scope(self):
        return selectors.scope(self.request.user, self.team)

    def definition_for_form(self):
        return None

    @cached_property
    def form(self) -> dashboard.FilterForm:
        definition = self.definition_for_form()
        form = dashboard.FilterForm(
            dashboard.form_data(self.request.GET, today=self.today),
            scope=self.scope,
            today=self.today,
            group_choices=dashboard.group_choices(definition) if definition else None,
        )
        form.is_valid()
        return form

    def blocks(self, query) -> list:
        return []

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if context.get("form") is not None and context["form"].errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["allowed"] = monitoring_allowed(self.team)
        context["sections"] = dashboard.section_choices(self.team)
        if not context["allowed"]:
            return context
        form = self.form
        context["form"] = form
        query = form.query
        if query is not None:
            try:
                context["blocks"] = self.blocks(query)
            except QueryError as error:
                field = error.param if error.param in form.fields else None
                form.add_error(field, error.message)
                query = None
        if query is not None:
            context["query"] = query
            context["querystring"] = urlencode(query.params())
            context["quick"] = dashboard.quick_choices(query, today=self.today)
            context["period_label"] = query.period.label
        return context


class MonitoringHomeView(DashboardMixin, TemplateView):
    template_name = "monitoring/dashboard.html"
    trend_units = dashboard.OVERVIEW_TREND_UNITS

    def blocks(self, query):
        return [
            dashboard.block(
                self.request.user,
                self.team,
                d,
                query,
                today=self.today,
                trend=d.unit in self.trend_units,
            )
            for d in dashboard.headlines(self.team)
        ]


class SectionView(DashboardMixin, TemplateView):
    template_name = "monitoring/dashboard_section.html"

    @cached_property
    def section(self):
        key = self.kwargs["section"]
        found = next((s for s in dashboard.section_choices(self.team) if s["key"] == key), None)
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs):
        self.section  # noqa: B018 - an unknown section is a 404 before anything else
        context = super().get_context_data(**kwargs)
        context["section"] = self.section
        return context

    def blocks(self, query):
        return [
            dashboard.block(self.request.user, self.team, d, query, today=self.today)
            for d in self.section["definitions"]
        ]


class IndicatorView(DashboardMixin, TemplateView):
    template_name = "monitoring/indicator.html"

    @cached_property
    def definition(self):
        found = selectors.definition(self.team, self.kwargs["code"])
        if found is None:
            raise Http404
        return found

    def definition_for_form(self):
        return self.definition

    def may_write_story(self) -> bool:
        return has_capability(self.request.user, Cap.WRITE_STORIES, self.team)

    def get_context_data(self, story_form=None, **kwargs):
        self.definition  # noqa: B018 - an unknown code is a 404 before anything else
        context = super().get_context_data(**kwargs)
        context["definition"] = self.definition
        context["section_label"] = dashboard.SECTION_LABELS.get(self.definition.section, "")
        query = context.get("query")
        if query is not None and self.may_write_story():
            block = context["blocks"][0]
            context["story_form"] = story_form or StoryForm(initial={"text": block.story})
            context["story_url"] = (
                reverse("monitoring:indicator-story", args=[self.team.slug, self.definition.code])
                + "?"
                + urlencode({"periodKey": query.period.key, **query.params()})
            )
        return context

    def blocks(self, query):
        return [
            dashboard.block(self.request.user, self.team, self.definition, query, today=self.today)
        ]


class StoryView(IndicatorView):
    """POST the story of an indicator for ``periodKey``; the page's other parameters are kept."""

    http_method_names = ["post"]
    team_capability = Cap.WRITE_STORIES
    team_purpose = "verhaal bij een cijfer schrijven"

    def post(self, request, *args, **kwargs):
        self.definition  # noqa: B018 - 404 for an unknown code
        if not monitoring_allowed(self.team):
            return self.render_to_response(self.get_context_data(**kwargs), status=409)
        try:
            period = P.Period.parse(request.GET.get("periodKey", ""))
        except P.PeriodError:
            period = None
        form = StoryForm(request.POST)
        if period is not None and form.is_valid():
            try:
                services.save_story(
                    self.team,
                    indicator=self.definition.code,
                    period=period,
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                params = request.GET.copy()
                params.pop("periodKey", None)
                if "from" not in params:
                    params["from"] = period.start.strftime("%Y-%m")
                    params["to"] = period.end.strftime("%Y-%m")
                url = reverse("monitoring:indicator", args=[self.team.slug, self.definition.code])
                return redirect(f"{url}?{params.urlencode()}#verhaal")
        elif period is None:
            form.is_valid()
            form.add_error("text", gettext_lazy("Onbekende periode voor het verhaal."))
        context = self.get_context_data(story_form=form, **kwargs)
        return self.render_to_response(context, status=400)
