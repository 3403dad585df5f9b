"""The monitoring landing page and its API: the DPIA gate, the first figures, the scope."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import CaseState, ClosureOutcome
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory
from passend.monitoring.selectors import months
from passend.privacy.tests.factories import DpiaToetsFactory

pytestmark = pytest.mark.django_db


def page(team) -> str:
    return f"/teams/{team.slug}/monitoring/"


def api(team) -> str:
    return f"/api/v1/teams/{team.pk}/monitoring/summary"


# --- the gate --------------------------------------------------------------------------------


def test_without_a_dpia_the_page_says_dpia_nog_niet_vastgelegd(tenancy, as_user):
    CasusFeitFactory.create_batch(7, team=tenancy.a.team, gemeente=tenancy.a.team.gemeenten.get())
    body = as_user(tenancy.a.users[Role.TEAMLID]).get(page(tenancy.a.team)).content.decode()
    assert "DPIA nog niet vastgelegd" in body
    assert "<table" not in body
    assert "/beheer/privacy/dpia/" not in body  # the link is the beheerder's


def test_the_beheerder_gets_a_link_to_the_dpia_page(tenancy, as_user):
    body = as_user(tenancy.a.users[Role.BEHEERDER]).get(page(tenancy.a.team)).content.decode()
    assert "DPIA nog niet vastgelegd" in body
    assert f'href="/teams/{tenancy.a.team.slug}/beheer/privacy/dpia/"' in body


def test_without_a_dpia_the_api_answers_409_problem(tenancy, as_user):
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(api(tenancy.a.team))
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "DPIA nog niet vastgelegd" and problem["status"] == 409


def test_a_dpia_without_covenant_keeps_the_gate_closed(tenancy, as_user):
    DpiaToetsFactory(team=tenancy.a.team, covenant_in_place=False)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert "DPIA nog niet vastgelegd" in client.get(page(tenancy.a.team)).content.decode()
    assert client.get(api(tenancy.a.team)).status_code == 409


def test_another_teams_dpia_does_not_open_this_one(tenancy, as_user):
    DpiaToetsFactory(team=tenancy.b.team)
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(api(tenancy.a.team))
    assert response.status_code == 409


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.COORDINATOR_SK, Role.AANBIEDER])
def test_roles_without_aggregates_are_refused(tenancy, as_user, role):
    client = as_user(tenancy.a.users[role])
    assert client.get(page(tenancy.a.team)).status_code == 404
    assert client.get(api(tenancy.a.team)).status_code == 404


# --- the figures -----------------------------------------------------------------------------


@pytest.fixture
def open_team(tenancy):
    DpiaToetsFactory(team=tenancy.a.team)
    return tenancy.a.team


def tables(response) -> dict:
    return {t["key"]: t for t in response.json()["tables"]}


def cells(table) -> dict:
    return {c["key"]: c["count"] for c in table["cells"]}


def test_the_api_gives_the_string_lt5_never_the_number(open_team, tenancy, as_user):
    gemeente = open_team.gemeenten.get()
    today = timezone.localdate()
    CasusFeitFactory.create_batch(3, team=open_team, gemeente=gemeente, registered_on=today)
    CasusFeitFactory.create_batch(
        8, team=open_team, gemeente=gemeente, state=CaseState.IN_BEHANDELING, registered_on=today
    )
    CasusFeitFactory.create_batch(
        6, team=open_team, gemeente=gemeente, state=CaseState.AFGEWEZEN, registered_on=today
    )
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(api(open_team))
    assert response.status_code == 200
    by_state = cells(tables(response)["per_status"])
    assert by_state[CaseState.AANGEMELD] == "<5"  # primary
    assert by_state[CaseState.AFGEWEZEN] == "<5"  # secondary: the smallest other cell
    assert by_state[CaseState.IN_BEHANDELING] == 8
    assert by_state[CaseState.AFGESLOTEN] == 0
    assert tables(response)["per_status"]["total"] == 17
    month = cells(tables(response)["per_month"])
    assert month[today.strftime("%Y-%m")] == 17 and len(month) == 12
    assert tables(response)["per_gemeente"]["total"] == 17
    assert "3" not in {str(v) for t in tables(response).values() for v in cells(t).values()}


def test_the_page_shows_lt5_and_counts_rejected_registrations(open_team, tenancy, as_user):
    gemeente = open_team.gemeenten.get()
    today = timezone.localdate()
    CasusFeitFactory.create_batch(2, team=open_team, gemeente=gemeente, state=CaseState.AFGEWEZEN)
    CasusFeitFactory.create_batch(
        5, team=open_team, gemeente=gemeente, state=CaseState.DOORVERWEZEN, registered_on=today
    )
    body = as_user(tenancy.a.users[Role.VOORZITTER]).get(page(open_team)).content.decode()
    assert "<title>Monitoring – Expertteam alfa – Passend</title>" in body
    assert "DPIA nog niet vastgelegd" not in body
    assert "&lt;5" in body and ">7</td>" in body  # the total counts every registration


def test_only_the_last_twelve_months_count(open_team, tenancy, as_user):
    gemeente = open_team.gemeenten.get()
    first = months(timezone.localdate())[0]
    CasusFeitFactory.create_batch(5, team=open_team, gemeente=gemeente, registered_on=first)
    CasusFeitFactory.create_batch(
        5, team=open_team, gemeente=gemeente, registered_on=first - dt.timedelta(days=1)
    )
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(api(open_team))
    assert tables(response)["per_month"]["total"] == 5
    assert response.json()["periodFrom"] == first.isoformat()


def test_months_are_twelve_ending_with_the_current_one():
    found = months(dt.date(2026, 3, 31))
    assert found[0] == dt.date(2025, 4, 1) and found[-1] == dt.date(2026, 3, 1)
    assert len(found) == 12


def test_outcomes_count_the_cases_closed_in_the_period(open_team, tenancy, as_user):
    gemeente = open_team.gemeenten.get()
    today = timezone.localdate()
    long_ago = today - dt.timedelta(days=900)
    closed = {"team": open_team, "gemeente": gemeente, "state": CaseState.AFGESLOTEN}
    CasusFeitFactory.create_batch(
        6,
        **closed,
        registered_on=long_ago,
        closed_on=today,
        closure_outcome=ClosureOutcome.PASSENDE_PLEK,
    )
    CasusFeitFactory.create_batch(
        2,
        **closed,
        registered_on=long_ago,
        closed_on=today,
        closure_outcome=ClosureOutcome.CRISISPLAATSING,
    )
    found = tables(as_user(tenancy.a.users[Role.TEAMLID]).get(api(open_team)))
    outcome = cells(found["per_outcome"])
    # The crisis placements are hidden, and so is the other non-zero cell: the total (8) minus
    # the shown cells must not give the 2 away.
    assert outcome[ClosureOutcome.CRISISPLAATSING] == "<5"
    assert outcome[ClosureOutcome.PASSENDE_PLEK] == "<5"
    assert found["per_outcome"]["total"] == 8
    # Registered long ago: not in this period's registration tables.
    assert found["per_month"]["total"] == 0


def test_other_teams_facts_do_not_count(open_team, tenancy, as_user):
    CasusFeitFactory.create_batch(
        6, team=tenancy.b.team, gemeente=open_team.gemeenten.get(), registered_on=dt.date.today()
    )
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(api(open_team))
    assert tables(response)["per_month"]["total"] == 0


# --- the scope of a beleidsadviseur ----------------------------------------------------------


def test_a_beleidsadviseur_sees_only_the_granted_gemeente(open_team, tenancy, as_user):
    own = open_team.gemeenten.get()
    other = GemeenteFactory(region=open_team.region, name="Andergem")
    open_team.gemeenten.add(other)
    CasusFeitFactory.create_batch(6, team=open_team, gemeente=own)
    CasusFeitFactory.create_batch(9, team=open_team, gemeente=other)
    adviser = tenancy.a.users[Role.BELEIDSADVISEUR]
    organisation = OrganisationFactory(name="Gemeente Eigen", gemeente=own)
    Membership.objects.filter(user=adviser, team=open_team).update(organisation=organisation)

    response = as_user(adviser).get(api(open_team))
    per_gemeente = tables(response)["per_gemeente"]
    assert [c["label"] for c in per_gemeente["cells"]] == [own.name]
    assert per_gemeente["total"] == 6 and tables(response)["per_status"]["total"] == 6
    body = as_user(adviser).get(page(open_team)).content.decode()
    assert own.name in body and "Andergem" not in body

    teamlid = tables(as_user(tenancy.a.users[Role.TEAMLID]).get(api(open_team)))
    assert teamlid["per_gemeente"]["total"] == 15


def test_a_beleidsadviseur_without_a_gemeente_sees_nothing(open_team, tenancy, as_user):
    CasusFeitFactory.create_batch(6, team=open_team, gemeente=open_team.gemeenten.get())
    response = as_user(tenancy.a.users[Role.BELEIDSADVISEUR]).get(api(open_team))
    assert response.status_code == 200
    assert tables(response)["per_gemeente"]["cells"] == []
    assert tables(response)["per_month"]["total"] == 0
