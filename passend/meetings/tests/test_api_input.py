"""The overleg API takes only what the domain can have: user fields name active case-work
members of the team, bad bodies and impossible dates are 400 problem+json, never a 500; a
refused child route names the child in the access log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.meetings.models import Aanwezigheid, Casusbespreking, Gast, Overleg

from .conftest import at

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def assert_invalid(response, name=None):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM
    params = response.json()["invalidParams"]
    assert params, "invalidParams names what is wrong"
    if name is not None:
        names = [p["name"].split(".")[0] for p in params]  # "recipients.0": its first row
        assert name in names, params


def outsiders(tenancy):
    """A member of the other team and the own team's aanbieder (no case-work role)."""
    return [tenancy.b.users[Role.TEAMLID], tenancy.a.users[Role.AANBIEDER]]


def test_chair_is_an_active_case_work_member_of_the_team(tenancy, as_user, future_meeting):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    start = at(timezone.localdate() + timedelta(days=3)).isoformat()
    for outsider in outsiders(tenancy):
        response = client.post(
            "/api/v1/meetings",
            {"team": team.pk, "startsAt": start, "chair": outsider.pk},
            content_type="application/json",
        )
        assert_invalid(response, "chair")
        response = client.patch(
            f"/api/v1/meetings/{future_meeting.pk}",
            {"chair": outsider.pk},
            content_type="application/json",
        )
        assert_invalid(response, "chair")
    member = tenancy.a.users[Role.TEAMLID]
    Membership.objects.filter(user=member, team=team).update(active=False)
    response = client.patch(
        f"/api/v1/meetings/{future_meeting.pk}", {"chair": member.pk}, "application/json"
    )
    assert_invalid(response, "chair")
    future_meeting.refresh_from_db()
    assert future_meeting.chair is None
    colleague = tenancy.a.users[Role.PROCESREGISSEUR]
    response = client.post(
        "/api/v1/meetings",
        {"team": team.pk, "startsAt": start, "chair": colleague.pk},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["chair"] == colleague.pk


def test_attendance_is_only_for_active_case_work_members(tenancy, as_user, todays_meeting):
    client = as_user(tenancy.a.users[Role.NOTULIST])
    url = f"/api/v1/meetings/{todays_meeting.pk}/attendances"
    member = tenancy.a.users[Role.TEAMLID]
    Membership.objects.filter(user=member, team=tenancy.a.team).update(active=False)
    for user in [*outsiders(tenancy), member]:
        response = client.post(url, {"user": user.pk, "status": "aanwezig"}, "application/json")
        assert_invalid(response, "user")
    assert not Aanwezigheid.objects.exists()


@pytest.fixture
def item(active_case, todays_meeting):
    return Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)


# JSON bodies that are no object: a list, `true`, a string, `null`.
BAD_BODIES = ["[]", "[{}]", "true", '"tekst"', "null"]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_body_that_is_no_object_is_a_400_on_every_write_route(
    tenancy, as_user, todays_meeting, item, body
):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    base = f"/api/v1/meetings/{todays_meeting.pk}"
    for method, url in (
        ("post", "/api/v1/meetings"),
        ("patch", base),
        ("post", f"{base}/case-discussions"),
        ("patch", f"{base}/case-discussions/{item.pk}"),
        ("post", f"{base}/attendances"),
        ("post", f"{base}/guests"),
    ):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert_invalid(response)


def test_unknown_ids_rows_and_impossible_dates_are_400(tenancy, as_user, todays_meeting, item):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    team, base = tenancy.a.team, f"/api/v1/meetings/{todays_meeting.pk}"
    cases = [
        ("post", "/api/v1/meetings", {"team": {}, "startsAt": "2026-01-01T09:00:00"}),
        ("post", "/api/v1/meetings", {"team": team.pk, "startsAt": "0001-01-01T00:00:00"}),
        ("post", "/api/v1/meetings", {"team": team.pk, "startsAt": "9999-12-31T23:59:59"}),
        ("post", "/api/v1/meetings", {"team": team.pk, "startsAt": "1899-12-31T09:00:00Z"}),
        ("patch", base, {"startsAt": "0001-01-01T00:00:00"}),
        ("patch", base, {"chair": 999999}),
        ("patch", base, {"status": {}}),
        ("post", f"{base}/case-discussions", {"case": 999999}),
        ("post", f"{base}/case-discussions", {"case": [{}]}),
        ("patch", f"{base}/case-discussions/{item.pk}", {"participation": {}}),
        ("post", f"{base}/attendances", {"user": True, "status": "aanwezig"}),
        ("post", f"{base}/attendances", {"user": [{}], "status": "aanwezig"}),
        ("post", f"{base}/guests", {"name": "Gast", "discussion": 999999}),
        ("post", f"{base}/guests", {"name": "Gast", "kind": {}}),
    ]
    for method, url, body in cases:
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == 400, (url, body, response.status_code)
        assert_invalid(response)
    for query in ("dateFrom=0001-01-01", "dateUntil=9999-12-31", "dateFrom=2026-13-01"):
        assert_invalid(client.get(f"/api/v1/meetings?{query}"))
    todays_meeting.refresh_from_db()
    assert Overleg.objects.count() == 1 and todays_meeting.chair is None
    assert not Gast.objects.exists() and not Aanwezigheid.objects.exists()


def denied(**fields):
    return AccessLogEntry.objects.filter(outcome=Outcome.DENIED, **fields)


def test_a_refused_discussion_route_names_the_discussion(tenancy, as_user, item):
    other = Overleg.objects.create(team=tenancy.b.team, starts_at=at(timezone.localdate()))
    # The case does not matter: the discussion is one of team B's meeting.
    foreign = Casusbespreking.objects.create(overleg=other, casus=item.casus, order=1)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    for url in (
        f"/api/v1/meetings/{other.pk}/case-discussions/{foreign.pk}",
        f"/api/v1/meetings/{item.overleg_id}/case-discussions/{foreign.pk}",
    ):
        before = denied().count()
        assert client.get(url).status_code == 404
        assert denied().count() == before + 1, url
        entry = denied().latest("id")
        assert (entry.subject_type, entry.subject_id) == ("casusbespreking", str(foreign.pk))
        assert entry.team == tenancy.b.team


def test_a_guest_of_another_meeting_is_404_with_one_denied_entry(tenancy, as_user, todays_meeting):
    other = Overleg.objects.create(team=tenancy.a.team, starts_at=at(timezone.localdate()))
    foreign = Gast.objects.create(overleg=other, name="Gast Elders")
    client = as_user(tenancy.a.users[Role.NOTULIST])
    before = denied().count()
    response = client.delete(f"/api/v1/meetings/{todays_meeting.pk}/guests/{foreign.pk}")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert denied().count() == before + 1
    assert denied(subject_type="gast", subject_id=str(foreign.pk)).exists()
    page = client.post(
        f"/teams/{tenancy.a.team.slug}/overleggen/{todays_meeting.pk}/gasten/",
        {"verwijder": foreign.pk},
    )
    assert page.status_code == 404
    assert denied(subject_type="gast", subject_id=str(foreign.pk)).count() == 2
    assert Gast.objects.filter(pk=foreign.pk).exists()
