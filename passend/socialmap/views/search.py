"""Search pages of the sociale kaart: the need-driven search, organisations and offers.

The map is about organisations, not people: these pages show no names of persons (a waiting
time is "bevestigd door <organisatie> op <datum>") and declare personal_data = False.
"""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from passend.accounts.roles import Cap

from .. import selectors
from ..forms.search import SearchForm
from ..models import Locatie
from .mixins import MapTeamMixin

RESULTS_PER_PAGE = 20


class SocialMapMixin(MapTeamMixin):
    team_capability = Cap.VIEW_SOCIAL_MAP
    team_purpose = "sociale kaart raadplegen"

    @cached_property
    def today(self):
        return timezone.localdate()


class SearchView(SocialMapMixin, TemplateView):
    template_name = "socialmap/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submitted = any(name in self.request.GET for name in SearchForm.base_fields)
        form = SearchForm(self.request.GET if submitted else None, team=self.team)
        context.update(
            form=form, submitted=submitted, stale_weeks=self.team.waiting_time_stale_weeks
        )
        if submitted and form.is_valid():
            criteria = form.criteria()
            results = selectors.search(self.request.user, self.team, criteria, self.today)
            page = Paginator(results, RESULTS_PER_PAGE).get_page(self.request.GET.get("pagina"))
            context.update(
                page=page,
                results=page.object_list,
                hints=(
                    []
                    if results
                    else selectors.loosen_hints(self.request.user, self.team, criteria, self.today)
                ),
            )
        return context


class OrganisationListView(SocialMapMixin, TemplateView):
    template_name = "socialmap/organisation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zoek = self.request.GET.get("zoek", "").strip()[:100]
        organisations = selectors.organisations_for(self.request.user, self.team)
        if zoek:
            organisations = organisations.filter(name__icontains=zoek)
        page = Paginator(organisations.prefetch_related("profiel__expertise"), 25).get_page(
            self.request.GET.get("pagina")
        )
        context.update(page=page, zoek=zoek)
        return context


class OrganisationDetailView(SocialMapMixin, TemplateView):
    template_name = "socialmap/organisation_detail.html"
    team_purpose = "aanbieder bekijken op de sociale kaart"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.find(
            selectors.organisations_for(self.request.user, self.team).select_related("gemeente"),
            "organisatie",
            self.kwargs["organisation"],
        )
        profiel = getattr(organisation, "profiel", None)
        offers = selectors.offers_for(self.request.user, self.team).filter(
            organisation=organisation
        )
        context.update(
            organisation=organisation,
            profiel=profiel,
            expertise=list(profiel.expertise.all()) if profiel else [],
            contracted_by=list(profiel.contracted_by.order_by("name")) if profiel else [],
            locaties=list(
                Locatie.objects.filter(organisation=organisation).select_related("gemeente")
            ),
            results=selectors.results_for_offers(offers, self.team, self.today),
            stale_weeks=self.team.waiting_time_stale_weeks,
        )
        return context


class OfferDetailView(SocialMapMixin, TemplateView):
    template_name = "socialmap/offer_detail.html"
    team_purpose = "aanbod bekijken op de sociale kaart"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = self.find(
            selectors.offer_detail_queryset(self.request.user, self.team),
            "aanbod",
            self.kwargs["offer"],
        )
        result = selectors.results_for_offers([offer], self.team, self.today)[0]
        context.update(
            offer=offer,
            result=result,
            profiel=getattr(offer.organisation, "profiel", None),
            stale_weeks=self.team.waiting_time_stale_weeks,
        )
        return context
