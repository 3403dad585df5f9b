"""Business rules of the procesregie module: overdue, escalation ladder, action owners."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.core.refusals import InvalidInput, NotAllowed
from passend.procesregie import rules, selectors, services
from passend.procesregie.codes import Level, is_escalation
from passend.procesregie.models import Actie, Escalatie

from .factories import ActieFactory, case_at_work

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


@pytest.mark.django_db
def test_escalating_downwards_or_in_the_future_is_refused_in_dutch(tenancy):
    casus = case_at_work(tenancy.a.team)
    with pytest.raises(InvalidInput) as refusal:
        services.escalate(
            casus,
            actor=tenancy.a.users[Role.VOORZITTER],
            from_level=Level.CCE,
            to_level=Level.EXPERTTEAM,
            reason="Vastgelopen",
            escalated_on=timezone.localdate() + dt.timedelta(days=1),
        )
    errors = refusal.value.errors
    assert "hoger niveau" in errors["to_level"][0]
    assert "toekomst" in errors["escalated_on"][0]
    assert not Escalatie.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "valid"),
    [(-1, False), (0, True)],  # the day before the registration / the registration day
)
def test_an_escalation_happens_on_or_after_the_registration(tenancy, days, valid):
    casus = case_at_work(tenancy.a.team)
    day = rules.registered_on(casus) + dt.timedelta(days=days)
    errors = rules.escalation_errors(
        casus, from_level=Level.CASUSREGISSEUR, to_level=Level.EXPERTTEAM, escalated_on=day
    )
    assert ("escalated_on" not in errors) is valid


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (dt.date(1899, 12, 31), False),
        (dt.date(1900, 1, 1), True),
        (TODAY.replace(year=TODAY.year + 10), True),
        (TODAY.replace(year=TODAY.year + 10) + dt.timedelta(days=1), False),
    ],
)
def test_a_deadline_lies_between_1900_and_ten_years_ahead(day, valid):
    assert (rules.deadline_error(day, today=TODAY) is None) is valid


@pytest.mark.django_db
def test_action_owner_must_be_a_member_of_the_case_team(tenancy):
    casus = case_at_work(tenancy.a.team)
    lead = tenancy.a.users[Role.PROCESREGISSEUR]
    outsider = tenancy.b.users[Role.TEAMLID]
    fields = {"description": "Plek zoeken", "deadline": TODAY}
    with pytest.raises(InvalidInput) as refusal:
        services.action_save(casus, actor=lead, owner=outsider, **fields)
    assert "lid zijn van het team" in refusal.value.errors["owner"][0]
    with pytest.raises(InvalidInput):
        services.action_save(casus, actor=lead, owner=None, owner_name="", **fields)
    ok = services.action_save(casus, actor=lead, owner=tenancy.a.users[Role.TEAMLID], **fields)
    external = services.action_save(casus, actor=lead, owner_name="GI, casusregisseur", **fields)
    assert ok.owner == tenancy.a.users[Role.TEAMLID]
    assert external.owner is None and external.owner_name == "GI, casusregisseur"


@pytest.mark.django_db
def test_only_direct_process_roles_set_goals_and_escalate(tenancy):
    casus = case_at_work(tenancy.a.team)
    with pytest.raises(NotAllowed):
        services.goal_save(casus, actor=tenancy.a.users[Role.TEAMLID], term="kort", description="x")
    with pytest.raises(NotAllowed):
        services.escalate(
            casus,
            actor=tenancy.a.users[Role.TEAMLID],
            from_level="casusregisseur",
            to_level="expertteam",
            reason="x",
            escalated_on=TODAY,
        )
    goal = services.goal_save(
        casus, actor=tenancy.a.users[Role.PROCESREGISSEUR], term="lang", description="Thuis"
    )
    assert goal.order == 1


@pytest.mark.django_db
def test_the_owner_may_complete_their_own_action_without_case_work_rights(tenancy):
    casus = case_at_work(tenancy.a.team)
    notulist = tenancy.a.users[Role.NOTULIST]
    own = ActieFactory(casus=casus, owner=notulist)
    other = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID])
    services.action_complete(own, actor=notulist)
    own.refresh_from_db()
    assert own.status == "gedaan" and own.done_on == timezone.localdate()
    with pytest.raises(NotAllowed):
        services.action_complete(other, actor=notulist)


@pytest.mark.django_db
def test_my_actions_lists_own_open_actions_of_this_team_overdue_first(tenancy):
    me = tenancy.a.users[Role.TEAMLID]
    casus = case_at_work(tenancy.a.team)
    today = timezone.localdate()
    later = ActieFactory(casus=casus, owner=me, deadline=today + dt.timedelta(days=3))
    late = ActieFactory(casus=casus, owner=me, deadline=today - dt.timedelta(days=2))
    ActieFactory(casus=casus, owner=me, status="gedaan", deadline=today - dt.timedelta(days=9))
    ActieFactory(casus=casus, owner=tenancy.a.users[Role.SCREENER])
    other_team = case_at_work(tenancy.b.team)
    ActieFactory(casus=other_team, owner=me)  # inconsistent data: never shown in team A
    mine = list(selectors.my_actions(me, tenancy.a.team, today=today))
    assert mine == [late, later]
    assert list(selectors.overdue_actions(me, tenancy.a.team, today)) == [late]
    assert list(selectors.my_actions(me, tenancy.b.team, today=today)) == []


@pytest.mark.django_db
def test_case_ids_with_toekomstplan(tenancy):
    with_plan, without = case_at_work(tenancy.a.team), case_at_work(tenancy.a.team)
    services.toekomstplan_save(
        with_plan,
        actor=tenancy.a.users[Role.TEAMLID],
        rows={"wonen": {"supporter": "Mentor", "status": "in_gang"}},
    )
    assert selectors.case_ids_with_toekomstplan([with_plan.pk, without.pk]) == {with_plan.pk}
    assert selectors.has_toekomstplan(with_plan) and not selectors.has_toekomstplan(without)
    assert with_plan.toekomstplan.rows.get().status == "in_gang"
