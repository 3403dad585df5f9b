"""Signals in a young person's help history: repeated providers or forms, moves and gaps.

Pure Python: no models, no database. Provider names and forms of help are compared after
normalisation (case-insensitive, whitespace collapsed) but reported with their first spelling.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

REPEAT_THRESHOLD = 3


@dataclass(frozen=True)
class Episode:
    """One period of help. ``end`` is None while the help is ongoing."""

    provider: str
    form_of_help: str
    start: date
    end: date | None
    with_stay: bool
    outcome: str = ""


@dataclass(frozen=True)
class TimelineFlags:
    """What stands out in the help history."""

    repeated_providers: dict[str, int] = field(default_factory=dict)
    repeated_forms: dict[str, int] = field(default_factory=dict)
    placements: int = 0
    moves: int = 0
    gaps: list[tuple[date, date]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


def _repeats(names: Iterable[str]) -> dict[str, int]:
    """Count normalised names; keep those seen at least REPEAT_THRESHOLD times."""
    counts: dict[str, int] = {}
    first_spelling: dict[str, str] = {}
    for name in names:
        key = _normalise(name)
        if not key:
            continue
        first_spelling.setdefault(key, " ".join(name.split()))
        counts[key] = counts.get(key, 0) + 1
    return {first_spelling[k]: n for k, n in counts.items() if n >= REPEAT_THRESHOLD}


def _date(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def flags(episodes: Iterable[Episode], *, today: date, gap_days: int = 30) -> TimelineFlags:
    """Return the timeline flags.

    * repeated providers / forms of help: seen ``REPEAT_THRESHOLD`` (3) or more times;
    * placements: episodes with a stay;
    * moves: consecutive stay episodes (sorted by start) at a different provider;
    * gaps: (end of cover, next start) where ``next start - end`` exceeds ``gap_days`` days and
      no other episode covers the period; an ongoing episode covers until ``today``.
    """
    ordered = sorted(episodes, key=lambda e: (e.start, e.end or today))
    repeated_providers = _repeats(e.provider for e in ordered)
    repeated_forms = _repeats(e.form_of_help for e in ordered)

    stays = [e for e in ordered if e.with_stay]
    moves = sum(
        1
        for previous, current in pairwise(stays)
        if _normalise(previous.provider) != _normalise(current.provider)
    )

    gaps: list[tuple[date, date]] = []
    covered_until: date | None = None
    for episode in ordered:
        if covered_until is not None and (episode.start - covered_until).days > gap_days:
            gaps.append((covered_until, episode.start))
        end = episode.end if episode.end is not None else max(today, episode.start)
        covered_until = end if covered_until is None else max(covered_until, end)

    messages: list[str] = []
    for name, count in repeated_providers.items():
        text = ngettext(
            "Dezelfde aanbieder is %(count)d keer ingezet: %(name)s.",
            "Dezelfde aanbieder is %(count)d keer ingezet: %(name)s.",
            count,
        )
        messages.append(text % {"count": count, "name": name})
    for name, count in repeated_forms.items():
        text = ngettext(
            "Dezelfde vorm van hulp is %(count)d keer ingezet: %(name)s.",
            "Dezelfde vorm van hulp is %(count)d keer ingezet: %(name)s.",
            count,
        )
        messages.append(text % {"count": count, "name": name})
    if moves:
        placed = ngettext(
            "%(count)d plaatsing met verblijf", "%(count)d plaatsingen met verblijf", len(stays)
        ) % {"count": len(stays)}
        moved = ngettext(
            "%(count)d keer van verblijfplek gewisseld",
            "%(count)d keer van verblijfplek gewisseld",
            moves,
        ) % {"count": moves}
        messages.append(
            str(_("%(placements)s, %(moves)s.") % {"placements": placed, "moves": moved})
        )
    for start, end in gaps:
        days = (end - start).days
        text = ngettext(
            "Periode zonder hulp van %(days)d dag: van %(start)s tot %(end)s.",
            "Periode zonder hulp van %(days)d dagen: van %(start)s tot %(end)s.",
            days,
        )
        messages.append(text % {"days": days, "start": _date(start), "end": _date(end)})

    return TimelineFlags(
        repeated_providers=repeated_providers,
        repeated_forms=repeated_forms,
        placements=len(stays),
        moves=moves,
        gaps=gaps,
        messages=messages,
    )
