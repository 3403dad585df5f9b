"""Fill the demo cases' case work: timelines and analysis, meetings, advice with follow-up,
procesregie. Runs after ``load_demo_cases``; each module's demo dates its objects from the
cases' status history. Deterministic for a seed; does nothing when the given demo teams already
have meetings (idempotent)."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.meetings.models import Overleg

from .advice import populate_advice
from .analysis import populate_analysis
from .cases import DEMO_TEAM_SLUGS, VEEN_SEED, VEEN_TEAM_SLUGS
from .meetings import populate_meetings
from .procesregie import populate_procesregie

S = CaseState
WORKED_STATES = (S.IN_BEHANDELING, S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND)


def load_demo_casework(seed: int = 2026, slugs=DEMO_TEAM_SLUGS) -> dict:
    if Overleg.objects.filter(team__slug__in=slugs).exists():
        return {"created": False}
    rng = random.Random(seed + 4)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    cases = list(
        Casus.objects.filter(team__slug__in=slugs, state__in=WORKED_STATES)
        .select_related("team", "team__region")
        .prefetch_related("transitions", "experts")
        .order_by("registered_at", "id")
    )
    with transaction.atomic():
        episodes = populate_analysis(cases, rng, today)
        meetings = 0
        for team in sorted({c.team for c in cases}, key=lambda t: t.slug):
            team_cases = [c for c in cases if c.team_id == team.pk]
            meetings += populate_meetings(team, team_cases, rng, today)
        advices = populate_advice(cases, rng, today)
        actions = populate_procesregie(cases, rng, today)
    return {
        "created": True,
        "episodes": episodes,
        "meetings": meetings,
        "advices": advices,
        "actions": actions,
    }


def load_veenland_casework() -> dict:
    """The second region's case work, from its own seed."""
    return load_demo_casework(VEEN_SEED, slugs=VEEN_TEAM_SLUGS)
