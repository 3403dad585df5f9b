"""The beheerder sets the team settings; bad input is explained in Dutch and nothing is lost."""

import pytest

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "meeting_cadence_days": "21",
        "self_registration_enabled": "on",
        "advice_status_default": "bindend",
        "follow_up_months": "3",
        "short_term_solution_months": "3",
        "retention_months": "6",
        "waiting_time_stale_weeks": "6",
    }
    data.update(overrides)
    return data


def test_beheerder_changes_settings_and_the_change_is_traced(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(f"/teams/{team.slug}/instellingen/", form_data())
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.meeting_cadence_days == 21
    assert team.self_registration_enabled is True
    assert team.advice_status_default == "bindend"
    trace = AccessLogEntry.objects.get(subject_type="team-instellingen")
    assert trace.user == tenancy.a.users[Role.BEHEERDER] and "meeting_cadence_days" in trace.purpose


def test_invalid_settings_show_dutch_errors_and_keep_input(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(
        f"/teams/{team.slug}/instellingen/",
        form_data(meeting_cadence_days="400", retention_months="abc", follow_up_months="3"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde hoogstens 90 is." in body, "Dutch range message"
    assert "Voer een geheel getal in." in body, "Dutch number message"
    assert 'value="400"' in body and 'value="abc"' in body, "entered values are kept"
    assert (
        'aria-invalid="true"' in body and 'aria-describedby="id_meeting_cadence_days-error"' in body
    )
    team.refresh_from_db()
    assert team.meeting_cadence_days == 14


def test_only_beheerder_may_change_settings(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    assert client.get(f"/teams/{team.slug}/instellingen/").status_code == 404
    api = client.patch(
        f"/api/v1/teams/{team.pk}", {"meetingCadenceDays": 7}, content_type="application/json"
    )
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    team.refresh_from_db()
    assert team.meeting_cadence_days == 14


def test_api_patch_validates_with_invalid_params(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    bad = client.patch(
        f"/api/v1/teams/{team.pk}",
        {"meetingCadenceDays": 0, "advice_status_default": "x", "adviceStatusDefault": "soms"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    problem = bad.json()
    assert problem["status"] == 400 and problem["title"] == "Ongeldige invoer"
    assert {p["name"] for p in problem["invalidParams"]} == {
        "meetingCadenceDays",
        "adviceStatusDefault",
    }
    good = client.patch(
        f"/api/v1/teams/{team.pk}", {"meetingCadenceDays": 7}, content_type="application/json"
    )
    assert good.status_code == 200 and good.json()["meetingCadenceDays"] == 7


def test_a_service_refusal_lands_on_the_form_with_the_input_kept(tenancy, as_user, monkeypatch):
    """The view's own form_valid is covered by the refusal mapping (a refusal used to escape
    as a 500): the service refuses, the page shows why and keeps what was entered."""
    from passend.core.refusals import StateConflict
    from passend.regions import services

    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])

    def refuses(team, *, changes, actor, request=None):
        raise StateConflict("Een ander heeft de instellingen net gewijzigd.")

    monkeypatch.setattr(services, "update_team_settings", refuses)
    response = client.post(
        f"/teams/{team.slug}/instellingen/", form_data(meeting_cadence_days="30")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Een ander heeft de instellingen net gewijzigd." in body
    assert 'value="30"' in body
