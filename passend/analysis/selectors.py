"""Reads of the analyse module: the timeline with its geometry and flags, the analysis steps.

The flags come from ``passend.analysis.timeline_rules`` (pure rules); this module only maps the
stored episodes onto its ``Episode`` and computes where each bar goes on the visual timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from passend.analysis.timeline_rules import Episode, TimelineFlags, flags
from passend.cases.models import Casus

from .models import AnalyseStap, AnalyseStep, TijdlijnEpisode

MIN_BAR_PERCENT = 0.8  # a one-day episode stays visible
MAX_TICKS = 10


def episodes_for(casus: Casus) -> QuerySet[TijdlijnEpisode]:
    """The episodes of a case in time order, with what the page and the API show."""
    return (
        TijdlijnEpisode.objects.filter(casus=casus)
        .select_related("organisation", "life_domain", "created_by")
        .order_by("start", "id")
    )


def to_rule_episode(episode: TijdlijnEpisode) -> Episode:
    """The stored episode as the timeline rules see it."""
    return Episode(
        provider=episode.provider,
        form_of_help=episode.form_of_help,
        start=episode.start,
        end=episode.end,
        with_stay=episode.with_stay,
        outcome=episode.outcome or "",
    )


def timeline_flags(episodes, today: dt.date) -> TimelineFlags:
    return flags([to_rule_episode(e) for e in episodes], today=today)


@dataclass
class Bar:
    """Position on the visual timeline, in percent of its width."""

    left: float
    width: float

    # Locale-independent SVG attribute values (a Dutch decimal comma would break them).
    @property
    def x(self) -> str:
        return f"{self.left:.2f}%"

    @property
    def w(self) -> str:
        return f"{self.width:.2f}%"


@dataclass
class TimelineRow:
    episode: TijdlijnEpisode
    provider: str
    form_of_help: str
    bar: Bar
    ongoing: bool
    repeated_provider: bool
    repeated_form: bool
    days: int


@dataclass
class Tick:
    label: str
    left: float

    @property
    def x(self) -> str:
        return f"{self.left:.2f}%"


@dataclass
class Timeline:
    rows: list[TimelineRow] = field(default_factory=list)
    flags: TimelineFlags = field(default_factory=TimelineFlags)
    gaps: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    first_day: dt.date | None = None
    today: dt.date | None = None


def _normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Scale:
    """Maps a date to a percentage between the first start and today."""

    def __init__(self, first: dt.date, last: dt.date):
        self.first = first
        self.span = max((last - first).days, 1)

    def at(self, day: dt.date) -> float:
        return round(min(max((day - self.first).days / self.span, 0.0), 1.0) * 100, 2)

    def bar(self, start: dt.date, end: dt.date) -> Bar:
        left = self.at(start)
        width = max(self.at(end) - left, MIN_BAR_PERCENT)
        left = min(left, 100 - width)
        return Bar(left=round(left, 2), width=round(width, 2))


def _ticks(scale: _Scale, first: dt.date, last: dt.date) -> list[Tick]:
    """Year marks (every n years so that at most MAX_TICKS remain)."""
    years = list(range(first.year + 1, last.year + 1))
    step = max(1, -(-len(years) // MAX_TICKS))
    return [Tick(str(y), scale.at(dt.date(y, 1, 1))) for y in years[::step]]


def timeline(casus: Casus, today: dt.date) -> Timeline:
    """The rows (with bar geometry) and flags of a case's care history, as of ``today``."""
    episodes = list(episodes_for(casus))
    result = Timeline(flags=timeline_flags(episodes, today), today=today)
    if not episodes:
        return result
    first = min(e.start for e in episodes)
    last = max(today, *(e.end or today for e in episodes))
    scale = _Scale(first, last)
    repeated_providers = {_normalise(n) for n in result.flags.repeated_providers}
    repeated_forms = {_normalise(n) for n in result.flags.repeated_forms}
    for episode in episodes:
        end = episode.end or today
        provider, form = episode.provider, episode.form_of_help
        result.rows.append(
            TimelineRow(
                episode=episode,
                provider=provider,
                form_of_help=form,
                bar=scale.bar(episode.start, end),
                ongoing=episode.end is None,
                repeated_provider=_normalise(provider) in repeated_providers,
                repeated_form=_normalise(form) in repeated_forms,
                days=(end - episode.start).days,
            )
        )
    result.gaps = [scale.bar(start, end) for start, end in result.flags.gaps]
    result.ticks = _ticks(scale, first, last)
    result.first_day = first
    return result


@dataclass
class StepView:
    """One step of the verklarende analyse: its current text and the earlier versions."""

    step: int
    label: str
    current: AnalyseStap | None = None
    earlier: list[AnalyseStap] = field(default_factory=list)


def latest_steps(casus: Casus) -> list[StepView]:
    """The three steps in order, each with its latest version first and the history after."""
    views = {s.value: StepView(step=s.value, label=str(s.label)) for s in AnalyseStep}
    versions = (
        AnalyseStap.objects.filter(casus=casus)
        .select_related("author")
        .order_by("step", "-written_at", "-id")
    )
    for version in versions:
        view = views[version.step]
        if view.current is None:
            view.current = version
        else:
            view.earlier.append(version)
    return list(views.values())
