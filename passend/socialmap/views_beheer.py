"""Beheer of the sociale kaart (coördinator) and the provider's own waiting times.

Coordinator pages need MANAGE_SOCIAL_MAP in the team of the URL and reach the organisations of
that team's region. Provider pages need UPDATE_OWN_WAITING_TIMES and reach only the offers of
the provider's own organisation; any other offer answers 404 and is logged as denied (team of
the URL). The pages show who confirmed a waiting time by organisation or role, never by name,
so they hold no personal data.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from passend.accounts.roles import Cap
from passend.regions.models import Organisation

from . import services
from .forms_beheer import (
    OFFER_M2M,
    LocationForm,
    OfferForm,
    ProfileForm,
    WaitingTimeForm,
    put_errors,
    put_waiting_errors,
)
from .mixins import MapTeamMixin
from .models import Aanbiederprofiel, Aanbod, Herinnering, Locatie
from .waiting import current_waiting_times, is_outdated


def _waiting_rows(offers, team, today=None) -> list[dict]:
    """Per offer: its current entries (outdated marked) and the locations without one."""
    today = today or timezone.localdate()
    offers = list(offers)
    current = current_waiting_times([o.pk for o in offers], today, team.waiting_time_stale_weeks)
    rows = []
    for offer in offers:
        entries = current.get(offer.pk, [])
        covered = {c.entry.locatie_id for c in entries}
        missing = (
            []
            if None in covered
            else [loc for loc in offer.locaties.all() if loc.pk not in covered]
        )
        rows.append({"offer": offer, "entries": entries, "missing": missing})
    return rows


class CoordinatorMixin(MapTeamMixin):
    team_capability = Cap.MANAGE_SOCIAL_MAP
    team_purpose = "sociale kaart beheren"

    @cached_property
    def organisation(self) -> Organisation:
        found = Organisation.objects.filter(
            regions=self.team.region_id, pk=self.kwargs["organisation"]
        ).first()
        if found is None:
            self.refuse("organisatie", self.kwargs["organisation"])
        return found

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
        organisations = Organisation.objects.filter(regions=self.team.region_id).annotate(
            offer_count=Count("aanbod", filter=Q(aanbod__active=True), distinct=True)
        )
        if query:
            organisations = organisations.filter(name__icontains=query)
        stale = services.stale_items(self.team)
        counts: dict[int, list[int]] = {}
        for item in stale:
            pair = counts.setdefault(item.offer.organisation_id, [0, 0])
            pair[0 if item.missing else 1] += 1
        rows = [
            {
                "organisation": org,
                "offers": org.offer_count,
                "missing": counts.get(org.pk, [0, 0])[0],
                "outdated": counts.get(org.pk, [0, 0])[1],
            }
            for org in organisations.order_by("-offer_count", "name")
        ]
        context.update(rows=rows, zoek=query, stale_total=len(stale))
        return context


class StaleListView(CoordinatorMixin, TemplateView):
    """Outdated and missing waiting times of the region, oldest first, grouped by
    organisation, with the last reminder and a one-click reminder per organisation."""

    template_name = "socialmap/beheer_stale.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: dict[int, dict] = {}
        for item in services.stale_items(self.team):
            org = item.offer.organisation
            group = groups.setdefault(org.pk, {"organisation": org, "items": []})
            label = services.confirmed_by_label(item.entry) if item.entry else ""
            group["items"].append({"item": item, "confirmed_by": label})
        reminders = services.last_reminders(groups)
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
        if not services.reminder_recipients(organisation):
            messages.error(
                request,
                _("Van %(org)s is geen e-mailadres bekend. Vul het contact voor verwijzers in.")
                % {"org": organisation.name},
            )
        elif Herinnering.objects.filter(
            organisation=organisation, sent_on=timezone.localdate()
        ).exists():
            messages.info(
                request, _("%(org)s is vandaag al herinnerd.") % {"org": organisation.name}
            )
        elif services.send_reminder(organisation, team=self.team, actor=request.user):
            messages.success(
                request, _("De herinnering aan %(org)s is verstuurd.") % {"org": organisation.name}
            )
        else:
            messages.info(
                request,
                _("De wachttijden van %(org)s zijn actueel.") % {"org": organisation.name},
            )
        return redirect("socialmap:beheer-stale", team=self.team.slug)


class OrganisationBeheerView(CoordinatorMixin, TemplateView):
    """The organisation's profile (form), its locations and its offers."""

    template_name = "socialmap/beheer_organisation.html"

    @cached_property
    def profiel(self):
        return Aanbiederprofiel.objects.filter(organisation=self.organisation).first()

    def get(self, request, *args, **kwargs):
        form = ProfileForm(
            initial=ProfileForm.initial_for(self.profiel), organisation=self.organisation
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ProfileForm(request.POST, organisation=self.organisation)
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
            except services.MapInvalid as invalid:
                put_errors(form, invalid)
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
        context["rows"] = _waiting_rows(offers, self.team)
        return context


class LocationFormView(CoordinatorMixin, TemplateView):
    template_name = "socialmap/beheer_location_form.html"

    @cached_property
    def location(self) -> Locatie:
        if "location" not in self.kwargs:
            return Locatie(organisation=self.organisation)
        found = self.organisation.locaties.filter(pk=self.kwargs["location"]).first()
        if found is None:
            self.refuse("locatie", self.kwargs["location"])
        return found

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
            except services.MapInvalid as invalid:
                put_errors(form, invalid)
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
        found = self.organisation.aanbod.filter(pk=self.kwargs["offer"]).first()
        if found is None:
            self.refuse("aanbod", self.kwargs["offer"])
        return found

    def get(self, request, *args, **kwargs):
        form = OfferForm(initial=OfferForm.initial_for(self.offer), organisation=self.organisation)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = OfferForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            offer, data = self.offer, dict(form.cleaned_data)
            m2m = {name: data.pop(name) for name in OFFER_M2M}
            for name, value in data.items():
                setattr(offer, name, value)
            try:
                services.save_offer(offer, actor=request.user, **m2m)
            except services.MapInvalid as invalid:
                put_errors(form, invalid)
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
            except services.MapInvalid as invalid:
                put_waiting_errors(form, invalid)
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
        except services.MapInvalid as invalid:
            messages.error(self.request, " ".join(invalid.messages))
            return redirect(self.request.path)
        messages.success(
            self.request,
            _("De wachttijd van '%(name)s' is bevestigd: klopt nog.") % {"name": self.offer.name},
        )
        return redirect(self.back_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        stale_weeks = self.team.waiting_time_stale_weeks
        history = []
        for entry in self.offer.wachttijden.select_related("locatie", "aanbod__organisation")[:20]:
            history.append(
                {
                    "entry": entry,
                    "outdated": is_outdated(entry.confirmed_on, today, stale_weeks),
                    "confirmed_by": services.confirmed_by_label(entry),
                }
            )
        context.update(
            offer=self.offer,
            row=_waiting_rows([self.offer], self.team, today)[0],
            history=history,
            back_url=self.back_url(),
            confirm_url=self.request.path,
        )
        return context


class CoordinatorWaitingTimeView(CoordinatorMixin, WaitingTimeFormMixin, TemplateView):
    with_date = True

    @cached_property
    def offer(self) -> Aanbod:
        found = (
            Aanbod.objects.filter(
                organisation__regions=self.team.region_id, pk=self.kwargs["offer"]
            )
            .select_related("organisation")
            .first()
        )
        if found is None:
            self.refuse("aanbod", self.kwargs["offer"])
        return found

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
        own = services.own_organisation_ids(self.request.user, self.team)
        return (
            Aanbod.objects.filter(organisation__in=own)
            .select_related("organisation")
            .prefetch_related("locaties")
        )


class ProviderOverviewView(ProviderMixin, TemplateView):
    template_name = "socialmap/provider_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = self.own_offers.order_by("organisation__name", "-active", "name")
        context["rows"] = _waiting_rows(offers, self.team)
        context["stale_weeks"] = self.team.waiting_time_stale_weeks
        return context


class ProviderWaitingTimeView(ProviderMixin, WaitingTimeFormMixin, TemplateView):
    @cached_property
    def offer(self) -> Aanbod:
        found = self.own_offers.filter(pk=self.kwargs["offer"]).first()
        if found is None:
            self.refuse("aanbod", self.kwargs["offer"])
        return found

    def back_url(self):
        return reverse("socialmap:provider", kwargs={"team": self.team.slug})
