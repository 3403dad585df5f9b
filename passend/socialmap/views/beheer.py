"""Beheer of the sociale kaart (coördinator) and the provider's own waiting times.

Coordinator pages need MANAGE_SOCIAL_MAP in the team of the URL and reach the organisations of
that team's region. Provider pages need UPDATE_OWN_WAITING_TIMES and reach only the offers of
the provider's own organisation; any other offer answers 404 and is logged as denied (team of
the URL). The pages show who confirmed a waiting time by organisation or role, never by name,
so they hold no personal data.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from passend.accounts.roles import Cap
from passend.core.refusals import Refusal, add_message, add_to_form
from passend.regions.models import Organisation

from .. import selectors, services
from ..forms.beheer import OFFER_M2M, LocationForm, OfferForm, ProfileForm, WaitingTimeForm
from ..models import Aanbiederprofiel, Aanbod, Locatie
from ..picker import region_offers
from ..waiting import current_waiting_times
from .mixins import MapTeamMixin


class CoordinatorMixin(MapTeamMixin):
    team_capability = Cap.MANAGE_SOCIAL_MAP
    team_purpose = "sociale kaart beheren"

    @cached_property
    def organisation(self) -> Organisation:
        return self.find(
            selectors.region_organisations(self.team), "organisatie", self.kwargs["organisation"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "organisation" in self.kwargs:
            context["organisation"] = self.organisation
        return context


class BeheerOverviewView(CoordinatorMixin, TemplateView):
    template_name = "socialmap/beheer_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("zoek", "").strip()[:100]
        context.update(selectors.beheer_overview(self.team, query=query), zoek=query)
        return context


class StaleListView(CoordinatorMixin, TemplateView):
    """Outdated and missing waiting times of the region, oldest first, grouped by
    organisation, with the last reminder and a one-click reminder per organisation."""

    template_name = "socialmap/beheer_stale.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: dict[int, dict] = {}
        for item in selectors.stale_items(self.team):
            org = item.offer.organisation
            group = groups.setdefault(org.pk, {"organisation": org, "items": []})
            label = selectors.confirmed_by_label(item.entry) if item.entry else ""
            group["items"].append({"item": item, "confirmed_by": label})
        reminders = selectors.last_reminders(groups)
        today = timezone.localdate()
        for pk, group in groups.items():
            group["reminder"] = reminders.get(pk)
            group["reminded_today"] = bool(reminders.get(pk) and reminders[pk].sent_on == today)
        context["groups"] = list(groups.values())
        context["stale_weeks"] = self.team.waiting_time_stale_weeks
        return context


class SendReminderView(CoordinatorMixin, View):
    http_method_names = ["post"]
    team_purpose = "herinnering wachttijden versturen"

    def post(self, request, *args, **kwargs):
        organisation = self.organisation
        org = {"org": organisation.name}
        if not selectors.reminder_recipients(organisation):
            messages.error(
                request,
                _("Van %(org)s is geen e-mailadres bekend. Vul het contact voor verwijzers in.")
                % org,
            )
        elif selectors.reminded_today(organisation):
            messages.info(request, _("%(org)s is vandaag al herinnerd.") % org)
        else:
            try:
                sent = services.send_reminder(organisation, team=self.team, actor=request.user)
            except Refusal as refusal:
                add_message(request, refusal)
            else:
                if sent:
                    messages.success(request, _("De herinnering aan %(org)s is verstuurd.") % org)
                else:
                    messages.info(request, _("De wachttijden van %(org)s zijn actueel.") % org)
        return redirect("socialmap:beheer-stale", team=self.team.slug)


class OrganisationBeheerView(CoordinatorMixin, TemplateView):
    """The organisation's profile (form), its locations and its offers."""

    template_name = "socialmap/beheer_organisation.html"

    @cached_property
    def profiel(self):
        return Aanbiederprofiel.objects.filter(organisation=self.organisation).first()

    def get(self, request, *args, **kwargs):
        form = ProfileForm(
            initial=ProfileForm.initial_for(self.profiel),
            organisation=self.organisation,
            region=self.team.region,
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        # The initial values keep the profile's current (maybe inactive) expertise valid.
        form = ProfileForm(
            request.POST,
            initial=ProfileForm.initial_for(self.profiel),
            organisation=self.organisation,
            region=self.team.region,
        )
        if form.is_valid():
            data = dict(form.cleaned_data)
            expertise, contracted = data.pop("expertise"), data.pop("contracted_by")
            try:
                services.save_profile(
                    self.organisation,
                    actor=request.user,
                    expertise=expertise,
                    contracted_by=contracted,
                    **data,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("Het profiel is opgeslagen."))
                return redirect(
                    "socialmap:beheer-organisation",
                    team=self.team.slug,
                    organisation=self.organisation.pk,
                )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = self.organisation.aanbod.prefetch_related("locaties").order_by("-active", "name")
        context["locations"] = self.organisation.locaties.select_related("gemeente")
        context["rows"] = selectors.waiting_rows(offers, self.team)
        return context


class LocationFormView(CoordinatorMixin, TemplateView):
    template_name = "socialmap/beheer_location_form.html"

    @cached_property
    def location(self) -> Locatie:
        if "location" not in self.kwargs:
            return Locatie(organisation=self.organisation)
        return self.find(self.organisation.locaties.all(), "locatie", self.kwargs["location"])

    def get(self, request, *args, **kwargs):
        initial = {f: getattr(self.location, f) for f in ("name", "address", "postcode")}
        initial |= {"phone": self.location.phone, "email": self.location.email}
        initial["gemeente"] = self.location.gemeente_id
        form = LocationForm(initial=initial, organisation=self.organisation)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = LocationForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            location = self.location
            for name, value in form.cleaned_data.items():
                setattr(location, name, value)
            try:
                services.save_location(location, actor=request.user)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De locatie is opgeslagen."))
                return redirect(
                    "socialmap:beheer-organisation",
                    team=self.team.slug,
                    organisation=self.organisation.pk,
                )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(location=self.location, **kwargs)


class OfferFormView(CoordinatorMixin, TemplateView):
    template_name = "socialmap/beheer_offer_form.html"

    @cached_property
    def offer(self) -> Aanbod:
        if "offer" not in self.kwargs:
            return Aanbod(organisation=self.organisation)
        return self.find(self.organisation.aanbod.all(), "aanbod", self.kwargs["offer"])

    def get(self, request, *args, **kwargs):
        form = OfferForm(
            initial=OfferForm.initial_for(self.offer),
            organisation=self.organisation,
            region=self.team.region,
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        # The initial values keep the offer's current (maybe inactive) code items valid.
        form = OfferForm(
            request.POST,
            initial=OfferForm.initial_for(self.offer),
            organisation=self.organisation,
            region=self.team.region,
        )
        if form.is_valid():
            offer, data = self.offer, dict(form.cleaned_data)
            m2m = {name: data.pop(name) for name in OFFER_M2M}
            for name, value in data.items():
                setattr(offer, name, value)
            try:
                services.save_offer(offer, actor=request.user, **m2m)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(
                    request, _("Het aanbod '%(name)s' is opgeslagen.") % {"name": offer.name}
                )
                return redirect(
                    "socialmap:beheer-organisation",
                    team=self.team.slug,
                    organisation=self.organisation.pk,
                )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(offer=self.offer, **kwargs)


class WaitingTimeFormMixin:
    """GET: current entries, history and the form. POST: 'Klopt nog' (button `klopt_nog` with
    the location id, empty for all locations) or new values."""

    template_name = "socialmap/waiting_time_form.html"
    with_date = False

    def back_url(self):
        raise NotImplementedError

    def initial(self) -> dict:
        current = current_waiting_times([self.offer.pk], timezone.localdate())
        entries = current.get(self.offer.pk, [])
        if not entries:
            return {}
        entry = entries[0].entry
        return {
            "location": str(entry.locatie_id or ""),
            "weeks_to_registration": entry.weeks_to_registration,
            "weeks_to_intake": entry.weeks_to_intake,
            "weeks_to_treatment": entry.weeks_to_treatment,
        }

    def get(self, request, *args, **kwargs):
        form = WaitingTimeForm(initial=self.initial(), offer=self.offer, with_date=self.with_date)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        offer = self.offer
        if "klopt_nog" in request.POST:
            return self.confirm_unchanged(request.POST["klopt_nog"])
        form = WaitingTimeForm(request.POST, offer=offer, with_date=self.with_date)
        if form.is_valid():
            try:
                services.confirm_waiting_time(offer, actor=request.user, **form.service_kwargs())
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(
                    request, _("De wachttijd van '%(name)s' is opgeslagen.") % {"name": offer.name}
                )
                return redirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form))

    def confirm_unchanged(self, location_id: str):
        location = None
        if location_id:
            if location_id.isdigit():
                location = self.offer.locaties.filter(pk=location_id).first()
            if location is None:
                raise Http404
        try:
            services.confirm_unchanged(self.offer, actor=self.request.user, location=location)
        except Refusal as refusal:
            add_message(self.request, refusal)
            return redirect(self.request.path)
        messages.success(
            self.request,
            _("De wachttijd van '%(name)s' is bevestigd: klopt nog.") % {"name": self.offer.name},
        )
        return redirect(self.back_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            offer=self.offer,
            row=selectors.waiting_rows([self.offer], self.team, today=today)[0],
            history=selectors.waiting_history(self.offer, self.team, today=today),
            back_url=self.back_url(),
            confirm_url=self.request.path,
        )
        return context


class CoordinatorWaitingTimeView(CoordinatorMixin, WaitingTimeFormMixin, TemplateView):
    with_date = True

    @cached_property
    def offer(self) -> Aanbod:
        offers = region_offers(self.team, active_only=False)
        return self.find(offers, "aanbod", self.kwargs["offer"])

    def back_url(self):
        if self.request.POST.get("terug") == "verouderd":
            return reverse("socialmap:beheer-stale", kwargs={"team": self.team.slug})
        return reverse(
            "socialmap:beheer-organisation",
            kwargs={"team": self.team.slug, "organisation": self.offer.organisation_id},
        )


class ProviderMixin(MapTeamMixin):
    team_capability = Cap.UPDATE_OWN_WAITING_TIMES
    team_purpose = "eigen wachttijden bijhouden"

    @cached_property
    def own_offers(self):
        return selectors.own_offers(self.request.user, self.team)


class ProviderOverviewView(ProviderMixin, TemplateView):
    template_name = "socialmap/provider_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = self.own_offers.order_by("organisation__name", "-active", "name")
        context["rows"] = selectors.waiting_rows(offers, self.team)
        context["stale_weeks"] = self.team.waiting_time_stale_weeks
        return context


class ProviderWaitingTimeView(ProviderMixin, WaitingTimeFormMixin, TemplateView):
    @cached_property
    def offer(self) -> Aanbod:
        return self.find(self.own_offers, "aanbod", self.kwargs["offer"])

    def back_url(self):
        return reverse("socialmap:provider", kwargs={"team": self.team.slug})
