"""Business rules of the procesregie module: overdue, escalation ladder, action owners."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.tests.factories import CasusFactory
from passend.procesregie import selectors, services
from passend.procesregie.codes import Level, is_escalation
from passend.procesregie.models import Actie

from .factories import ActieFactory

TODAY = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    ("status", "deadline", "overdue"),
    [
        ("open", dt.date(2025, 3, 9), True),
        ("bezig", dt.date(2025, 3, 1), True),
        ("open", TODAY, False),  # due today is not late yet
        ("open", dt.date(2025, 3, 11), False),
        ("gedaan", dt.date(2025, 3, 1), False),
        ("vervallen", dt.date(2025, 3, 1), False),
    ],
)
def test_an_action_is_overdue_when_open_and_past_its_deadline(status, deadline, overdue):
    assert Actie(status=status, deadline=deadline).is_overdue(TODAY) is overdue


def test_the_escalation_ladder_only_goes_up():
    ladder = list(Level)
    assert ladder[0] == Level.CASUSREGISSEUR and ladder[-1] == Level.LANDELIJK
    assert is_escalation(Level.CASUSREGISSEUR, Level.PROCESREGISSEUR)
    assert is_escalation(Level.EXPERTTEAM, Level.CCE)
    assert not is_escalation(Level.CCE, Level.EXPERTTEAM)
    assert not is_escalation(Level.EXPERTTEAM, Level.EXPERTTEAM)


def test_escalating_downwards_or_in_the_future_is_refused_in_dutch():
    with pytest.raises(ValidationError) as refusal:
        services.check_escalation(
            Level.CCE, Level.EXPERTTEAM, timezone.localdate() + dt.timedelta(days=1)
        )
    errors = refusal.value.message_dict
    assert "hoger niveau" in errors["to_level"][0]
    assert "toekomst" in errors["escalated_on"][0]


@pytest.mark.django_db
def test_action_owner_must_be_a_member_of_the_case_team(tenancy):
    casus = CasusFactory(team=tenancy.a.team)
    lead = tenancy.a.users[Role.PROCESREGISSEUR]
    outsider = tenancy.b.users[Role.TEAMLID]
    fields = {"description": "Plek zoeken", "deadline": TODAY}
    with pytest.raises(ValidationError) as refusal:
        services.save_action(casus, actor=lead, owner=outsider, **fields)
    assert "lid zijn van het team" in refusal.value.message_dict["owner"][0]
    with pytest.raises(ValidationError):
        services.save_action(casus, actor=lead, owner=None, owner_name="", **fields)
    ok = services.save_action(casus, actor=lead, owner=tenancy.a.users[Role.TEAMLID], **fields)
    external = services.save_action(casus, actor=lead, owner_name="GI, casusregisseur", **fields)
    assert ok.owner == tenancy.a.users[Role.TEAMLID]
    assert external.owner is None and external.owner_name == "GI, casusregisseur"


@pytest.mark.django_db
def test_only_direct_process_roles_set_goals_and_escalate(tenancy):
    casus = CasusFactory(team=tenancy.a.team)
    with pytest.raises(services.NotAllowed):
        services.save_goal(casus, actor=tenancy.a.users[Role.TEAMLID], term="kort", description="x")
    with pytest.raises(services.NotAllowed):
        services.escalate(
            casus,
            actor=tenancy.a.users[Role.TEAMLID],
            from_level="casusregisseur",
            to_level="expertteam",
            reason="x",
            escalated_on=TODAY,
        )
    goal = services.save_goal(
        casus, actor=tenancy.a.users[Role.PROCESREGISSEUR], term="lang", description="Thuis"
    )
    assert goal.order == 1


@pytest.mark.django_db
def test_the_owner_may_complete_their_own_action_without_case_work_rights(tenancy):
    casus = CasusFactory(team=tenancy.a.team)
    notulist = tenancy.a.users[Role.NOTULIST]
    own = ActieFactory(casus=casus, owner=notulist)
    other = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID])
    services.complete_action(own, actor=notulist)
    own.refresh_from_db()
    assert own.status == "gedaan" and own.done_on == timezone.localdate()
    with pytest.raises(services.NotAllowed):
        services.complete_action(other, actor=notulist)


@pytest.mark.django_db
def test_my_actions_lists_own_open_actions_of_this_team_overdue_first(tenancy):
    me = tenancy.a.users[Role.TEAMLID]
    casus = CasusFactory(team=tenancy.a.team)
    today = timezone.localdate()
    later = ActieFactory(casus=casus, owner=me, deadline=today + dt.timedelta(days=3))
    late = ActieFactory(casus=casus, owner=me, deadline=today - dt.timedelta(days=2))
    ActieFactory(casus=casus, owner=me, status="gedaan", deadline=today - dt.timedelta(days=9))
    ActieFactory(casus=casus, owner=tenancy.a.users[Role.SCREENER])
    other_team = CasusFactory(team=tenancy.b.team)
    ActieFactory(casus=other_team, owner=me)  # inconsistent data: never shown in team A
    mine = list(selectors.my_actions(me, tenancy.a.team, today=today))
    assert mine == [late, later]
    assert list(selectors.overdue_actions(me, tenancy.a.team, today)) == [late]
    assert list(selectors.my_actions(me, tenancy.b.team, today=today)) == []


@pytest.mark.django_db
def test_case_ids_with_toekomstplan(tenancy):
    with_plan, without = CasusFactory(team=tenancy.a.team), CasusFactory(team=tenancy.a.team)
    services.save_toekomstplan(
        with_plan,
        actor=tenancy.a.users[Role.TEAMLID],
        rows={"wonen": {"supporter": "Mentor", "status": "in_gang"}},
    )
    assert selectors.case_ids_with_toekomstplan([with_plan.pk, without.pk]) == {with_plan.pk}
    assert selectors.has_toekomstplan(with_plan) and not selectors.has_toekomstplan(without)
    assert with_plan.toekomstplan.rows.get().status == "in_gang"
