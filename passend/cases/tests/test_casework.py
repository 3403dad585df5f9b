"""Case work on the overview: perspectief first, casusregie facts, closure with an outcome,
reopening. The advice-sent guard is tested with the advice module."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.cases.codes import CaseState, ClosureOutcome
from passend.cases.models import Casus
from passend.cases.services import close_case, transition
from passend.cases.tests.factories import CasusFactory, with_consent
from passend.cases.workflow import TRANSITIONS
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

pytestmark = pytest.mark.django_db


CODES = {"living_situation_at_closure": "thuis", "placement_route": "wijkteam"}


def in_state(team, state, *, consent=True):
    """A case in `state`; with the consent case work needs, unless `consent` is False."""
    casus = CasusFactory(team=team, registered_at=timezone.now() - dt.timedelta(days=60))
    if consent:
        with_consent(casus)
    Casus.objects.filter(pk=casus.pk).update(state=state)
    casus.refresh_from_db()
    return casus


def test_every_state_in_the_table_is_reachable_and_closure_only_from_active_states():
    targets = {to for _frm, to in TRANSITIONS}
    assert {
        CaseState.ADVIES_UITGEBRACHT,
        CaseState.FOLLOW_UP,
        CaseState.AFGESLOTEN,
        CaseState.HEROPEND,
    } <= targets
    closing_from = {frm for frm, to in TRANSITIONS if to == CaseState.AFGESLOTEN}
    assert closing_from == {
        CaseState.IN_BEHANDELING,
        CaseState.ADVIES_UITGEBRACHT,
        CaseState.FOLLOW_UP,
        CaseState.HEROPEND,
    }


def test_closing_needs_an_outcome_a_date_for_a_fitting_place_and_a_reason_for_other(tenancy):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    director = tenancy.a.users[Role.PROCESREGISSEUR]
    with pytest.raises(StateConflict, match="Kies de uitkomst"):
        transition(casus, to=CaseState.AFGESLOTEN, actor=director)
    with pytest.raises(InvalidInput, match="datum") as refused:
        close_case(casus, actor=director, outcome=ClosureOutcome.PASSENDE_PLEK, **CODES)
    assert set(refused.value.errors) == {"fitting_place_on"}
    with pytest.raises(InvalidInput, match="reden"):
        close_case(casus, actor=director, outcome=ClosureOutcome.OVERIG, reason="  ", **CODES)
    casus.refresh_from_db()
    assert casus.state == CaseState.FOLLOW_UP and casus.closure_outcome == "", "nothing kept"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput, match="toekomst"):
        close_case(
            casus, actor=director, outcome="passende_plek", fitting_place_on=tomorrow, **CODES
        )
    long_ago = dt.date(1, 1, 1)
    with pytest.raises(InvalidInput, match="aanmelding"):
        close_case(
            casus, actor=director, outcome="passende_plek", fitting_place_on=long_ago, **CODES
        )


def test_closing_records_outcome_date_and_history_and_only_the_director_may(tenancy):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    place_on = timezone.localdate() - dt.timedelta(days=3)
    with pytest.raises(NotAllowed, match="niet zetten"):
        close_case(
            casus,
            actor=tenancy.a.users[Role.TEAMLID],
            outcome="passende_plek",
            fitting_place_on=place_on,
            **CODES,
        )
    close_case(
        casus,
        actor=tenancy.a.users[Role.PROCESREGISSEUR],
        outcome="passende_plek",
        fitting_place_on=place_on,
        **CODES,
    )
    casus.refresh_from_db()
    assert casus.state == CaseState.AFGESLOTEN
    assert casus.fitting_place_on == place_on
    last = casus.transitions.last()
    assert last.to_state == "afgesloten" and "passende plek bereikt" in last.reason
    assert last.actor == tenancy.a.users[Role.PROCESREGISSEUR]


def test_reopening_needs_a_reason_clears_the_outcome_and_keeps_the_history(tenancy):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    director = tenancy.a.users[Role.VOORZITTER]
    close_case(casus, actor=director, outcome="uithuisplaatsing_voorkomen", **CODES)
    with pytest.raises(InvalidInput, match="Geef een reden"):
        transition(casus, to=CaseState.HEROPEND, actor=director)
    transition(casus, to=CaseState.HEROPEND, actor=director, reason="Plek viel weg na 3 weken.")
    casus.refresh_from_db()
    assert casus.state == CaseState.HEROPEND and casus.closure_outcome == ""
    states = list(casus.transitions.values_list("to_state", flat=True))
    assert states[-2:] == ["afgesloten", "heropend"]
    assert "uithuisplaatsing voorkomen" in casus.transitions.get(to_state="afgesloten").reason


def test_advice_state_cannot_be_set_without_a_sent_advice(tenancy):
    casus = in_state(tenancy.a.team, CaseState.IN_BEHANDELING)
    with pytest.raises(StateConflict, match="nog geen goedgekeurd en verstuurd advies"):
        transition(casus, to=CaseState.ADVIES_UITGEBRACHT, actor=tenancy.a.users[Role.VOORZITTER])


def test_perspective_page_saves_the_young_persons_words_shown_first_and_encrypted(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.IN_BEHANDELING)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/perspectief/"
    too_long = "x" * 4001
    response = client.post(
        url, {"youth_wish": "Gewoon thuis wonen bij mama.", "youth_struggle": too_long}
    )
    assert response.status_code == 200
    assert "Gewoon thuis wonen bij mama." in response.content.decode(), "values kept"
    response = client.post(
        url,
        {
            "youth_wish": "Gewoon thuis wonen bij mama.",
            "youth_struggle": "Op school word ik steeds boos.",
            "family_wish": "Rust in huis.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/").content.decode()
    assert page.index("Gewoon thuis wonen bij mama.") < page.index("Jeugdige</h2>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT youth_wish FROM cases_casus WHERE id = %s", [casus.pk])
        assert "thuis" not in cursor.fetchone()[0]
    assert AccessLogEntry.objects.filter(purpose="perspectief vastleggen").exists()


def test_perspective_and_direction_are_team_work_not_for_notulist_or_referrer(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.IN_BEHANDELING)
    Casus.objects.filter(pk=casus.pk).update(aanmelder=tenancy.a.users[Role.AANMELDER])
    base = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}"
    notulist = as_user(tenancy.a.users[Role.NOTULIST])
    assert notulist.get(f"{base}/perspectief/").status_code == 403, "no form for the notulist"
    refused = notulist.post(f"{base}/perspectief/", {"youth_wish": "x"})
    assert refused.status_code == 403, "the service refuses: a missing right"
    assert "Alleen teamleden die aan casussen werken" in refused.content.decode()
    referrer = as_user(tenancy.a.users[Role.AANMELDER])
    assert referrer.get(f"{base}/").status_code == 200, "the referrer sees the overview"
    assert referrer.get(f"{base}/casusregie/").status_code == 404
    casus.refresh_from_db()
    assert casus.youth_wish in (None, "")


def test_direction_form_records_the_casusregie_facts(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.IN_BEHANDELING)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    base = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}"
    response = client.post(
        f"{base}/casusregie/",
        {
            "consultation_type": "consultatie",
            "placed_by": "Jeugdbescherming Duinland",
            "in_closed_youth_care": "on",
            "wlz_transition": "on",
        },
    )
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.consultation_type == "consultatie" and casus.in_closed_youth_care
    assert casus.wlz_transition and casus.placed_by == "Jeugdbescherming Duinland"
    page = client.get(f"{base}/").content.decode()
    assert "overgang Jeugdwet–Wlz speelt" in page and "consultatie (traject)" in page


def test_closure_page_keeps_values_on_error_and_closes(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/afsluiten/"
    response = client.post(url, {"outcome": "passende_plek", "reason": "Woongroep De Linde."})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vul de datum in" in body and "Woongroep De Linde." in body
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(url, {"outcome": "passende_plek", "fitting_place_on": day, **CODES})
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.state == "afgesloten" and casus.fitting_place_on.isoformat() == day
    assert "kan niet worden afgesloten" in client.get(url).content.decode()


def test_teamlid_cannot_close(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/afsluiten/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"outcome": "overig", "reason": "x"}).status_code == 403
    casus.refresh_from_db()
    assert casus.state == CaseState.FOLLOW_UP


def test_api_perspective_direction_and_closure_follow_the_same_rules(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.FOLLOW_UP)
    base = f"/api/v1/cases/{casus.pk}"
    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    response = teamlid.patch(
        f"{base}/perspective", {"youthWish": "Naar huis."}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["youthWish"] == "Naar huis."
    response = teamlid.patch(
        f"{base}/perspective", {"familyWish": "Rust."}, content_type="application/json"
    )
    assert response.json()["youthWish"] == "Naar huis.", "PATCH keeps fields left out"
    notulist = as_user(tenancy.a.users[Role.NOTULIST])
    response = notulist.patch(
        f"{base}/case-direction", {"wlzTransition": True}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    response = teamlid.patch(
        f"{base}/case-direction",
        {"wlzTransition": True, "consultationType": "advies"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["wlzTransition"] is True

    response = teamlid.post(
        f"{base}/closures", {"outcome": "overig", "reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 403 and "niet zetten" in response.json()["detail"]
    director = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    response = director.post(
        f"{base}/closures",
        {"outcome": "passende_plek", "livingSituationAtClosure": "thuis", "placementRoute": "gi"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "fittingPlaceOn"
    day = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    response = director.post(
        f"{base}/closures",
        {
            "outcome": "passende_plek",
            "fittingPlaceOn": day,
            "livingSituationAtClosure": "thuis",
            "placementRoute": "wijkteam",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["toState"] == "afgesloten"
    detail = director.get(base).json()
    assert detail["closureOutcome"] == "passende_plek" and detail["fittingPlaceOn"] == day
