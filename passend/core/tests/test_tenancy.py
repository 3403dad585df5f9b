"""Tenancy matrix: for every role, the other team's lists and details answer 404 and are logged."""

import pytest

from passend.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from passend.audit.models import AccessLogEntry, Outcome

pytestmark = pytest.mark.django_db


def other_team_urls(tenancy) -> list[tuple[str, str]]:
    from passend.cases.tests.factories import CasusFactory

    from .test_access_log_walk import module_walks

    b = tenancy.b.team
    member = tenancy.b.users[Role.TEAMLID]
    casus = CasusFactory(team=b, aanmelder=tenancy.b.users[Role.AANMELDER])
    extra = [
        entry
        for module in module_walks()
        if hasattr(module, "other_team_urls")
        for entry in module.other_team_urls(tenancy, casus)
    ]
    return [
        *extra,
        ("get", f"/teams/{b.slug}/casussen/{casus.pk}/perspectief/"),
        ("post", f"/teams/{b.slug}/casussen/{casus.pk}/perspectief/"),
        ("get", f"/teams/{b.slug}/casussen/{casus.pk}/casusregie/"),
        ("post", f"/teams/{b.slug}/casussen/{casus.pk}/afsluiten/"),
        ("get", f"/teams/{b.slug}/casussen/"),
        ("get", f"/teams/{b.slug}/casussen/{casus.pk}/"),
        ("post", f"/teams/{b.slug}/casussen/{casus.pk}/status/"),
        ("get", f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/"),
        ("get", f"/teams/{b.slug}/"),
        ("get", f"/teams/{b.slug}/leden/"),
        ("get", f"/teams/{b.slug}/leden/{member.pk}/"),
        ("get", f"/teams/{b.slug}/instellingen/"),
        ("get", f"/teams/{b.slug}/toegangslog/"),
        ("get", f"/teams/{b.slug}/toegangslog/inzage/?soort=medewerker&kenmerk={member.pk}"),
        ("get", f"/api/v1/teams/{b.pk}"),
        ("get", f"/api/v1/teams/{b.pk}/members"),
        ("get", f"/api/v1/teams/{b.pk}/members/{member.pk}"),
        ("get", f"/api/v1/access-logs?teamId={b.pk}"),
        ("patch", f"/api/v1/teams/{b.pk}"),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_other_team_is_refused_and_logged_for_every_role(tenancy, as_user, role):
    client = as_user(tenancy.a.users[role])
    for method, url in other_team_urls(tenancy):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        if method == "patch":
            response = client.patch(url, {"meetingCadenceDays": 7}, content_type="application/json")
        elif method == "post":
            response = client.post(url, {"to_state": "in_screening"})
        elif method == "post-json":
            response = client.post(url, {}, content_type="application/json")
        elif method == "delete":
            response = client.delete(url)
        else:
            response = client.get(url)
        assert response.status_code == 404, (role, url, response.status_code)
        denied = AccessLogEntry.objects.filter(outcome=Outcome.DENIED)
        assert denied.count() == before + 1, (role, url)
        entry = denied.order_by("-id").first()
        assert entry.user == tenancy.a.users[role]
        expected = tenancy.b.team
        if (
            url.startswith(f"/teams/{tenancy.a.team.slug}/")
            and Cap.VIEW_TEAM not in ROLE_CAPABILITIES[role]
        ):
            expected = tenancy.a.team  # refused at its own team before the case is looked up
        assert entry.team == expected, "the refused team's beheerder must see the attempt"
        if url.startswith("/api/"):
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 404
    tenancy.b.team.refresh_from_db()
    assert tenancy.b.team.meeting_cadence_days == 14


def test_own_team_is_visible_to_roles_that_need_it(tenancy, as_user):
    a = tenancy.a
    for role in (Role.VOORZITTER, Role.SCREENER, Role.TEAMLID, Role.BEHEERDER):
        client = as_user(a.users[role])
        assert client.get(f"/teams/{a.team.slug}/leden/").status_code == 200
        assert client.get(f"/api/v1/teams/{a.team.pk}/members").status_code == 200
        names = {
            m["username"]
            for m in client.get(f"/api/v1/teams/{a.team.pk}/members").json()["results"]
        }
        assert names == {u.username for u in a.users.values()}, "only the own team's members"


def test_policy_adviser_sees_no_names(tenancy, as_user):
    """beleidsadviseur: aggregates only, never identifying data, not even of colleagues."""
    client = as_user(tenancy.a.users[Role.BELEIDSADVISEUR])
    assert client.get(f"/teams/{tenancy.a.team.slug}/").status_code == 200
    assert client.get(f"/teams/{tenancy.a.team.slug}/leden/").status_code == 404
    assert client.get(f"/api/v1/teams/{tenancy.a.team.pk}/members").status_code == 404


def test_team_lists_only_show_own_teams(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    ids = [t["id"] for t in client.get("/api/v1/teams").json()["results"]]
    assert ids == [tenancy.a.team.pk]
    logs = client.get("/api/v1/access-logs").json()["results"]
    assert all(entry["team"] == tenancy.a.team.pk for entry in logs)


def test_anonymous_gets_login_or_401(tenancy, client):
    response = client.get(f"/teams/{tenancy.a.team.slug}/leden/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    response = client.get(f"/api/v1/teams/{tenancy.a.team.pk}/members")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
