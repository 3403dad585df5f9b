"""The DPIA check of a team: the 2-of-9 rule, the rules of recording, the page and the API."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.core.refusals import InvalidInput, NotAllowed
from passend.privacy.dpia import CRITERIA, record_dpia
from passend.privacy.models import DpiaToets
from passend.privacy.selectors import dpia_of, monitoring_allowed

from .factories import DpiaToetsFactory

pytestmark = pytest.mark.django_db

NONE = dict.fromkeys(CRITERIA, False)


def toets(**answers) -> DpiaToets:
    return DpiaToets(**{**NONE, **answers})


# --- the rule --------------------------------------------------------------------------------


def test_no_criterion_needs_no_dpia():
    assert toets().criteria_met == 0 and not toets().dpia_required


@pytest.mark.parametrize("name", CRITERIA)
def test_one_criterion_needs_no_dpia(name):
    one = toets(**{name: True})
    assert one.criteria_met == 1 and not one.dpia_required


def test_two_criteria_need_a_dpia():
    two = toets(large_scale=True, vulnerable_subjects=True)
    assert two.criteria_met == 2 and two.dpia_required


def test_systematic_monitoring_of_sensitive_data_always_needs_one():
    both = toets(systematic_monitoring=True, sensitive_data=True)
    assert both.dpia_required
    assert not toets(systematic_monitoring=True).dpia_required
    assert not toets(sensitive_data=True).dpia_required


def test_the_defaults_of_passend_need_a_dpia(tenancy):
    """Monitoring of youth-care data: systematic, sensitive, vulnerable subjects."""
    assert dpia_of(tenancy.a.team).dpia_required


def test_monitoring_is_allowed_only_with_dpia_and_covenant(tenancy):
    team = tenancy.a.team
    assert not monitoring_allowed(team)
    DpiaToets.objects.create(team=team, dpia_done_on=dt.date(2026, 1, 1), dpia_reference="D-1")
    assert not monitoring_allowed(team)  # no covenant yet
    DpiaToets.objects.filter(team=team).update(covenant_in_place=True)
    assert monitoring_allowed(team)
    assert not monitoring_allowed(tenancy.b.team)


# --- the service -----------------------------------------------------------------------------


def beheerder(tenancy):
    return tenancy.a.users[Role.BEHEERDER]


def test_record_dpia_stores_answers_and_opens_monitoring(tenancy):
    team = tenancy.a.team
    record_dpia(
        team,
        actor=beheerder(tenancy),
        profiling=True,
        dpia_done_on=dt.date(2026, 3, 1),
        dpia_reference=" DPIA-7 ",
        covenant_in_place=True,
        covenant_reference="CONV-7",
        covenant_signed_on=dt.date(2026, 3, 2),
    )
    stored = DpiaToets.objects.get(team=team)
    assert stored.profiling and stored.dpia_reference == "DPIA-7"
    assert stored.recorded_by == beheerder(tenancy)
    assert stored.assessed_on == timezone.localdate()
    assert monitoring_allowed(team)


def test_only_the_beheerder_records(tenancy):
    with pytest.raises(NotAllowed):
        record_dpia(tenancy.a.team, actor=tenancy.a.users[Role.VOORZITTER], profiling=True)
    with pytest.raises(NotAllowed):
        record_dpia(tenancy.b.team, actor=beheerder(tenancy), profiling=True)
    assert not DpiaToets.objects.exists()


def refusal(tenancy, **fields) -> dict:
    with pytest.raises(InvalidInput) as caught:
        record_dpia(tenancy.a.team, actor=beheerder(tenancy), **fields)
    return caught.value.errors


def test_a_date_in_the_future_is_refused(tenancy):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    errors = refusal(tenancy, dpia_done_on=tomorrow, dpia_reference="D-1", assessed_on=tomorrow)
    assert set(errors) == {"dpia_done_on", "assessed_on"}
    today = timezone.localdate()
    record_dpia(
        tenancy.a.team, actor=beheerder(tenancy), dpia_done_on=today, dpia_reference="D-1"
    )  # today is fine


def test_a_dpia_date_needs_a_reference_and_a_reference_a_date(tenancy):
    assert set(refusal(tenancy, dpia_done_on=dt.date(2026, 1, 1))) == {"dpia_reference"}
    assert set(refusal(tenancy, dpia_reference="D-1")) == {"dpia_done_on"}
    assert set(refusal(tenancy, dpia_done_on=dt.date(2026, 1, 1), dpia_reference="  ")) == {
        "dpia_reference"
    }


def test_a_covenant_in_place_needs_reference_and_signed_date(tenancy):
    assert set(refusal(tenancy, covenant_in_place=True)) == {
        "covenant_reference",
        "covenant_signed_on",
    }
    assert set(refusal(tenancy, covenant_reference="C-1")) == {"covenant_in_place"}
    assert not DpiaToets.objects.exists()


def test_a_refused_change_keeps_the_stored_check(tenancy):
    DpiaToetsFactory(team=tenancy.a.team)
    refusal(tenancy, covenant_reference="")
    assert monitoring_allowed(tenancy.a.team)


def test_recording_is_traced_like_a_team_settings_change(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(beheerder(tenancy))
    client.post(f"/teams/{team.slug}/beheer/privacy/dpia/", {"profiling": "on"})
    entry = AccessLogEntry.objects.filter(subject_type="dpia-toets").get()
    assert entry.team == team and entry.action == "update" and entry.subject_id == str(team.pk)


# --- the page --------------------------------------------------------------------------------


def page(team) -> str:
    return f"/teams/{team.slug}/beheer/privacy/dpia/"


def test_the_page_shows_the_outcome_and_why(tenancy, as_user):
    body = as_user(beheerder(tenancy)).get(page(tenancy.a.team)).content.decode()
    assert "DPIA verplicht" in body
    assert "Stelselmatige monitoring van gevoelige gegevens vraagt altijd om een DPIA." in body
    assert "DPIA nog niet vastgelegd" in body
    assert "<title>DPIA-toets – Expertteam alfa – Passend</title>" in body
    assert body.count("<fieldset") >= 2 and 'name="profiling"' in body


def test_the_form_shows_errors_next_to_the_fields_and_keeps_the_input(tenancy, as_user):
    client = as_user(beheerder(tenancy))
    response = client.post(
        page(tenancy.a.team),
        {"dpia_done_on": "2026-01-10", "covenant_in_place": "on", "privacy_officer": "F. Gegevens"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="form-errors"' in body
    assert 'id="id_dpia_reference-error"' in body
    assert 'id="id_covenant_reference-error"' in body
    assert 'id="id_covenant_signed_on-error"' in body
    assert 'value="F. Gegevens"' in body and 'value="2026-01-10"' in body
    assert not DpiaToets.objects.exists()


def test_a_bad_date_is_a_form_error_not_a_500(tenancy, as_user):
    response = as_user(beheerder(tenancy)).post(page(tenancy.a.team), {"dpia_done_on": "gisteren"})
    assert response.status_code == 200 and 'id="id_dpia_done_on-error"' in response.content.decode()


def test_a_complete_record_opens_monitoring(tenancy, as_user):
    client = as_user(beheerder(tenancy))
    response = client.post(
        page(tenancy.a.team),
        {
            "systematic_monitoring": "on",
            "sensitive_data": "on",
            "dpia_done_on": "2026-01-10",
            "dpia_reference": "DPIA-1",
            "covenant_in_place": "on",
            "covenant_reference": "C-1",
            "covenant_signed_on": "2026-01-11",
        },
        follow=True,
    )
    assert "De DPIA-toets is opgeslagen." in response.content.decode()
    assert monitoring_allowed(tenancy.a.team)
    stored = dpia_of(tenancy.a.team)
    assert not stored.vulnerable_subjects  # an unticked box is "nee"


def test_the_voorzitter_reads_but_does_not_record(tenancy, as_user):
    DpiaToetsFactory(team=tenancy.a.team)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    body = client.get(page(tenancy.a.team)).content.decode()
    assert "DPIA-2026-001" in body and "CONV-2026-01" in body
    assert 'name="dpia_reference"' not in body  # read only: no form
    assert client.post(page(tenancy.a.team), {"profiling": "on"}).status_code == 403
    assert not dpia_of(tenancy.a.team).profiling


@pytest.mark.parametrize("role", [Role.SCREENER, Role.BELEIDSADVISEUR, Role.TEAMLID])
def test_other_roles_are_refused(tenancy, as_user, role):
    assert as_user(tenancy.a.users[role]).get(page(tenancy.a.team)).status_code == 403


def test_another_team_is_not_found(tenancy, as_user):
    assert as_user(beheerder(tenancy)).get(page(tenancy.b.team)).status_code == 404


# --- the API ---------------------------------------------------------------------------------


def url(team) -> str:
    return f"/api/v1/teams/{team.pk}/dpia"


def test_api_reads_camel_case_with_the_outcome(tenancy, as_user):
    data = as_user(beheerder(tenancy)).get(url(tenancy.a.team)).json()
    assert data["dpiaRequired"] is True and data["monitoringAllowed"] is False
    assert data["recorded"] is False and data["recordedAt"] is None
    assert data["criteriaMet"] == 3
    assert data["systematicMonitoring"] is True and data["dpiaReference"] == ""
    assert any("altijd" in reason for reason in data["reasons"])


def test_api_put_records_and_validates(tenancy, as_user):
    client = as_user(beheerder(tenancy))
    bad = client.put(
        url(tenancy.a.team),
        {"dpiaDoneOn": "2026-01-10", "covenantInPlace": True},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in bad.json()["invalidParams"]} == {
        "dpiaReference",
        "covenantReference",
        "covenantSignedOn",
    }
    good = client.put(
        url(tenancy.a.team),
        {
            "dpiaDoneOn": "2026-01-10",
            "dpiaReference": "DPIA-1",
            "covenantInPlace": True,
            "covenantReference": "C-1",
            "covenantSignedOn": "2026-01-11",
        },
        content_type="application/json",
    )
    assert good.status_code == 200 and good.json()["monitoringAllowed"] is True
    assert good.json()["recorded"] is True and good.json()["recordedAt"]
    assert monitoring_allowed(tenancy.a.team)


def test_api_put_by_the_voorzitter_is_forbidden(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    assert client.get(url(tenancy.a.team)).status_code == 200
    response = client.put(
        url(tenancy.a.team), {"dpiaReference": "x"}, content_type="application/json"
    )
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert not DpiaToets.objects.exists()


def test_api_bad_types_are_400_not_500(tenancy, as_user):
    client = as_user(beheerder(tenancy))
    response = client.put(
        url(tenancy.a.team),
        {"dpiaDoneOn": "gisteren", "profiling": "misschien", "dpiaReference": "x" * 121},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {
        "dpiaDoneOn",
        "profiling",
        "dpiaReference",
    }


def test_api_another_team_is_not_found(tenancy, as_user):
    client = as_user(beheerder(tenancy))
    assert client.get(url(tenancy.b.team)).status_code == 404
    response = client.put(url(tenancy.b.team), {}, content_type="application/json")
    assert response.status_code == 404 and not DpiaToets.objects.exists()
