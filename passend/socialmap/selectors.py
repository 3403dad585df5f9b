"""What a user may see on the sociale kaart, and the need-driven search.

The map is regional: through a team in which the user holds VIEW_SOCIAL_MAP they see the
organisations and active offers of that team's region. The team also gives the setting after how
many weeks a waiting time is outdated (`waiting.py` holds that rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.models import Membership
from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap, Role
from passend.cases.codes import Hulpvorm, Productcategorie
from passend.regions.models import Gemeente, Organisation

from . import search as rules
from .models import Aanbod, Aandachtspunt, Hulpvraag, Locatie
from .search import Criteria, OfferFacts, Waiting
from .waiting import CurrentWaitingTime, best_current, current_waiting_times

__all__ = [
    "Criteria",
    "Result",
    "loosen_hints",
    "offers_for",
    "organisations_for",
    "results_for_offers",
    "search",
    "waiting_times_for",
]


@dataclass
class Result:
    """One offer in a search result: why it fits and its current waiting times."""

    offer: Aanbod
    score: int = 0
    reasons: tuple[str, ...] = ()
    waiting_times: list[CurrentWaitingTime] = field(default_factory=list)
    waiting_status: str = rules.STATUS_UNKNOWN  # actueel / verouderd / onbekend
    sources: dict[int, str] = field(default_factory=dict)  # entry pk -> "bevestigd door ..."

    @property
    def best(self) -> CurrentWaitingTime | None:
        """The shortest fresh waiting time to the start of help (None when none is fresh)."""
        return best_current(self.waiting_times)

    @property
    def outdated_times(self) -> list[CurrentWaitingTime]:
        return [w for w in self.waiting_times if w.outdated]


def _may_view(user, team) -> bool:
    return has_capability(user, Cap.VIEW_SOCIAL_MAP, team)


def offers_for(user, team) -> QuerySet[Aanbod]:
    """Active offers of the organisations in the team's region (empty without the capability)."""
    if not _may_view(user, team):
        return Aanbod.objects.none()
    return (
        Aanbod.objects.filter(active=True, organisation__regions=team.region_id)
        .select_related("organisation", "organisation__profiel")
        .order_by("organisation__name", "name", "pk")
    )


def organisations_for(user, team) -> QuerySet[Organisation]:
    """Organisations on the team's regional map: those with a profile or an active offer."""
    if not _may_view(user, team):
        return Organisation.objects.none()
    on_map = Q(profiel__isnull=False) | Q(aanbod__active=True)
    ids = Organisation.objects.filter(on_map, regions=team.region_id).values("pk")
    return Organisation.objects.filter(pk__in=ids).select_related("profiel").order_by("name", "pk")


def offer_detail_queryset(user, team) -> QuerySet[Aanbod]:
    return offers_for(user, team).prefetch_related(
        "hulpvragen",
        "aandachtspunten",
        "life_domains",
        "expertise",
        "gemeenten",
        Prefetch("locaties", queryset=Locatie.objects.select_related("gemeente")),
    )


def _search_queryset(user, team) -> QuerySet[Aanbod]:
    return offers_for(user, team)


@dataclass
class _Tags:
    """The many-to-many values the search needs, per offer pk, read in three flat queries
    (prefetching builds a queryset per offer and relation, which dominates on a large map)."""

    hulpvragen: dict[int, dict[str, str]] = field(default_factory=dict)
    aandachtspunten: dict[int, dict[str, str]] = field(default_factory=dict)
    gemeenten: dict[int, dict[int, str]] = field(default_factory=dict)


def _tags(offer_ids) -> _Tags:
    ids = list(offer_ids)
    tags = _Tags()
    for target, model, key in (
        (tags.hulpvragen, Hulpvraag, "code"),
        (tags.aandachtspunten, Aandachtspunt, "code"),
        (tags.gemeenten, Gemeente, "pk"),
    ):
        label = "label" if model is not Gemeente else "name"
        rows = model.objects.filter(aanbod__in=ids).values_list("aanbod", key, label)
        for offer_id, value, text in rows:
            target.setdefault(offer_id, {})[value] = text
    return tags


def waiting_times_for(offers, team, today: dt.date | None = None):
    """Current waiting times per offer pk, judged by the team's stale setting."""
    today = today or timezone.localdate()
    return current_waiting_times(
        [o.pk for o in offers], today, stale_weeks=team.waiting_time_stale_weeks
    )


def _all_facts(offers, waiting: dict[int, list[CurrentWaitingTime]]) -> list[OfferFacts]:
    offers = list(offers)
    tags = _tags(o.pk for o in offers)
    product_labels = {code: str(label) for code, label in Productcategorie.choices}
    form_labels = {code: str(label) for code, label in Hulpvorm.choices}
    return [
        OfferFacts(
            pk=offer.pk,
            name=offer.name,
            organisation=offer.organisation.name,
            description=offer.description,
            hulpvragen=tags.hulpvragen.get(offer.pk, {}),
            aandachtspunten=tags.aandachtspunten.get(offer.pk, {}),
            productcategorie=offer.productcategorie,
            productcategorie_label=product_labels.get(offer.productcategorie, ""),
            hulpvorm=offer.hulpvorm,
            hulpvorm_label=form_labels.get(offer.hulpvorm, ""),
            voorliggend_veld=offer.voorliggend_veld,
            with_stay=offer.with_stay,
            age_min=offer.age_min,
            age_max=offer.age_max,
            gemeenten=tags.gemeenten.get(offer.pk, {}),
            waiting=_facts_waiting(waiting.get(offer.pk, [])),
        )
        for offer in offers
    ]


def confirmation_sources(offers, waiting: dict[int, list[CurrentWaitingTime]]) -> dict[int, str]:
    """Entry pk -> who confirmed it, as an organisation or role, never a person's name."""
    entries = [(o, w.entry) for o in offers for w in waiting.get(o.pk, [])]
    user_ids = {e.confirmed_by_id for _o, e in entries if e.confirmed_by_id}
    orgs: dict[int, set[int]] = {}
    coordinators: set[int] = set()
    for m in Membership.objects.filter(user_id__in=user_ids, active=True):
        if m.organisation_id:
            orgs.setdefault(m.user_id, set()).add(m.organisation_id)
        if m.role == Role.COORDINATOR_SK:
            coordinators.add(m.user_id)
    sources = {}
    for offer, entry in entries:
        if entry.confirmed_by_id and offer.organisation_id in orgs.get(entry.confirmed_by_id, ()):
            sources[entry.pk] = offer.organisation.name
        elif entry.confirmed_by_id in coordinators:
            sources[entry.pk] = _("de coördinator sociale kaart")
        elif entry.confirmed_by_name and not entry.confirmed_by_id:
            sources[entry.pk] = _("een import van de aanbieder")
    return sources


def search(user, team, criteria: Criteria, today: dt.date | None = None) -> list[Result]:
    """The offers on the team's map that fit the criteria, best first, with the reasons."""
    offers = {o.pk: o for o in _search_queryset(user, team)}
    waiting = waiting_times_for(offers.values(), team, today)
    facts = _all_facts(offers.values(), waiting)
    matches = rules.rank(facts, criteria)
    chosen = [offers[m.pk] for m in matches]
    sources = confirmation_sources(chosen, waiting)
    return [
        Result(
            offer=offers[m.pk],
            score=m.score,
            reasons=m.reasons,
            waiting_times=waiting.get(m.pk, []),
            waiting_status=m.waiting_status,
            sources={
                w.entry.pk: sources[w.entry.pk]
                for w in waiting.get(m.pk, [])
                if w.entry.pk in sources
            },
        )
        for m in matches
    ]


def loosen_hints(user, team, criteria: Criteria, today: dt.date | None = None) -> list[str]:
    """For an empty result: which filter to loosen, with how many offers that would give."""
    offers = list(_search_queryset(user, team))
    waiting = waiting_times_for(offers, team, today)
    return rules.loosen_hints(_all_facts(offers, waiting), criteria)


def results_for_offers(offers, team, today: dt.date | None = None) -> list[Result]:
    """Offers already chosen (organisation page, offer detail, an advice): their current
    waiting times and freshness, without search reasons."""
    offers = list(offers)
    waiting = waiting_times_for(offers, team, today)
    sources = confirmation_sources(offers, waiting)
    results = []
    for offer in offers:
        times = waiting.get(offer.pk, [])
        facts_waiting = _facts_waiting(times)
        results.append(
            Result(
                offer=offer,
                reasons=(rules.waiting_reason(facts_waiting),),
                waiting_times=times,
                waiting_status=rules.waiting_status(facts_waiting),
                sources={w.entry.pk: sources[w.entry.pk] for w in times if w.entry.pk in sources},
            )
        )
    return results


def _facts_waiting(times: list[CurrentWaitingTime]) -> tuple[Waiting, ...]:
    return tuple(
        Waiting(
            weeks_to_treatment=w.entry.weeks_to_treatment,
            confirmed_on=w.entry.confirmed_on,
            outdated=w.outdated,
            location=w.entry.locatie.name if w.entry.locatie else "",
        )
        for w in times
    )
