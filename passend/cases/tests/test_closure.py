"""Closing a case settles what is still open: the open actions lapse or are handed over, the
unanswered clarification requests are withdrawn (or answered first); a closed case offers no
follow-up."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services as advice_services
from passend.advice.models import Advies, Opvolging, Toelichtingsverzoek
from passend.cases.codes import CaseState
from passend.cases.services import close_case
from passend.core.refusals import InvalidInput, StateConflict
from passend.procesregie.codes import ActionStatus
from passend.procesregie.models import Actie

from .test_casework import in_state

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PLACE = {
    "outcome": "passende_plek",
    "fitting_place_on": TODAY - dt.timedelta(days=1),
    "living_situation_at_closure": "thuis",
    "placement_route": "wijkteam",
}


@pytest.fixture
def open_case(tenancy):
    """A case in follow-up with two open actions, one done, an unanswered and an answered
    clarification request on its sent advice, and a planned follow-up."""
    a = tenancy.a
    casus = in_state(a.team, CaseState.FOLLOW_UP)
    teamlid = a.users[Role.TEAMLID]
    for status in (ActionStatus.OPEN, ActionStatus.BEZIG, ActionStatus.GEDAAN):
        Actie.objects.create(
            casus=casus,
            description=f"Actie {status}",
            owner=teamlid,
            deadline=TODAY + dt.timedelta(days=7),
            status=status,
        )
    advies = Advies.objects.create(
        casus=casus, status="zwaarwegend", most_fitting_care="Zorg", sent_at=timezone.now()
    )
    Toelichtingsverzoek.objects.create(advies=advies, party="ouder", question="Waarom dit?")
    Toelichtingsverzoek.objects.create(
        advies=advies, party="verwijzer", question="Hoe?", answer="Zo.", answered_at=timezone.now()
    )
    Opvolging.objects.create(advies=advies, due_on=TODAY + dt.timedelta(days=30))
    casus.advies = advies
    return casus


def director(tenancy):
    return tenancy.a.users[Role.PROCESREGISSEUR]


def test_closing_with_open_work_and_no_choice_is_refused_naming_what_is_open(tenancy, open_case):
    with pytest.raises(StateConflict) as refused:
        close_case(open_case, actor=director(tenancy), **PLACE)
    message = refused.value.message
    assert "2 open acties" in message and "1 onbeantwoorde vraag om toelichting" in message
    open_case.refresh_from_db()
    assert open_case.state == CaseState.FOLLOW_UP and open_case.closure_outcome == ""
    # One of the two chosen is not enough.
    with pytest.raises(StateConflict, match="vraag om toelichting") as refused:
        close_case(open_case, actor=director(tenancy), open_actions="vervallen", **PLACE)
    assert "open actie" not in refused.value.message
    assert Actie.objects.filter(casus=open_case, status=ActionStatus.VERVALLEN).count() == 0


def test_closing_lets_open_actions_lapse_and_withdraws_the_open_request(tenancy, open_case):
    close_case(
        open_case,
        actor=director(tenancy),
        open_actions="vervallen",
        withdraw_clarifications=True,
        **PLACE,
    )
    open_case.refresh_from_db()
    assert open_case.state == CaseState.AFGESLOTEN
    statuses = sorted(Actie.objects.filter(casus=open_case).values_list("status", flat=True))
    assert statuses == ["gedaan", "vervallen", "vervallen"], "a done action stays done"
    withdrawn = Toelichtingsverzoek.objects.get(answered_at__isnull=True)
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawn_by == director(tenancy)
    assert not advice_services.open_clarifications(open_case).exists()
    answered = Toelichtingsverzoek.objects.get(answered_at__isnull=False)
    assert answered.withdrawn_at is None
    with pytest.raises(StateConflict, match="ingetrokken"):
        advice_services.answer_clarification(
            withdrawn, actor=tenancy.a.users[Role.TEAMLID], answer="Te laat"
        )


def test_closing_hands_open_actions_over_to_a_team_member(tenancy, open_case):
    new_owner = tenancy.a.users[Role.VOORZITTER]
    with pytest.raises(InvalidInput) as refused:
        close_case(
            open_case,
            actor=director(tenancy),
            open_actions="overdragen",
            withdraw_clarifications=True,
            **PLACE,
        )
    assert set(refused.value.errors) == {"new_owner"}
    with pytest.raises(InvalidInput) as refused:
        close_case(
            open_case,
            actor=director(tenancy),
            open_actions="overdragen",
            new_owner=tenancy.a.users[Role.AANBIEDER],
            withdraw_clarifications=True,
            **PLACE,
        )
    assert set(refused.value.errors) == {"new_owner"}
    open_case.refresh_from_db()
    assert open_case.state == CaseState.FOLLOW_UP, "nothing changed"
    close_case(
        open_case,
        actor=director(tenancy),
        open_actions="overdragen",
        new_owner=new_owner,
        withdraw_clarifications=True,
        **PLACE,
    )
    still_open = Actie.objects.filter(casus=open_case, status__in=["open", "bezig"])
    assert still_open.count() == 2 and {a.owner for a in still_open} == {new_owner}


def test_a_case_without_open_work_closes_without_a_choice(tenancy):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    close_case(casus, actor=director(tenancy), **PLACE)
    casus.refresh_from_db()
    assert casus.state == CaseState.AFGESLOTEN


def test_a_closed_case_offers_no_follow_up(tenancy, open_case, as_user):
    a = tenancy.a
    close_case(
        open_case,
        actor=director(tenancy),
        open_actions="vervallen",
        withdraw_clarifications=True,
        **PLACE,
    )
    advies = open_case.advies
    with pytest.raises(StateConflict, match="afgesloten"):
        advice_services.plan_follow_up(
            advies, actor=director(tenancy), due_on=TODAY + dt.timedelta(days=9)
        )
    with pytest.raises(StateConflict, match="afgesloten"):
        advice_services.record_follow_up(
            advies, actor=director(tenancy), done_on=TODAY, implementation_status="volledig_gevolgd"
        )
    client = as_user(director(tenancy))
    base = f"/teams/{a.team.slug}/casussen/{open_case.pk}/advies/"
    tab = client.get(base).content.decode()
    assert "Follow-up vastleggen" not in tab and "Follow-up plannen" not in tab
    assert "heropen de casus" in tab
    assert "Ingetrokken bij het afsluiten van de casus" in tab
    response = client.get(f"{base}{advies.pk}/follow-up/", follow=True)
    assert response.redirect_chain and "heropen de casus" in response.content.decode()


# -- the closure page -------------------------------------------------------------------------


def closure_url(tenancy, casus):
    return f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/afsluiten/"


def test_the_closure_page_lists_what_is_open_and_asks_what_to_do(tenancy, open_case, as_user):
    client = as_user(director(tenancy))
    page = client.get(closure_url(tenancy, open_case)).content.decode()
    assert "Wat nog openstaat" in page
    assert "2 open acties" in page and "Actie open" in page and "Actie gedaan" not in page
    assert "1 onbeantwoorde vraag om toelichting" in page and "Waarom dit?" in page
    assert "geplande follow-up vervalt" in page
    assert 'name="open_actions"' in page and 'name="withdraw_clarifications"' in page

    data = {
        "outcome": "overig",
        "reason": "Verhuisd naar een andere regio",
        "living_situation_at_closure": "netwerk",
    }
    response = client.post(closure_url(tenancy, open_case), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "open_actions" in errors and "withdraw_clarifications" in errors
    assert "Verhuisd naar een andere regio" in response.content.decode(), "input kept"

    data |= {"open_actions": "vervallen", "withdraw_clarifications": "on"}
    response = client.post(closure_url(tenancy, open_case), data)
    assert response.status_code == 302
    open_case.refresh_from_db()
    assert open_case.state == CaseState.AFGESLOTEN


def test_the_closure_page_asks_nothing_when_nothing_is_open(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    page = as_user(director(tenancy)).get(closure_url(tenancy, casus)).content.decode()
    assert "Wat nog openstaat" not in page and 'name="open_actions"' not in page


def test_the_api_closes_with_the_choices_and_refuses_without(tenancy, open_case, as_user):
    client = as_user(director(tenancy))
    url = f"/api/v1/cases/{open_case.pk}/closures"
    body = {"outcome": "overig", "reason": "Verhuisd", "livingSituationAtClosure": "anders"}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 409, refused.content
    assert "2 open acties" in refused.json()["detail"]
    done = client.post(
        url,
        {**body, "openActions": "vervallen", "withdrawClarifications": True},
        content_type="application/json",
    )
    assert done.status_code == 201, done.content
    open_case.refresh_from_db()
    assert open_case.state == CaseState.AFGESLOTEN
