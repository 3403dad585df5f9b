"""``manage.py rebuild_analytics`` gives the rows the services wrote, changes nothing the
second time, recreates deleted facts identically, and never touches a frozen fact."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from passend.accounts.roles import Role
from passend.advice import services as advice
from passend.analytics.models import CasusFeit, GebeurtenisFeit
from passend.analytics.services import refresh_case, unlink_case
from passend.cases import services as cases
from passend.cases.models import Casus
from passend.cases.tests.factories import CasusFactory
from passend.meetings import services as meetings
from passend.procesregie import services as procesregie

from .helpers import DAY0, all_dumps, at, expected_dump, fact_dump, registered

pytestmark = pytest.mark.django_db


def rebuild() -> str:
    out = StringIO()
    call_command("rebuild_analytics", stdout=out)
    return out.getvalue()


def closed_case(tenancy, start: int):
    """A case through screening, a meeting, an escalation, advice, follow-up and closure."""
    u = tenancy.a.users
    with at(start, 9):
        casus = registered(tenancy)
        cases.transition(casus, to="in_screening", actor=u[Role.SCREENER])
        for ouder in (casus.ouders.get(), None):
            cases.record_consent(
                casus,
                actor=u[Role.SCREENER],
                ouder=ouder,
                method="digitaal",
                given_on=(DAY0 + dt.timedelta(days=start)).date(),
                scope_learning=ouder is not None,
            )
    with at(start + 5):
        cases.screen(casus, actor=u[Role.SCREENER], outcome="geschikt")
        overleg = meetings.plan_meeting(
            casus.team,
            actor=u[Role.VOORZITTER],
            starts_at=DAY0 + dt.timedelta(days=start + 5, hours=-1),
        )
        item = meetings.add_to_agenda(overleg, casus=casus, actor=u[Role.VOORZITTER])
        meetings.record_discussion(
            item,
            actor=u[Role.NOTULIST],
            participation="woordvoerder",
            spokesperson_name="Opa Fictief",
            spokesperson_relation="opa",
        )
        procesregie.escalate(
            casus,
            actor=u[Role.PROCESREGISSEUR],
            from_level="procesregisseur",
            to_level="expertteam",
            reason="Wachtlijst.",
            escalated_on=(DAY0 + dt.timedelta(days=start + 5)).date(),
        )
    with at(start + 12):
        draft = advice.save_advice(
            advice.new_advice(casus, actor=u[Role.TEAMLID]),
            actor=u[Role.TEAMLID],
            data={"most_fitting_care": "Gezinshuis in de buurt."},
        )
        advice.approve_advice(draft, actor=u[Role.VOORZITTER])
        advice.send_advice(draft, actor=u[Role.VOORZITTER])
    with at(start + 40):
        advice.record_follow_up(
            draft,
            actor=u[Role.PROCESREGISSEUR],
            done_on=(DAY0 + dt.timedelta(days=start + 40)).date(),
            implementation_status="niet_geaccepteerd_aanbieder",  # the longest code
        )
        cases.close_case(
            casus,
            actor=u[Role.PROCESREGISSEUR],
            outcome="crisisplaatsing",
            living_situation_at_closure="crisisopvang",
            placement_route="gi",
        )
    return casus


@pytest.fixture
def record(tenancy):
    """Three cases in different states, written through the services."""
    done = closed_case(tenancy, 0)
    with at(50):
        fresh = registered(tenancy, self_registration=False)
    with at(51):
        screened = registered(tenancy)
        cases.transition(screened, to="in_screening", actor=tenancy.a.users[Role.SCREENER])
        cases.screen(
            screened, actor=tenancy.a.users[Role.SCREENER], outcome="niet_geschikt", reason="-"
        )
    return [done, fresh, screened]


def test_rebuild_changes_nothing_and_recreates_identical_rows(record):
    before = all_dumps()
    assert len(before) == 3
    for casus in record:
        assert fact_dump(CasusFeit.objects.get(casus=casus)) == expected_dump(casus)
    assert rebuild().startswith("0 gewijzigd")
    assert all_dumps() == before
    CasusFeit.objects.all().delete()
    assert GebeurtenisFeit.objects.count() == 0
    assert rebuild().startswith("3 gewijzigd")
    assert all_dumps() == before
    assert rebuild().startswith("0 gewijzigd")


def test_rebuild_corrects_a_row_that_differs_and_reports_it(record):
    before = all_dumps()
    fact = CasusFeit.objects.get(casus=record[0])
    CasusFeit.objects.filter(pk=fact.pk).update(state="aangemeld", discussions=7)
    GebeurtenisFeit.objects.filter(feit=fact, kind="escalation").delete()
    assert rebuild().startswith("1 gewijzigd")
    assert all_dumps() == before


def test_rebuild_fills_cases_written_before_the_record_existed_but_no_drafts(tenancy):
    """Cases that exist without a fact (loaded before the record, or through bulk inserts)
    get one; drafts get none."""
    with at(5):
        old = CasusFactory(team=tenancy.a.team, state="in_screening")
        draft = CasusFactory(team=tenancy.a.team, is_draft=True)
    assert not CasusFeit.objects.exists()
    rebuild()
    assert fact_dump(CasusFeit.objects.get(casus=old)) == expected_dump(old)
    assert not CasusFeit.objects.filter(casus=draft).exists()


def test_a_frozen_fact_is_never_touched(record, tenancy):
    """Unlinked (retention, erasure): neither a later write nor rebuild changes its rows."""
    casus = record[0]
    fact = CasusFeit.objects.get(casus=casus)
    frozen_before = fact_dump(fact)
    with at(200):
        unlink_case(casus)
        Casus.objects.filter(pk=casus.pk).update(anonymised_at=DAY0 + dt.timedelta(days=200))
    frozen_before["casus_id"] = None
    frozen_before["unlinked_at"] = CasusFeit.objects.get(pk=fact.pk).unlinked_at
    others = [fact_dump(CasusFeit.objects.get(casus=c)) for c in record[1:]]
    stamp = CasusFeit.objects.get(pk=fact.pk).updated_at

    with at(201):  # the workflow refuses every step on it; a write under it changes nothing
        Casus.objects.filter(pk=casus.pk).update(urgency="zeer_hoog")
        casus.refresh_from_db()
        refresh_case(casus)
        rebuild()
    fact = CasusFeit.objects.get(pk=fact.pk)
    assert fact_dump(fact) == frozen_before
    assert fact.updated_at == stamp
    assert CasusFeit.objects.count() == 3  # no second fact for the anonymised case
    assert [fact_dump(CasusFeit.objects.get(casus=c)) for c in record[1:]] == others


def test_an_anonymised_case_still_linked_keeps_its_fact(record):
    casus = record[1]
    before = fact_dump(CasusFeit.objects.get(casus=casus))
    Casus.objects.filter(pk=casus.pk).update(anonymised_at=DAY0, urgency="zeer_hoog")
    rebuild()
    refresh_case(casus)
    assert fact_dump(CasusFeit.objects.get(casus=casus)) == before


def test_events_carry_their_facts_team(tenancy):
    """Monitoring selects a team's events by the copied team (an index), so it must match."""
    from passend.analytics.tests.helpers import registered

    casus = registered(tenancy)
    fact = CasusFeit.objects.get(casus=casus)
    assert fact.events.exists()
    assert set(fact.events.values_list("team_id", flat=True)) == {fact.team_id}
