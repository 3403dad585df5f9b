"""After every service that writes a case, the analytics record already equals an independent
computation from the case records (no job, no lag): one case from registration through
screening, a meeting, an escalation, advice, clarification, follow-up, closure, reopening and
a withdrawn consent, the clock moving between the steps."""

import datetime as dt

import pytest
from django.db import transaction

from passend.accounts.roles import Role
from passend.advice import services as advice
from passend.analytics.models import CasusFeit
from passend.cases import services as cases
from passend.core.refusals import StateConflict
from passend.meetings import services as meetings
from passend.meetings.models import Overleg
from passend.procesregie import services as procesregie

from .helpers import DAY0, at, expected_dump, registered, stored_dump

pytestmark = pytest.mark.django_db


def check(casus):
    assert stored_dump(casus) == expected_dump(casus)


def test_every_case_service_leaves_the_record_equal_to_the_case_records(tenancy):
    u = tenancy.a.users
    with at(0, 9):
        casus = registered(tenancy)
        check(casus)
        assert stored_dump(casus)["age_years"] == 13
        assert stored_dump(casus)["age_group"] == "12-15"

    with at(1):  # editing the registration
        casus.refresh_from_db()
        casus.urgency = "zeer_hoog"
        cases.register(casus, actor=u[Role.AANMELDER])
        check(casus)

    with at(2):  # screening starts; consent of the mother and the young person
        cases.transition(casus, to="in_screening", actor=u[Role.SCREENER])
        check(casus)
        ouder = casus.ouders.get()
        cases.record_consent(
            casus,
            actor=u[Role.SCREENER],
            ouder=ouder,
            method="digitaal",
            given_on=dt.date(2026, 3, 4),
            scope_learning=True,
        )
        check(casus)
        assert stored_dump(casus)["learning_consent"] is True
        youth = cases.record_consent(
            casus, actor=u[Role.SCREENER], ouder=None, method="digitaal", given_on=DAY0.date()
        )
        check(casus)

    with at(9):  # the screening decision
        cases.screen(casus, actor=u[Role.SCREENER], outcome="geschikt", reason="Vastgelopen.")
        check(casus)
        assert stored_dump(casus)["days_to_screening"] == 9
        cases.save_case_direction(
            casus,
            actor=u[Role.PROCESREGISSEUR],
            consultation_type="consultatie",
            placed_by="",
            in_closed_youth_care=False,
            wlz_transition=False,
        )
        check(casus)

    with at(16, 9):  # a meeting: planned, the case on the agenda, then discussed
        overleg = meetings.plan_meeting(
            casus.team, actor=u[Role.VOORZITTER], starts_at=DAY0 + dt.timedelta(days=16)
        )
        item = meetings.add_to_agenda(overleg, casus=casus, actor=u[Role.VOORZITTER])
        check(casus)
    with at(16, 12):
        meetings.record_discussion(item, actor=u[Role.NOTULIST], participation="aanwezig")
        check(casus)
        assert stored_dump(casus)["days_to_first_discussion"] == 16
    with at(17):  # moving the held meeting moves the discussion
        meetings.update_meeting(
            Overleg.objects.get(pk=overleg.pk),
            actor=u[Role.VOORZITTER],
            starts_at=DAY0 + dt.timedelta(days=15),
        )
        check(casus)
        assert stored_dump(casus)["first_discussed_on"] == dt.date(2026, 3, 17)

    with at(18):  # escalation, then a higher one
        escalation = procesregie.escalate(
            casus,
            actor=u[Role.PROCESREGISSEUR],
            from_level="casusregisseur",
            to_level="procesregisseur",
            reason="Geen aanbieder.",
            escalated_on=dt.date(2026, 3, 20),
        )
        check(casus)
        procesregie.escalation_update(escalation, actor=u[Role.PROCESREGISSEUR], to_level="cce")
        check(casus)
        assert stored_dump(casus)["escalation_level"] == 5

    with at(23):  # the advice: drafted, approved, sent
        draft = advice.new_advice(casus, actor=u[Role.TEAMLID])
        draft = advice.save_advice(
            draft,
            actor=u[Role.TEAMLID],
            data={"most_fitting_care": "Kleine klas.", "short_term_solution": "Logeeropvang."},
        )
        check(casus)
        advice.approve_advice(draft, actor=u[Role.VOORZITTER])
        advice.send_advice(draft, actor=u[Role.VOORZITTER])
        check(casus)
        assert stored_dump(casus)["short_term_solution"] is True
        assert stored_dump(casus)["days_to_advice"] == 23

    with at(25):  # a clarification request, answered
        verzoek = advice.ask_clarification(
            draft, actor=u[Role.AANMELDER], question="Welke school bedoelt u?"
        )
        check(casus)
        advice.answer_clarification(verzoek, actor=u[Role.TEAMLID], answer="De Vlinder.")
        check(casus)

    with at(60):  # the follow-up moves the case on
        advice.record_follow_up(
            draft,
            actor=u[Role.PROCESREGISSEUR],
            done_on=dt.date(2026, 5, 1),
            implementation_status="volledig_gevolgd",
            in_fitting_place=True,
        )
        check(casus)
        assert stored_dump(casus)["follow_ups_done"] == 1

    with at(70):  # closure with a fitting place
        cases.close_case(
            casus,
            actor=u[Role.PROCESREGISSEUR],
            outcome="passende_plek",
            fitting_place_on=dt.date(2026, 5, 4),
            living_situation_at_closure="gezinshuis",
            placement_route="wijkteam",
        )
        check(casus)
        row = stored_dump(casus)
        assert (row["living_situation_at_closure"], row["placement_route"]) == (
            "gezinshuis",
            "wijkteam",
        )
        assert row["closed_on"] == dt.date(2026, 5, 11)
        assert row["days_to_fitting_place"] == 63
        assert row["days_advice_to_fitting_place"] == 40

    with at(80):  # reopening clears the outcome, counts once
        cases.transition(
            casus, to="heropend", actor=u[Role.PROCESREGISSEUR], reason="Plek valt weg."
        )
        check(casus)
        row = stored_dump(casus)
        assert (row["reopenings"], row["closed_on"], row["closure_outcome"]) == (1, None, "")
        assert (row["living_situation_at_closure"], row["placement_route"]) == ("", "")

    with at(81):  # a withdrawn consent: no learning consent any more
        cases.withdraw_consent(
            casus.consents.get(scope_learning=True),
            actor=u[Role.SCREENER],
            withdrawn_on=dt.date(2026, 5, 22),
        )
        check(casus)
        assert stored_dump(casus)["learning_consent"] is False
        assert youth.withdrawn_on is None


@pytest.mark.parametrize(
    ("outcome", "state"),
    [("niet_geschikt", "afgewezen"), ("crisis", "crisis_doorverwezen")],
)
def test_rejected_and_redirected_registrations_count(tenancy, outcome, state):
    """Every registration counts in the figures, also a rejected or redirected one."""
    u = tenancy.a.users
    with at(0):
        casus = registered(tenancy)
    with at(3):
        cases.transition(casus, to="in_screening", actor=u[Role.SCREENER])
        cases.screen(
            casus,
            actor=u[Role.SCREENER],
            outcome=outcome,
            reason="Past niet bij het team.",
            redirected_to="Crisisdienst" if outcome == "crisis" else "",
        )
        check(casus)
        assert stored_dump(casus)["state"] == state


def test_the_fact_is_current_inside_the_writing_transaction(tenancy):
    """No job: within the service's own transaction the row already holds the new state,
    and a refused step leaves it as it was."""
    u = tenancy.a.users
    with at(0):
        casus = registered(tenancy)
    with at(1), transaction.atomic():
        cases.transition(casus, to="in_screening", actor=u[Role.SCREENER])
        assert CasusFeit.objects.get(casus=casus).state == "in_screening"
    with at(2), pytest.raises(StateConflict), transaction.atomic():
        cases.transition(casus, to="afgesloten", actor=u[Role.SCREENER])
    assert CasusFeit.objects.get(casus=casus).state == "in_screening"
