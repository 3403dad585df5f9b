"""The overleg API: same rules and refusals as the pages, problem+json errors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.meetings.codes import MeetingStatus
from passend.meetings.models import Casusbespreking, Overleg

from .conftest import at

pytestmark = pytest.mark.django_db


def test_plan_agenda_and_record_through_the_api(tenancy, as_user, active_case):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    response = client.post(
        "/api/v1/meetings",
        {"team": team.pk, "startsAt": at(timezone.localdate()).isoformat(), "location": "online"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    meeting = response.json()
    assert meeting["status"] == "gepland" and meeting["durationMinutes"] == 120
    base = f"/api/v1/meetings/{meeting['id']}"

    response = client.post(
        f"{base}/case-discussions",
        {"case": active_case.pk, "question": "Welke plek past?"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    discussion = response.json()
    assert discussion["caseReference"] == active_case.reference

    url = f"{base}/case-discussions/{discussion['id']}"
    response = client.patch(
        url,
        {"participation": "aanwezig", "minutesPart1": "Wens: thuis blijven.", "familyView": "Fijn"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["minutesPart1"] == "Wens: thuis blijven." and body["discussedAt"]
    assert body["evaluatedAt"] and body["minutesRecordedAt"]

    detail = client.get(base).json()
    assert detail["status"] == "gehouden"
    assert detail["agenda"][0]["minutesRecorded"] is True
    assert AccessLogEntry.objects.filter(
        subject_type="casus", subject_id=str(active_case.pk), access_point__contains=base
    ).exists()


def test_policy_refusal_is_a_400_with_invalid_params(tenancy, as_user, active_case):
    team = tenancy.a.team
    team.participation_required = True
    team.save()
    overleg = Overleg.objects.create(team=team, starts_at=at(timezone.localdate(), 9))
    item = Casusbespreking.objects.create(overleg=overleg, casus=active_case, order=1)
    client = as_user(tenancy.a.users[Role.NOTULIST])
    url = f"/api/v1/meetings/{overleg.pk}/case-discussions/{item.pk}"
    response = client.patch(url, {"participation": "afwezig"}, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = [p["name"] for p in response.json()["invalidParams"]]
    assert names == ["absenceReason"]
    response = client.patch(url, {"participation": "woordvoerder"}, content_type="application/json")
    assert {p["name"] for p in response.json()["invalidParams"]} == {
        "spokespersonName",
        "spokespersonRelation",
    }
    response = client.patch(url, {"minutesPart2": "besloten"}, content_type="application/json")
    assert [p["name"] for p in response.json()["invalidParams"]] == ["participation"]
    item.refresh_from_db()
    assert item.participation == "" and item.minutes_recorded_at is None
    response = client.patch(
        url,
        {"participation": "afwezig", "absenceReason": "Opname; vooraf apart gesproken."},
        content_type="application/json",
    )
    assert response.status_code == 200


def test_future_meeting_refusal_is_a_409(tenancy, as_user, active_case, future_meeting):
    item = Casusbespreking.objects.create(overleg=future_meeting, casus=active_case, order=1)
    response = as_user(tenancy.a.users[Role.TEAMLID]).patch(
        f"/api/v1/meetings/{future_meeting.pk}/case-discussions/{item.pk}",
        {"participation": "aanwezig"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "moet nog plaatsvinden" in response.json()["detail"]


def test_notulist_may_not_plan_or_set_the_agenda(tenancy, as_user, active_case, future_meeting):
    client = as_user(tenancy.a.users[Role.NOTULIST])
    response = client.post(
        "/api/v1/meetings",
        {"team": tenancy.a.team.pk, "startsAt": future_meeting.starts_at.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "voorzitter" in response.json()["detail"]
    response = client.post(
        f"/api/v1/meetings/{future_meeting.pk}/case-discussions",
        {"case": active_case.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Overleg.objects.count() == 1 and not Casusbespreking.objects.exists()


def test_list_filters_by_team_and_dates(tenancy, as_user):
    team, today = tenancy.a.team, timezone.localdate()
    for days in (-30, -1, 5, 40):
        Overleg.objects.create(team=team, starts_at=at(today + timedelta(days=days)))
    Overleg.objects.create(team=tenancy.b.team, starts_at=at(today))
    client = as_user(tenancy.a.users[Role.TEAMLID])
    results = client.get("/api/v1/meetings").json()["results"]
    assert len(results) == 4 and {r["team"] for r in results} == {team.pk}
    start, end = today - timedelta(days=1), today + timedelta(days=5)
    query = f"?teamId={team.pk}&dateFrom={start}&dateUntil={end}"
    results = client.get("/api/v1/meetings" + query).json()["results"]
    assert len(results) == 2
    response = client.get("/api/v1/meetings?dateFrom=2025-02-01&dateUntil=2025-01-01")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "dateUntil"


def test_attendance_and_guests(tenancy, as_user, todays_meeting):
    client = as_user(tenancy.a.users[Role.NOTULIST])
    base = f"/api/v1/meetings/{todays_meeting.pk}"
    member = tenancy.a.users[Role.TEAMLID]
    response = client.post(
        f"{base}/attendances", {"user": member.pk, "status": "aanwezig"}, "application/json"
    )
    assert response.status_code == 201
    response = client.post(
        f"{base}/attendances", {"user": member.pk, "status": "afgemeld"}, "application/json"
    )
    assert response.status_code == 200
    assert client.get(f"{base}/attendances").json() == [
        {"user": member.pk, "status": "afgemeld", "recordedAt": response.json()["recordedAt"]}
    ]
    outsider = tenancy.b.users[Role.TEAMLID]
    response = client.post(
        f"{base}/attendances", {"user": outsider.pk, "status": "aanwezig"}, "application/json"
    )
    assert response.status_code == 400
    response = client.post(
        f"{base}/guests",
        {"name": "Mr. Fictief", "kind": "oproepbare_expert", "function": "jurist"},
        "application/json",
    )
    assert response.status_code == 201
    guest = response.json()["id"]
    assert client.delete(f"{base}/guests/{guest}").status_code == 204
    assert client.get(f"{base}/guests").json() == []


def test_meeting_patch_status_rules(tenancy, as_user, active_case, future_meeting):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/api/v1/meetings/{future_meeting.pk}"
    response = client.patch(url, {"status": "gehouden"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "status"
    response = client.patch(url, {"status": "geannuleerd"}, content_type="application/json")
    assert response.status_code == 200
    future_meeting.refresh_from_db()
    assert future_meeting.status == MeetingStatus.GEANNULEERD
    response = client.post(
        f"{url}/case-discussions", {"case": active_case.pk}, content_type="application/json"
    )
    assert response.status_code == 409, "a cancelled meeting is a state, not bad input"
    assert "geannuleerd" in response.json()["detail"]
