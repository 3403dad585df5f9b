"""Tenancy beyond status codes: what the own team's lists contain. Who may reach which route
in which place is the generated authorization matrix (test_authorization_matrix.py)."""

import pytest

from passend.accounts.roles import Role

pytestmark = pytest.mark.django_db


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
