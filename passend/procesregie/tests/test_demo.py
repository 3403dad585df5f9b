"""The procesregie demo data obeys the module's rules."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from passend.accounts.models import Membership
from passend.cases.models import Statuswijziging
from passend.cases.tests.factories import CasusFactory
from passend.demo.procesregie import populate_procesregie
from passend.procesregie import rules, services
from passend.procesregie.models import Actie, Doel, Escalatie, Regiegesprek, Toekomstplan

pytestmark = pytest.mark.django_db


def _case(team, state, days_ago, **fields):
    at = timezone.now() - dt.timedelta(days=days_ago)
    casus = CasusFactory(team=team, registered_at=at - dt.timedelta(days=7), **fields)
    Statuswijziging.objects.create(casus=casus, to_state="in_behandeling", at=at)
    if state == "afgesloten":
        Statuswijziging.objects.create(
            casus=casus, to_state="afgesloten", at=at + dt.timedelta(days=days_ago // 2)
        )
    casus.state = state
    casus.save(update_fields=["state"])
    return casus


def test_demo_plans_follow_the_rules(tenancy):
    today = timezone.localdate()
    team = tenancy.a.team
    birth = today.replace(year=today.year - 17)
    cases = [
        _case(team, "in_behandeling", 120),
        _case(team, "follow_up", 200),
        _case(team, "afgesloten", 300),
        _case(team, "aangemeld", 10),
        *[
            _case(team, "in_behandeling", 90, birth_date=birth, in_closed_youth_care=True)
            for _ in range(6)
        ],
    ]
    created = populate_procesregie(cases, random.Random(7), today)
    assert created == Actie.objects.count() > 0
    assert not Doel.objects.filter(casus=cases[3]).exists()
    members = set(Membership.objects.filter(team=team).values_list("user_id", flat=True))
    for action in Actie.objects.all():
        assert (action.owner_id in members) if action.owner_id else action.owner_name
        assert action.done_on is None or action.done_on <= today
    assert not Actie.objects.filter(casus=cases[2], status__in=["open", "bezig"]).exists()
    for e in Escalatie.objects.all():  # the services' rules, dates included
        values = {name: getattr(e, name) for name in services.ESCALATION_FIELDS}
        assert rules.escalation_errors(e.casus, **values) == {}
    for gesprek in Regiegesprek.objects.all():
        assert rules.regiegesprek_errors(gesprek.casus, held_on=gesprek.held_on) == {}
    for goal in Doel.objects.all():
        assert rules.goal_errors(goal.casus, achieved_on=goal.achieved_on) == {}
    assert Escalatie.objects.exists() and Regiegesprek.objects.exists()
    plans = Toekomstplan.objects.count()
    assert 0 < plans < 6  # some get one; others keep the 16,5-jaar alert
