"""Need-driven search of the sociale kaart: the filter and ranking rules as pure functions over
plain data, so they can be tested without a database and explained to a family.

Hard filters (an offer that fails one is not shown):
- "Waar ben je naar op zoek?": when hulpvragen or a form of help are chosen, the offer helps
  with at least one of them;
- age within the offer's age range; the municipality within its work area;
- with or without stay, and voorliggend veld only, when asked;
- free text in the offer's name, description or organisation (here a substring test; the
  search itself uses the database's Dutch full-text index, see `fulltext.py`);
- a maximum waiting time: only a FRESH (not outdated) waiting time to the start of help within
  the maximum counts. An outdated or unknown waiting time never meets a maximum.

Ranking: every matching hulpvraag and aandachtspunt counts, a matching form of help counts, a
short fresh waiting time earns a bonus, and so does the voorliggend veld when asked. Ties go to
the shortest fresh waiting time, then the name.

`candidates.py` applies these filters and weights in the database over a regional map; a test
(`test_search_sql.py`) holds its order, scores and reasons equal to `rank` here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# Weights of the ranking; a need the family named weighs most.
WEIGHT_HULPVRAAG = 10
WEIGHT_FORM_OF_HELP = 6
WEIGHT_AANDACHTSPUNT = 4
WEIGHT_VOORLIGGEND = 3
# Bonus for a short fresh waiting time to the start of help: (at most weeks, bonus).
WAITING_BONUS = ((2, 3), (6, 2), (12, 1))

STATUS_CURRENT = "actueel"
STATUS_OUTDATED = "verouderd"
STATUS_UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Criteria:
    """What the family and professional are looking for; empty means "no preference"."""

    hulpvragen: tuple[str, ...] = ()
    aandachtspunten: tuple[str, ...] = ()
    productcategorie: str = ""
    hulpvorm: str = ""
    age: int | None = None
    gemeente: int | None = None  # Gemeente pk
    max_weeks: int | None = None  # to the start of help
    with_stay: bool | None = None  # None: maakt niet uit
    voorliggend_veld: bool = False  # only offers without referral
    text: str = ""

    @property
    def looks_for_something(self) -> bool:
        return bool(self.hulpvragen or self.productcategorie or self.hulpvorm)


@dataclass(frozen=True)
class Waiting:
    """One current waiting-time entry, as plain data."""

    weeks_to_treatment: int
    confirmed_on: dt.date
    outdated: bool
    location: str = ""


@dataclass(frozen=True)
class OfferFacts:
    pk: int
    name: str
    organisation: str
    description: str = ""
    hulpvragen: Mapping[str, str] = field(default_factory=dict)  # code -> label
    aandachtspunten: Mapping[str, str] = field(default_factory=dict)
    productcategorie: str = ""
    productcategorie_label: str = ""
    hulpvorm: str = ""
    hulpvorm_label: str = ""
    voorliggend_veld: bool = False
    with_stay: bool = False
    age_min: int = 0
    age_max: int = 23
    gemeenten: Mapping[int, str] = field(default_factory=dict)  # pk -> name
    waiting: tuple[Waiting, ...] = ()


@dataclass(frozen=True)
class Match:
    pk: int
    name: str
    score: int
    reasons: tuple[str, ...]
    best_weeks: int | None  # shortest fresh waiting time to the start of help
    waiting_status: str  # actueel / verouderd / onbekend


def best_fresh(waiting: Iterable[Waiting]) -> Waiting | None:
    fresh = [w for w in waiting if not w.outdated]
    return min(fresh, key=lambda w: (w.weeks_to_treatment, w.location)) if fresh else None


def waiting_status(waiting: tuple[Waiting, ...]) -> str:
    if not waiting:
        return STATUS_UNKNOWN
    return STATUS_CURRENT if best_fresh(waiting) else STATUS_OUTDATED


def waiting_bonus(weeks: int | None) -> int:
    if weeks is None:
        return 0
    return next((bonus for limit, bonus in WAITING_BONUS if weeks <= limit), 0)


def _contains(facts: OfferFacts, text: str) -> bool:
    needle = text.casefold().strip()
    haystack = " ".join((facts.name, facts.description, facts.organisation)).casefold()
    return all(word in haystack for word in needle.split())


def passes(facts: OfferFacts, criteria: Criteria) -> bool:
    """The hard filters."""
    if criteria.looks_for_something:
        helps = set(criteria.hulpvragen) & set(facts.hulpvragen)
        form = (
            criteria.productcategorie and criteria.productcategorie == facts.productcategorie
        ) or (criteria.hulpvorm and criteria.hulpvorm == facts.hulpvorm)
        if not helps and not form:
            return False
    if criteria.age is not None and not facts.age_min <= criteria.age <= facts.age_max:
        return False
    if criteria.gemeente is not None and criteria.gemeente not in facts.gemeenten:
        return False
    if criteria.with_stay is not None and criteria.with_stay != facts.with_stay:
        return False
    if criteria.voorliggend_veld and not facts.voorliggend_veld:
        return False
    if criteria.text and not _contains(facts, criteria.text):
        return False
    if criteria.max_weeks is not None:
        best = best_fresh(facts.waiting)
        if best is None or best.weeks_to_treatment > criteria.max_weeks:
            return False
    return True


def waiting_reason(waiting: tuple[Waiting, ...]) -> str:
    best = best_fresh(waiting)
    if best is not None:
        text = ngettext(
            "Wachttijd tot start hulp %(weeks)s week, bevestigd op %(date)s",
            "Wachttijd tot start hulp %(weeks)s weken, bevestigd op %(date)s",
            best.weeks_to_treatment,
        ) % {
            "weeks": best.weeks_to_treatment,
            "date": best.confirmed_on.strftime("%d-%m-%Y"),
        }
        if best.location:
            text += " " + _("(locatie %(location)s)") % {"location": best.location}
        return text
    if waiting:
        newest = max(w.confirmed_on for w in waiting)
        return _(
            "Wachttijd verouderd: laatst bevestigd op %(date)s; vraag de actuele wachttijd na"
        ) % {"date": newest.strftime("%d-%m-%Y")}
    return _("Wachttijd onbekend; vraag die na bij de aanbieder")


def evaluate(facts: OfferFacts, criteria: Criteria) -> Match | None:
    """The offer's score and the plain reasons why it fits, or None when it does not pass."""
    if not passes(facts, criteria):
        return None
    return explain(facts, criteria)


def explain(facts: OfferFacts, criteria: Criteria) -> Match:
    """The score and reasons of an offer known to pass the hard filters (the database applied
    them, including the full-text match, which `passes` only approximates by substring)."""
    score, reasons = 0, []
    helps = [facts.hulpvragen[c] for c in criteria.hulpvragen if c in facts.hulpvragen]
    if helps:
        score += WEIGHT_HULPVRAAG * len(helps)
        reasons.append(_("Helpt bij: %(needs)s") % {"needs": ", ".join(helps)})
    if criteria.productcategorie and criteria.productcategorie == facts.productcategorie:
        score += WEIGHT_FORM_OF_HELP
        reasons.append(_("Vorm van hulp: %(form)s") % {"form": facts.productcategorie_label})
    if criteria.hulpvorm and criteria.hulpvorm == facts.hulpvorm:
        score += WEIGHT_FORM_OF_HELP
        reasons.append(_("Vorm van hulp: %(form)s") % {"form": facts.hulpvorm_label})
    attention = [
        facts.aandachtspunten[c] for c in criteria.aandachtspunten if c in facts.aandachtspunten
    ]
    if attention:
        score += WEIGHT_AANDACHTSPUNT * len(attention)
        reasons.append(_("Heeft aandacht voor: %(points)s") % {"points": ", ".join(attention)})
    if criteria.age is not None:
        reasons.append(
            _("Voor %(min)s tot en met %(max)s jaar") % {"min": facts.age_min, "max": facts.age_max}
        )
    if criteria.gemeente is not None:
        reasons.append(
            _("Werkt in %(gemeente)s") % {"gemeente": facts.gemeenten[criteria.gemeente]}
        )
    if criteria.with_stay is not None:
        reasons.append(_("Met verblijf") if facts.with_stay else _("Zonder verblijf"))
    if facts.voorliggend_veld:
        if criteria.voorliggend_veld:
            score += WEIGHT_VOORLIGGEND
        reasons.append(_("Zonder verwijzing (voorliggend veld)"))
    best = best_fresh(facts.waiting)
    best_weeks = best.weeks_to_treatment if best else None
    score += waiting_bonus(best_weeks)
    reasons.append(waiting_reason(facts.waiting))
    return Match(
        pk=facts.pk,
        name=facts.name,
        score=score,
        reasons=tuple(reasons),
        best_weeks=best_weeks,
        waiting_status=waiting_status(facts.waiting),
    )


def rank_key(match: Match):
    no_fresh = match.best_weeks is None
    return (-match.score, no_fresh, match.best_weeks or 0, match.name.casefold(), match.pk)


def rank(offers: Iterable[OfferFacts], criteria: Criteria) -> list[Match]:
    """Evaluate every offer and return those that pass, best first."""
    matches = [m for m in (evaluate(f, criteria) for f in offers) if m is not None]
    return sorted(matches, key=rank_key)


def loosen_hints(offers: Iterable[OfferFacts], criteria: Criteria) -> list[str]:
    """For an empty result: which single filter, when dropped, would give results."""
    offers = list(offers)
    candidates = [
        ("max_weeks", criteria.max_weeks is not None, {"max_weeks": None}),
        ("age", criteria.age is not None, {"age": None}),
        ("gemeente", criteria.gemeente is not None, {"gemeente": None}),
        ("with_stay", criteria.with_stay is not None, {"with_stay": None}),
        ("voorliggend_veld", criteria.voorliggend_veld, {"voorliggend_veld": False}),
        ("text", bool(criteria.text), {"text": ""}),
        (
            "looking_for",
            criteria.looks_for_something,
            {"hulpvragen": (), "productcategorie": "", "hulpvorm": ""},
        ),
    ]
    hints = []
    for name, active, change in candidates:
        if not active:
            continue
        loosened = replace(criteria, **change)
        count = sum(1 for f in offers if passes(f, loosened))
        if count:
            hints.append((name, count))
    return hint_texts(hints)


def hint_texts(hints: Iterable[tuple[str, int]]) -> list[str]:
    """The hint per loosened filter (by name, in the order given) with its number of results."""
    result = []
    for name, count in hints:
        amount = ngettext("%(count)s resultaat", "%(count)s resultaten", count) % {"count": count}
        text = f"{_HINTS[name]}: {amount}."
        if name == "max_weeks":
            text += " " + _("Verouderde en onbekende wachttijden tellen niet mee voor een maximum.")
        result.append(text)
    return result


_HINTS = {
    "max_weeks": gettext_lazy("Zonder maximale wachttijd"),
    "age": gettext_lazy("Zonder leeftijd"),
    "gemeente": gettext_lazy("Zonder gemeente"),
    "with_stay": gettext_lazy("Met én zonder verblijf"),
    "voorliggend_veld": gettext_lazy("Ook aanbod waarvoor een verwijzing nodig is"),
    "text": gettext_lazy("Zonder zoektekst"),
    "looking_for": gettext_lazy("Zonder keuze bij 'Waar ben je naar op zoek?'"),
}
