"""Choosing offers from the social map inside a case (advice, timeline episode), and showing a
chosen offer with its current waiting times (advice tab, letter, API).

The map is regional: a team picks from the active offers of organisations in its region. The
current/outdated rule is `passend.socialmap.waiting`; the stale threshold is the team setting.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Aanbod
from .waiting import current_waiting_times


def region_offers(team, *, active_only: bool = True) -> QuerySet:
    """The offers a team may choose: organisations in the team's region (active ones only)."""
    offers = Aanbod.objects.filter(organisation__regions=team.region_id)
    if active_only:
        offers = offers.filter(active=True)
    return offers.distinct().select_related("organisation").order_by("organisation__name", "name")


def filter_offers(offers: QuerySet, *, text: str = "", hulpvraag=None) -> QuerySet:
    """A simple narrowing for the picker: words in the name, description or organisation, and
    one 'waar ben je naar op zoek?' need. (The full search is the map's search page.)"""
    for word in (text or "").split():
        offers = offers.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    if hulpvraag is not None:
        offers = offers.filter(hulpvragen=hulpvraag)
    return offers.distinct()


def grouped_choices(offers) -> list[tuple[str, list[tuple[int, str]]]]:
    """[(organisation name, [(offer id, offer name), ...]), ...] for a grouped select."""
    rows = sorted(offers, key=lambda o: (o.organisation.name, o.name, o.pk))
    return [
        (org, [(o.pk, o.name) for o in group])
        for org, group in groupby(rows, key=lambda o: o.organisation.name)
    ]


def _dmy(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _contact(offer: Aanbod) -> dict:
    """Contact for referrers: the provider profile's, else the organisation's own."""
    org = offer.organisation
    profile = getattr(org, "profiel", None)
    name = phone = email = ""
    if profile is not None:
        name, phone, email = profile.contact_name, profile.contact_phone, profile.contact_email
    return {"name": name, "phone": phone or org.phone, "email": email or org.email}


def _waiting(entry, outdated: bool) -> dict:
    confirmed = _dmy(entry.confirmed_on)
    return {
        "location": entry.locatie.name if entry.locatie_id else "",
        "weeks_to_registration": entry.weeks_to_registration,
        "weeks_to_intake": entry.weeks_to_intake,
        "weeks_to_treatment": entry.weeks_to_treatment,
        "confirmed_on": entry.confirmed_on,
        "outdated": outdated,
        "freshness": (
            f"verouderd (laatst bevestigd op {confirmed})"
            if outdated
            else f"bevestigd op {confirmed}"
        ),
    }


def offer_details(offers, team, *, today: dt.date | None = None) -> list[dict]:
    """Each offer with organisation, plain description, contact for referrers and its current
    waiting times (one per location, or one for all), each marked outdated or confirmed.
    `waiting_times` is empty when the provider never gave one ('wachttijd onbekend')."""
    offers = sorted(offers, key=lambda o: (o.organisation.name, o.name, o.pk))
    today = today or timezone.localdate()
    current = current_waiting_times(
        [o.pk for o in offers], today, stale_weeks=team.waiting_time_stale_weeks
    )
    return [
        {
            "id": offer.pk,
            "name": offer.name,
            "organisation": offer.organisation.name,
            "organisation_id": offer.organisation_id,
            "description": offer.description,
            "voorliggend_veld": offer.voorliggend_veld,
            "referral_needed": offer.referral_needed,
            "active": offer.active,
            "contact": _contact(offer),
            "waiting_times": [_waiting(c.entry, c.outdated) for c in current.get(offer.pk, [])],
        }
        for offer in offers
    ]
