import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import rules, selectors, services
from passend.advice.models import Advies, Decision, ImplementationStatus, Opvolging
from passend.cases.codes import CaseState
from passend.cases.services import transition
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from .conftest import FULL, works_for

pytestmark = pytest.mark.django_db


def draft(world, data=None, providers=None, role=Role.TEAMLID):
    a = world.a
    advies = services.new_advice(a.casus, actor=a.users[role])
    return services.save_advice(
        advies, actor=a.users[role], data=data or dict(FULL), providers=providers
    )


def approved(world, **kwargs):
    advies = draft(world, **kwargs)
    return services.approve_advice(advies, actor=world.a.users[Role.VOORZITTER])


def test_new_advice_takes_the_team_default_status(world):
    advies = draft(world)
    assert advies.status == "zwaarwegend" and advies.version == 1
    assert advies.drafted_by == world.a.users[Role.TEAMLID]


def test_a_status_other_than_the_team_default_needs_a_reason(world):
    with pytest.raises(InvalidInput, match="reden"):
        draft(world, data={**FULL, "status": "bindend", "status_reason": "  "})
    advies = draft(
        world, data={**FULL, "status": "bindend", "status_reason": "Afspraak met de regio."}
    )
    assert advies.status == "bindend"
    plain = services.save_advice(
        advies, actor=world.a.users[Role.TEAMLID], data={"status": "zwaarwegend"}
    )
    assert plain.status_reason == "", "back to the default: no reason kept"
    # The team changes its default after drafting: approval asks for the reason again.
    world.a.team.advice_status_default = "bindend"
    world.a.team.save()
    advies = Advies.objects.get(pk=advies.pk)
    with pytest.raises(StateConflict, match="reden"):
        services.approve_advice(advies, actor=world.a.users[Role.VOORZITTER])


def test_short_term_solution_ends_after_the_team_term(world):
    world.a.team.short_term_solution_months = 3
    world.a.team.save()
    start = dt.date(2025, 11, 30)
    advies = draft(
        world,
        data={**FULL, "short_term_solution": "Logeerhuis", "short_term_start_date": start},
    )
    assert advies.short_term_end_date == dt.date(2026, 2, 28)
    no_solution = services.save_advice(
        advies, actor=world.a.users[Role.TEAMLID], data={"short_term_solution": ""}
    )
    assert no_solution.short_term_start_date is None and no_solution.short_term_end_date is None


def test_drafting_only_while_the_case_is_worked_on(world):
    world.a.casus.state = CaseState.IN_SCREENING
    world.a.casus.save()
    with pytest.raises(StateConflict, match="in behandeling of heropend"):
        draft(world)


def test_one_draft_at_a_time_and_approved_advice_is_frozen(world):
    advies = draft(world)
    with pytest.raises(StateConflict, match="al een concept"):
        draft(world)
    services.approve_advice(advies, actor=world.a.users[Role.VOORZITTER])
    with pytest.raises(StateConflict, match="goedgekeurd"):
        services.save_advice(advies, actor=world.a.users[Role.TEAMLID], data={"routes": "x"})
    second = draft(world, data={"routes": "Nieuwe route"}, providers=None)
    assert second.version == 2
    assert second.most_fitting_care == FULL["most_fitting_care"], "copied from version 1"
    with pytest.raises(StateConflict, match="nieuwere versie"):
        services.send_advice(advies, actor=world.a.users[Role.VOORZITTER])


def test_only_the_chair_approves(world):
    advies = draft(world)
    for role in (Role.TEAMLID, Role.PROCESREGISSEUR, Role.SCREENER, Role.AANMELDER):
        with pytest.raises(NotAllowed, match="voorzitter"):
            services.approve_advice(advies, actor=world.a.users[role])
    assert services.approve_advice(advies, actor=world.a.users[Role.VOORZITTER]).is_approved


def test_empty_advice_is_not_approved(world):
    advies = draft(world, data={"routes": "Alleen een route"})
    with pytest.raises(StateConflict, match="meest passende zorg"):
        services.approve_advice(advies, actor=world.a.users[Role.VOORZITTER])


def test_conflict_of_interest_blocks_approval_until_the_expert_decides(world):
    a = world.a
    expert = a.users[Role.TEAMLID]
    works_for(expert, a.team, a.provider)
    advies = draft(world, providers=[a.provider, a.other])
    flags = selectors.conflict_flags(advies)
    assert [(f.user, f.organisation, f.resolved) for f in flags] == [(expert, a.provider, False)]
    with pytest.raises(StateConflict, match="belangenverstrengeling"):
        services.approve_advice(advies, actor=a.users[Role.VOORZITTER])
    with pytest.raises(InvalidInput, match="Licht toe"):
        services.declare_interest(
            advies, actor=expert, user=expert, organisation=a.provider, decision="bevestigd"
        )
    with pytest.raises(NotAllowed, match="expert zelf of de voorzitter"):
        services.declare_interest(
            advies,
            actor=a.users[Role.SCREENER],
            user=expert,
            organisation=a.provider,
            decision="teruggetreden",
        )
    services.declare_interest(
        advies,
        actor=expert,
        user=expert,
        organisation=a.provider,
        decision=Decision.BEVESTIGD,
        explanation="Ik ken het aanbod, maar beslis niet over de plaatsing.",
    )
    assert expert in a.casus.experts.all()
    assert services.approve_advice(advies, actor=a.users[Role.VOORZITTER]).is_approved


def test_stepping_back_removes_the_expert_from_the_case(world):
    a = world.a
    expert, director = a.users[Role.TEAMLID], a.users[Role.PROCESREGISSEUR]
    a.casus.procesregisseur = director
    a.casus.save()
    works_for(expert, a.team, a.provider)
    works_for(director, a.team, a.other)
    advies = draft(world, providers=[a.provider])
    assert [f.user for f in selectors.conflict_flags(advies)] == [expert]
    services.save_advice(advies, actor=expert, data={}, providers=[a.provider, a.other])
    assert {f.user for f in selectors.unresolved_conflicts(advies)} == {expert, director}
    services.declare_interest(
        advies,
        actor=a.users[Role.VOORZITTER],
        user=expert,
        organisation=a.provider,
        decision=Decision.TERUGGETREDEN,
    )
    assert expert not in a.casus.experts.all()
    declaration = advies.belangenverklaringen.get()
    assert declaration.recorded_by == a.users[Role.VOORZITTER]
    assert [f.user for f in selectors.unresolved_conflicts(advies)] == [director]


def test_sending_moves_the_case_and_plans_the_follow_up(world):
    a = world.a
    a.team.follow_up_months = 2
    a.team.save()
    advies = approved(world)
    chair = a.users[Role.VOORZITTER]
    with pytest.raises(NotAllowed, match="voorzitter"):
        services.send_advice(advies, actor=a.users[Role.TEAMLID])
    services.send_advice(advies, actor=chair, recipients=["verwijzer", "ouders"])
    advies.refresh_from_db()
    a.casus.refresh_from_db()
    assert advies.sent_at and advies.sent_by == chair
    assert advies.recipients == ["verwijzer", "ouders"]
    assert a.casus.state == CaseState.ADVIES_UITGEBRACHT
    entry = a.casus.transitions.get(to_state=CaseState.ADVIES_UITGEBRACHT)
    assert entry.actor == chair
    follow_up = advies.opvolgingen.get()
    sent_on = timezone.localdate(advies.sent_at)
    assert follow_up.due_on == rules.follow_up_due(sent_on, 2) and follow_up.done_on is None
    with pytest.raises(StateConflict, match="al verstuurd"):
        services.send_advice(advies, actor=chair)


def test_unapproved_advice_is_not_sent(world):
    advies = draft(world)
    with pytest.raises(StateConflict, match="nog niet goedgekeurd"):
        services.send_advice(advies, actor=world.a.users[Role.VOORZITTER])


def test_sending_is_refused_when_the_case_is_no_longer_in_treatment(world):
    a = world.a
    advies = approved(world)
    a.casus.state = CaseState.FOLLOW_UP  # not a state the advice can be sent from
    a.casus.save()
    with pytest.raises(StateConflict, match="in behandeling of heropend"):
        services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    advies.refresh_from_db()
    assert advies.sent_at is None and not Opvolging.objects.exists()


def test_follow_up_moves_the_case_to_follow_up(world):
    a = world.a
    advies = approved(world)
    services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    today = timezone.localdate()
    with pytest.raises(NotAllowed, match="procesregisseur"):
        services.record_follow_up(
            advies, actor=a.users[Role.TEAMLID], done_on=today, implementation_status="compromis"
        )
    with pytest.raises(InvalidInput, match="toekomst"):
        services.record_follow_up(
            advies,
            actor=a.users[Role.PROCESREGISSEUR],
            done_on=today + dt.timedelta(days=1),
            implementation_status="compromis",
        )
    follow_up, moved = services.record_follow_up(
        advies,
        actor=a.users[Role.PROCESREGISSEUR],
        done_on=today,
        implementation_status=ImplementationStatus.IN_DE_GEEST,
        in_fitting_place=True,
        notes="Gestart bij De Linde, iets later dan gepland.",
        next_due_on=today + dt.timedelta(days=60),
    )
    assert moved
    a.casus.refresh_from_db()
    advies.refresh_from_db()
    assert a.casus.state == CaseState.FOLLOW_UP
    assert advies.implementation_status == "in_de_geest"
    assert follow_up.done_by == a.users[Role.PROCESREGISSEUR] and follow_up.in_fitting_place
    assert advies.opvolgingen.filter(done_on__isnull=True).get().due_on == today + dt.timedelta(
        days=60
    )


def test_referrer_records_a_follow_up_without_moving_the_case(world):
    a = world.a
    advies = approved(world)
    services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    _, moved = services.record_follow_up(
        advies,
        actor=a.users[Role.AANMELDER],
        done_on=timezone.localdate(),
        implementation_status="aanbieder_niet_bereid",
    )
    a.casus.refresh_from_db()
    assert not moved and a.casus.state == CaseState.ADVIES_UITGEBRACHT
    # The procesregisseur can then move it on through the case's status form.
    transition(a.casus, to=CaseState.FOLLOW_UP, actor=a.users[Role.PROCESREGISSEUR])


def test_clarification_only_on_sent_advice_and_answered_by_the_team(world):
    a = world.a
    advies = approved(world)
    with pytest.raises(StateConflict, match="pas als het advies is verstuurd"):
        services.ask_clarification(advies, actor=a.users[Role.AANMELDER], question="Waarom?")
    services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    verzoek = services.ask_clarification(
        advies, actor=a.users[Role.AANMELDER], question="Wat als er geen plek is?", party="ouder"
    )
    assert verzoek.party == "verwijzer", "the referrer asks as referrer"
    with pytest.raises(NotAllowed):
        services.ask_clarification(advies, actor=a.users[Role.NOTULIST], question="?")
    assert list(selectors.open_clarification_requests(a.users[Role.TEAMLID], a.team)) == [verzoek]
    with pytest.raises(NotAllowed, match="teamleden"):
        services.answer_clarification(verzoek, actor=a.users[Role.AANMELDER], answer="Zo.")
    services.answer_clarification(verzoek, actor=a.users[Role.TEAMLID], answer="Dan plan B.")
    assert not selectors.open_clarification_requests(a.users[Role.TEAMLID], a.team).exists()


def test_advice_texts_are_encrypted_at_rest(world):
    advies = draft(world, data={**FULL, "short_term_solution": "Logeerhuis De Vlinder"})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_fitting_care, scenario_b, short_term_solution FROM advice_advies "
            "WHERE id = %s",
            [advies.pk],
        )
        row = cursor.fetchone()
    assert all(value and "Gezinsbehandeling" not in value for value in row)
    assert "Logeerhuis" not in row[2] and "Logeeropvang" not in row[1]
    assert Advies.objects.get(pk=advies.pk).most_fitting_care == FULL["most_fitting_care"]


def test_work_lists(world):
    a = world.a
    chair, member = a.users[Role.VOORZITTER], a.users[Role.TEAMLID]
    advies = draft(world, data={**FULL, "short_term_solution": "Logeerhuis"})
    assert list(selectors.awaiting_approval(chair, a.team)) == [advies]
    assert not selectors.awaiting_approval(member, a.team).exists(), "only who may approve"
    services.approve_advice(advies, actor=chair)
    assert not selectors.awaiting_approval(chair, a.team).exists()
    services.send_advice(advies, actor=chair)
    advies.refresh_from_db()
    end = advies.short_term_end_date
    assert not selectors.short_term_solutions_ending(member, a.team, end - dt.timedelta(15))
    assert list(selectors.short_term_solutions_ending(member, a.team, end - dt.timedelta(14))) == [
        advies
    ]
    assert selectors.short_term_solutions_ending(member, a.team, end + dt.timedelta(7)).exists()
    assert not selectors.short_term_solutions_ending(member, a.team, end + dt.timedelta(8))
    due = advies.opvolgingen.get().due_on
    assert not selectors.follow_ups_due(member, a.team, due - dt.timedelta(1)).exists()
    assert selectors.follow_ups_due(member, a.team, due).count() == 1
    assert selectors.follow_ups_due(member, world.b.team, due).count() == 0
    other_team_member = world.b.users[Role.VOORZITTER]
    assert not selectors.follow_ups_due(other_team_member, None, due).exists()
    assert not selectors.follow_ups_due(a.users[Role.BELEIDSADVISEUR], a.team, due).exists()
    assert list(selectors.sent_advice(a.casus)) == [advies]
