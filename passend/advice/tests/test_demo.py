import datetime as dt
import random

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import rules
from passend.advice.models import Advies, Opvolging
from passend.cases.codes import CaseState
from passend.cases.models import Statuswijziging
from passend.cases.tests.factories import CasusFactory
from passend.demo.advice import populate_advice

pytestmark = pytest.mark.django_db
S = CaseState


def case_through(team, path, start):
    casus = CasusFactory(team=team, state=path[-1])
    for index, state in enumerate(path):
        Statuswijziging.objects.create(
            casus=casus,
            from_state=path[index - 1] if index else "",
            to_state=state,
            at=start + dt.timedelta(days=20 * index),
        )
    return casus


def test_demo_advice_follows_the_case_history(world):
    a = world.a
    start = timezone.now() - dt.timedelta(days=200)
    flow = [S.AANGEMELD, S.IN_SCREENING, S.IN_BEHANDELING, S.ADVIES_UITGEBRACHT]
    cases = [
        case_through(a.team, flow, start),
        case_through(a.team, [*flow, S.FOLLOW_UP], start),
        case_through(a.team, [*flow, S.FOLLOW_UP, S.AFGESLOTEN], start),
        case_through(a.team, [S.AANGEMELD, S.IN_SCREENING, S.IN_BEHANDELING], start),
        case_through(a.team, [S.AANGEMELD], start),
    ]
    created = populate_advice(cases, random.Random(4), timezone.localdate())
    assert created >= 3
    for casus in cases[:3]:
        advies = casus.adviezen.get()
        sent = casus.transitions.get(to_state=S.ADVIES_UITGEBRACHT).at
        assert advies.sent_at == sent and advies.approved_at < sent
        assert advies.approved_by == a.users[Role.VOORZITTER]
        follow_up = advies.opvolgingen.get()
        assert follow_up.due_on == rules.follow_up_due(timezone.localdate(sent), 2)
        if casus.state != S.ADVIES_UITGEBRACHT:
            done = casus.transitions.get(to_state=S.FOLLOW_UP).at
            assert follow_up.done_on == timezone.localdate(done)
            assert advies.implementation_status == follow_up.implementation_status != ""
        else:
            assert follow_up.done_on is None
    assert not cases[4].adviezen.exists()
    assert populate_advice(cases, random.Random(4), timezone.localdate()) == 0, "idempotent"
    assert Advies.objects.filter(sent_at__isnull=True).count() <= 1
    assert Opvolging.objects.count() == 3
