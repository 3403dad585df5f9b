"""Demo care histories: valid by the same rules, before registration, deterministic, and with
the patterns a demo needs (repeats, moves, gaps); analysis steps by the team after intake."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from passend.accounts.roles import ROLE_CAPABILITIES, Cap
from passend.analysis import selectors, services
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Statuswijziging
from passend.cases.tests.factories import CasusFactory
from passend.core.tests.factories import OrganisationFactory
from passend.demo.analysis import populate_analysis

pytestmark = pytest.mark.django_db

STATES = [
    CaseState.IN_BEHANDELING,
    CaseState.ADVIES_UITGEBRACHT,
    CaseState.FOLLOW_UP,
    CaseState.AFGESLOTEN,
    CaseState.HEROPEND,
]


def demo_cases(team, n=40):
    now = timezone.now()
    cases = []
    for i in range(n):
        registered = now - dt.timedelta(days=30 + 9 * i)
        casus = CasusFactory(team=team, registered_at=registered)
        entries = [("", CaseState.AANGEMELD, registered)]
        entries.append((CaseState.AANGEMELD, CaseState.IN_SCREENING, registered + dt.timedelta(3)))
        intake = registered + dt.timedelta(days=10)
        entries.append((CaseState.IN_SCREENING, CaseState.IN_BEHANDELING, intake))
        state = STATES[i % len(STATES)]
        if state != CaseState.IN_BEHANDELING:
            entries.append((CaseState.IN_BEHANDELING, state, intake + dt.timedelta(days=15)))
        for frm, to, at in entries:
            Statuswijziging.objects.create(casus=casus, from_state=frm, to_state=to, at=at)
        Casus.objects.filter(pk=casus.pk).update(state=state)
        casus.refresh_from_db()
        cases.append(casus)
    return cases


def test_demo_histories_and_analyses(tenancy):
    region = tenancy.a.team.region
    OrganisationFactory(name="Zandloper Jeugd-GGZ Duinland", regions=[region])
    cases = demo_cases(tenancy.a.team)
    today = timezone.localdate()

    count = populate_analysis(cases, random.Random(7), today)

    episodes = list(TijdlijnEpisode.objects.select_related("casus", "organisation"))
    assert count == len(episodes) > 60
    with_history = {e.casus_id for e in episodes}
    assert len(with_history) >= 0.75 * len(cases)
    per_case = {c.pk: [e for e in episodes if e.casus_id == c.pk] for c in cases}
    assert max(len(v) for v in per_case.values()) <= 6
    for episode in episodes:
        data = {name: getattr(episode, name) for name in services.EPISODE_FIELDS}
        assert services.episode_errors(episode.casus, data, today=today) == {}
        assert episode.start < timezone.localdate(episode.casus.registered_at)
    assert any(e.organisation_id for e in episodes) and any(e.provider_name for e in episodes)
    flags = [selectors.timeline(c, today).flags for c in cases]
    assert any("Zandloper Jeugd-GGZ Duinland" in f.repeated_providers for f in flags)
    assert any(f.moves for f in flags) and any(f.gaps for f in flags)

    workers = {
        m.user_id
        for m in tenancy.a.team.memberships.all()
        if Cap.WORK_ON_CASES in ROLE_CAPABILITIES[m.role]
    }
    steps = list(AnalyseStap.objects.select_related("casus"))
    assert steps and {s.author_id for s in steps} <= workers
    for step in steps:
        intake = step.casus.transitions.get(to_state=CaseState.IN_BEHANDELING).at
        assert intake < step.written_at <= timezone.now()
    advanced = [c for c in cases if c.state != CaseState.IN_BEHANDELING]
    assert all({s.step for s in steps if s.casus_id == c.pk} == {1, 2, 3} for c in advanced), (
        "an advice rests on the whole analysis"
    )


def test_demo_is_deterministic(tenancy):
    cases = demo_cases(tenancy.a.team, n=8)
    today = timezone.localdate()
    populate_analysis(cases, random.Random(3), today)
    first = list(TijdlijnEpisode.objects.values_list("casus", "start", "end", "hulpvorm"))
    TijdlijnEpisode.objects.all().delete()
    AnalyseStap.objects.all().delete()
    populate_analysis(cases, random.Random(3), today)
    second = list(TijdlijnEpisode.objects.values_list("casus", "start", "end", "hulpvorm"))
    assert first == second
