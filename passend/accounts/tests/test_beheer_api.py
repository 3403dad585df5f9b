"""The API of the beheer of users and memberships: the same services, refusals as
problem+json (400 on the field, 409 for the last beheerder), every read logged."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Membership, Uitnodiging
from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.core.tests.factories import confirmed_device
from passend.jobs.testing import run_jobs

pytestmark = pytest.mark.django_db


def api(team):
    return f"/api/v1/teams/{team.pk}"


def test_invite_list_and_resend(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    created = client.post(
        f"{api(team)}/invitations",
        {"email": "api.lid@test.example.org", "lastName": "Lid", "role": "notulist"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["existingAccount"] is False and body["membership"]["role"] == "notulist"
    assert body["invitation"]["status"] == "open" and body["invitation"]["timesSent"] == 1
    assert mail.outbox == []  # the worker sends it
    run_jobs()
    assert len(mail.outbox) == 1 and "/uitnodiging/" in mail.outbox[0].body

    listed = client.get(f"{api(team)}/invitations")
    assert listed.status_code == 200
    assert [i["email"] for i in listed.json()["results"]] == ["api.lid@test.example.org"]
    read = AccessLogEntry.objects.filter(action="read", subject_type="medewerker").last()
    assert read.subject_id == str(body["user"]) and read.team == team

    invitation = body["invitation"]["id"]
    again = client.post(f"{api(team)}/invitations/{invitation}/dispatches")
    assert again.status_code == 201 and again.json()["timesSent"] == 2
    run_jobs()
    assert len(mail.outbox) == 2
    first, second = (re.search(r"/uitnodiging/\S+/", m.body).group(0) for m in mail.outbox)
    assert first != second


def test_resending_an_accepted_invitation_is_a_conflict(tenancy, as_user):
    team = tenancy.a.team
    member = tenancy.a.users[Role.TEAMLID]
    invitation = Uitnodiging.objects.create(user=member, team=team, accepted_at=timezone.now())
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(f"{api(team)}/invitations/{invitation.pk}/dispatches")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert "al een wachtwoord" in response.json()["detail"]


def test_invalid_input_names_the_fields(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    bad = client.post(
        f"{api(team)}/invitations",
        {"email": "geen", "lastName": "", "role": "koning"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"email", "lastName", "role"}

    membership = Membership.objects.get(user=tenancy.a.users[Role.TEAMLID], team=team)
    before_start = client.patch(
        f"{api(team)}/memberships/{membership.pk}",
        {"end": (membership.start - dt.timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert before_start.status_code == 400
    assert [p["name"] for p in before_start.json()["invalidParams"]] == ["end"]


def test_memberships_create_update_end(tenancy, as_user):
    team = tenancy.a.team
    member = tenancy.a.users[Role.TEAMLID]
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    created = client.post(
        f"{api(team)}/memberships",
        {"user": member.pk, "role": "notulist", "expertise": "onderwijs"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    membership = created.json()
    assert membership["state"] == "actief"
    assert membership["start"] == timezone.localdate().isoformat()
    url = f"{api(team)}/memberships/{membership['id']}"
    end = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    changed = client.patch(url, {"end": end}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["end"] == end
    assert client.delete(url).status_code == 204
    assert client.get(url).json()["state"] == "beeindigd"
    assert client.delete(url).status_code == 409

    stranger = client.post(
        f"{api(team)}/memberships",
        {"user": tenancy.b.users[Role.TEAMLID].pk, "role": "notulist"},
        content_type="application/json",
    )
    assert stranger.status_code == 404
    assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED, team=team).count() == 1


def test_the_last_beheerder_is_a_conflict(tenancy, as_user):
    team = tenancy.a.team
    beheerder = tenancy.a.users[Role.BEHEERDER]
    own = Membership.objects.get(user=beheerder, team=team)
    client = as_user(beheerder)
    response = client.delete(f"{api(team)}/memberships/{own.pk}")
    assert response.status_code == 409 and "laatste beheerder" in response.json()["detail"]
    demoted = client.patch(
        f"{api(team)}/memberships/{own.pk}", {"role": "teamlid"}, content_type="application/json"
    )
    assert demoted.status_code == 409
    own.refresh_from_db()
    assert own.role == Role.BEHEERDER and own.state() == "actief"


def test_second_factor_reset(tenancy, as_user):
    team = tenancy.a.team
    member = tenancy.a.users[Role.SCREENER]
    confirmed_device(member)
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    assert client.delete(f"{api(team)}/members/{member.pk}/second-factor").status_code == 204
    assert not TOTPDevice.objects.filter(user=member).exists()
    entry = AccessLogEntry.objects.get(subject_type="tweede factor", action="delete")
    assert entry.team == team and entry.subject_id == str(member.pk)


@pytest.mark.parametrize("role", [Role.VOORZITTER, Role.SCREENER, Role.COORDINATOR_SK])
def test_other_roles_of_the_team_are_refused(tenancy, as_user, role):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[role])
    response = client.post(
        f"{api(team)}/invitations",
        {"email": "x@test.example.org", "lastName": "X", "role": "teamlid"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Uitnodiging.objects.exists()
