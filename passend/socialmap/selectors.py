"""What a user may see on the sociale kaart, the need-driven search, and the reads of the beheer
pages (the coordinator's region, the provider's own offers, outdated waiting times).

The map is regional: through a team in which the user holds VIEW_SOCIAL_MAP they see the
organisations and active offers of that team's region. The team also gives the setting after how
many weeks a waiting time is outdated (`waiting.py` holds that rule). Who may do what is decided
by `passend.accounts.permissions`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from passend.accounts.models import Membership
from passend.accounts.permissions import has_capability, own_organisation_ids
from passend.accounts.roles import Cap, Role
from passend.cases.codes import Hulpvorm, Productcategorie
from passend.regions.models import Gemeente, Organisation, Team

from . import candidates
from . import search as rules
from .models import (
    Aanbiederprofiel,
    Aanbod,
    Aandachtspunt,
    Herinnering,
    Hulpvraag,
    Locatie,
    Wachttijd,
)
from .picker import region_offers
from .search import Criteria, OfferFacts, Waiting
from .waiting import (
    CurrentWaitingTime,
    best_current,
    current_entries,
    current_waiting_times,
    is_outdated,
)

__all__ = [
    "Criteria",
    "Result",
    "StaleItem",
    "beheer_overview",
    "confirmed_by_label",
    "last_reminders",
    "loosen_hints",
    "offers_for",
    "organisations_for",
    "own_offers",
    "region_organisations",
    "reminded_today",
    "reminder_recipients",
    "results_for_offers",
    "search",
    "stale_items",
    "waiting_history",
    "waiting_rows",
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
    english = (get_language() or "").startswith("en")
    for target, model in ((tags.hulpvragen, Hulpvraag), (tags.aandachtspunten, Aandachtspunt)):
        rows = model.objects.filter(aanbod__in=ids).values_list(
            "aanbod", "code", "label_nl", "label_en"
        )
        for offer_id, code, dutch, label_en in rows:  # the label as CodeItem.label gives it
            target.setdefault(offer_id, {})[code] = label_en if english and label_en else dutch
    rows = Gemeente.objects.filter(aanbod__in=ids).values_list("aanbod", "pk", "name")
    for offer_id, pk, name in rows:
        tags.gemeenten.setdefault(offer_id, {})[pk] = name
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


class SearchResults:
    """The ranked offers of a search, as a sequence: its length and order are known from the
    ranking (`candidates.rank`); an item or slice (a page) is read and explained only when
    asked for, in a constant number of queries."""

    def __init__(self, ranked, build):
        self._ranked = ranked
        self._build = build

    def __len__(self) -> int:
        return len(self._ranked)

    def __bool__(self) -> bool:
        return bool(self._ranked)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._build(self._ranked[index])
        return self._build([self._ranked[index]])[0]

    def __iter__(self):
        return iter(self[:])

    def __eq__(self, other) -> bool:
        if isinstance(other, list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None


def _unique(criteria: Criteria) -> Criteria:
    return replace(
        criteria,
        hulpvragen=tuple(dict.fromkeys(criteria.hulpvragen)),
        aandachtspunten=tuple(dict.fromkeys(criteria.aandachtspunten)),
    )


def search(user, team, criteria: Criteria, today: dt.date | None = None) -> SearchResults:
    """The offers on the team's map that fit the criteria, best first, with the reasons.

    The hard filters and the order are decided in the database over the whole regional map
    (`candidates.py`); only the offers of the page shown are read in full and explained by the
    rules of `search.py`."""
    today = today or timezone.localdate()
    criteria = _unique(criteria)
    ranked = candidates.rank(
        _search_queryset(user, team), criteria, today, team.waiting_time_stale_weeks
    )

    def build(chosen: list[candidates.Ranked]) -> list[Result]:
        found = Aanbod.objects.select_related("organisation", "organisation__profiel")
        offers = found.in_bulk([candidates.ranked_pk(r) for r in chosen])
        waiting = waiting_times_for(offers.values(), team, today)
        facts = {f.pk: f for f in _all_facts(offers.values(), waiting)}
        sources = confirmation_sources(offers.values(), waiting)
        results = []
        for pk in map(candidates.ranked_pk, chosen):
            match = rules.explain(facts[pk], criteria)
            results.append(
                Result(
                    offer=offers[pk],
                    score=match.score,
                    reasons=match.reasons,
                    waiting_times=waiting.get(pk, []),
                    waiting_status=match.waiting_status,
                    sources={
                        w.entry.pk: sources[w.entry.pk]
                        for w in waiting.get(pk, [])
                        if w.entry.pk in sources
                    },
                )
            )
        return results

    return SearchResults(ranked, build)


_LOOSEN = (
    ("max_weeks", lambda c: c.max_weeks is not None, {"max_weeks": None}),
    ("age", lambda c: c.age is not None, {"age": None}),
    ("gemeente", lambda c: c.gemeente is not None, {"gemeente": None}),
    ("with_stay", lambda c: c.with_stay is not None, {"with_stay": None}),
    ("voorliggend_veld", lambda c: c.voorliggend_veld, {"voorliggend_veld": False}),
    ("text", lambda c: bool(c.text), {"text": ""}),
    (
        "looking_for",
        lambda c: c.looks_for_something,
        {"hulpvragen": (), "productcategorie": "", "hulpvorm": ""},
    ),
)


def loosen_hints(user, team, criteria: Criteria, today: dt.date | None = None) -> list[str]:
    """For an empty result: which filter to loosen, with how many offers that would give (two
    queries per filter that is set)."""
    today = today or timezone.localdate()
    criteria = _unique(criteria)
    offers = _search_queryset(user, team)
    counts = []
    for name, active, change in _LOOSEN:
        if active(criteria):
            loosened = replace(criteria, **change)
            count = len(candidates.rank(offers, loosened, today, team.waiting_time_stale_weeks))
            if count:
                counts.append((name, count))
    return rules.hint_texts(counts)


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


# --- who confirmed (by organisation or role) ----------------------------------------------------


def confirmed_by_label(entry: Wachttijd) -> str:
    """Who confirmed, by organisation or role, never by name (the map shows no people)."""
    if entry.confirmed_by_id is None:
        return _("import") if entry.confirmed_by_name else _("onbekend")
    memberships = Membership.objects.filter(user_id=entry.confirmed_by_id, active=True)
    own = memberships.filter(
        role=Role.AANBIEDER, organisation=entry.aanbod.organisation_id
    ).exists()
    if own:
        return entry.aanbod.organisation.name
    if memberships.filter(role=Role.COORDINATOR_SK).exists():
        return _("coördinator sociale kaart")
    return _("medewerker")


# --- the coordinator's list of outdated and missing waiting times, reminders ------------------


@dataclass(frozen=True)
class StaleItem:
    """An outdated (entry set) or missing (entry None) waiting time of an offer/location."""

    offer: Aanbod
    location: Locatie | None
    entry: Wachttijd | None

    @property
    def missing(self) -> bool:
        return self.entry is None


def stale_items(team: Team, *, today: dt.date | None = None, organisation=None) -> list[StaleItem]:
    """Outdated and missing waiting times of the active offers of the team's region, by the
    team's `waiting_time_stale_weeks`: missing first, then oldest confirmation first."""
    today = today or timezone.localdate()
    offers = list(region_offers(team).prefetch_related("locaties"))
    if organisation is not None:
        offers = [o for o in offers if o.organisation_id == getattr(organisation, "pk", None)]
    newest = current_entries([o.pk for o in offers])
    items: list[StaleItem] = []
    for offer in offers:
        keys = [k for k in newest if k[0] == offer.pk]
        for key in keys:
            entry = newest[key]
            if is_outdated(entry.confirmed_on, today, team.waiting_time_stale_weeks):
                items.append(StaleItem(offer, entry.locatie, entry))
        if (offer.pk, None) in newest:
            continue  # one entry for all locations covers them
        locations = list(offer.locaties.all()) or [None]
        for location in locations:
            if (offer.pk, location.pk if location else None) not in newest:
                if location is None and keys:
                    continue
                items.append(StaleItem(offer, location, None))
    items.sort(
        key=lambda i: (
            not i.missing,
            i.entry.confirmed_on if i.entry else dt.date.min,
            i.offer.organisation.name,
            i.offer.name,
        )
    )
    return items


def reminder_recipients(organisation: Organisation) -> list[str]:
    """The organisation's provider employees and its contact address for referrers; the
    general address when neither is known."""
    emails = list(
        Membership.objects.current()
        .filter(organisation=organisation, role=Role.AANBIEDER, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    profiel = Aanbiederprofiel.objects.filter(organisation=organisation).first()
    if profiel and profiel.contact_email:
        emails.append(profiel.contact_email)
    if not emails and organisation.email:
        emails.append(organisation.email)
    return sorted({e.lower() for e in emails})


def reminded_today(organisation: Organisation, *, today: dt.date | None = None) -> bool:
    """At most one reminder per organisation per day."""
    day = today or timezone.localdate()
    return Herinnering.objects.filter(organisation=organisation, sent_on=day).exists()


def last_reminders(organisation_ids) -> dict[int, Herinnering]:
    """The newest reminder per organisation."""
    last: dict[int, Herinnering] = {}
    for reminder in Herinnering.objects.filter(organisation_id__in=list(organisation_ids)):
        last.setdefault(reminder.organisation_id, reminder)  # ordered newest first
    return last


# --- beheer: the coordinator's region, the provider's own offers -------------------------------


def region_organisations(team: Team) -> QuerySet[Organisation]:
    """The organisations active in the team's region (what its coordinator keeps)."""
    return Organisation.objects.filter(regions=team.region_id)


def beheer_overview(team: Team, *, query: str = "") -> dict:
    """The coordinator's overview: `rows` per organisation of the region (`query` in its name)
    with its active offers and its missing and outdated waiting times, most offers first, and
    `stale_total`, all missing and outdated waiting times of the region."""
    organisations = region_organisations(team).annotate(
        offer_count=Count("aanbod", filter=Q(aanbod__active=True), distinct=True)
    )
    if query:
        organisations = organisations.filter(name__icontains=query)
    stale = stale_items(team)
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
    return {"rows": rows, "stale_total": len(stale)}


def own_offers(user, team: Team) -> QuerySet[Aanbod]:
    """The offers of the organisations the user keeps the waiting times of, through `team`."""
    return (
        Aanbod.objects.filter(organisation__in=own_organisation_ids(user, team))
        .select_related("organisation")
        .prefetch_related("locaties")
    )


def waiting_rows(offers, team: Team, *, today: dt.date | None = None) -> list[dict]:
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


def waiting_history(offer: Aanbod, team: Team, *, today: dt.date | None = None) -> list[dict]:
    """The offer's last 20 confirmations, newest first, each marked outdated or not."""
    today = today or timezone.localdate()
    entries = offer.wachttijden.select_related("locatie", "aanbod__organisation")[:20]
    return [
        {
            "entry": entry,
            "outdated": is_outdated(entry.confirmed_on, today, team.waiting_time_stale_weeks),
            "confirmed_by": confirmed_by_label(entry),
        }
        for entry in entries
    ]
