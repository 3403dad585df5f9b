"""The demo meetings follow the cases' history and the participation policy."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from passend.cases.codes import CaseState
from passend.cases.models import Statuswijziging
from passend.cases.tests.factories import CasusFactory
from passend.demo.meetings import populate_meetings
from passend.meetings import rules
from passend.meetings.codes import MeetingStatus
from passend.meetings.models import Casusbespreking, Overleg

pytestmark = pytest.mark.django_db


def _case(team, state, steps, now):
    casus = CasusFactory(team=team, state=state)
    for to_state, days_ago in steps:
        Statuswijziging.objects.create(
            casus=casus, from_state="", to_state=to_state, at=now - dt.timedelta(days=days_ago)
        )
    return casus


def test_demo_meetings_follow_the_case_history(tenancy):
    team, now = tenancy.a.team, timezone.now()
    team.participation_required = True
    team.save()
    today = timezone.localdate()
    cases = [
        _case(
            team,
            CaseState.ADVIES_UITGEBRACHT,
            [(CaseState.IN_BEHANDELING, 200 + i), (CaseState.ADVIES_UITGEBRACHT, 120 + i)],
            now,
        )
        for i in range(6)
    ] + [_case(team, CaseState.IN_BEHANDELING, [(CaseState.IN_BEHANDELING, 60)], now)]
    created = populate_meetings(team, cases, random.Random(4), today)
    meetings = Overleg.objects.filter(team=team)
    assert created == meetings.count() > 26
    assert meetings.filter(starts_at__gt=now + dt.timedelta(days=28)).exists()
    assert populate_meetings(team, cases, random.Random(4), today) == 0
    for casus in cases[:6]:
        held = list(casus.discussions.exclude(participation="").order_by("discussed_at"))
        assert 1 <= len(held) <= 3
        entry = casus.transitions.get(to_state=CaseState.IN_BEHANDELING).at
        advice = casus.transitions.get(to_state=CaseState.ADVIES_UITGEBRACHT).at
        assert entry < held[0].discussed_at < advice
    for item in Casusbespreking.objects.exclude(participation=""):
        assert item.overleg.status == MeetingStatus.GEHOUDEN
        assert not rules.participation_problems(
            item.participation,
            item.absence_reason,
            item.spokesperson_name,
            item.spokesperson_relation,
            True,
        )
    held_meeting = meetings.filter(status=MeetingStatus.GEHOUDEN).first()
    assert held_meeting.attendance.count() > 0
