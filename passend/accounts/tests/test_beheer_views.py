"""The beheerder's pages for users and memberships: what they do, the invitation link page, and
that a beheerder of another team or region sees nothing (404 with one denied entry). The Django
admin stays for platform staff."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from passend.accounts.models import Membership, User
from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.conftest import login
from passend.core.tests.factories import (
    MembershipFactory,
    RegionFactory,
    TeamFactory,
    UserFactory,
)
from passend.jobs.testing import run_jobs

pytestmark = pytest.mark.django_db

STRONG = "Lange-zin-met-wachtwoord-42"


def base(team):
    return f"/teams/{team.slug}/beheer/gebruikers/"


def invite_data(**overrides):
    data = {
        "first_name": "Sanne",
        "last_name": "Nieuw",
        "email": "sanne.nieuw@test.example.org",
        "username": "",
        "role": Role.SCREENER,
        "organisation": "",
        "expertise": "GGZ",
        "start": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def link_path() -> str:
    run_jobs()  # the worker renders and sends the invitation
    return re.search(r"https?://[^/]+(/uitnodiging/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_beheerder_invites_and_manages_a_member(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    start = client.get(f"/teams/{team.slug}/beheer/")
    assert base(team) in start.content.decode()
    page = client.get(base(team) + "uitnodigen/")
    body = page.content.decode()
    assert "<title>Gebruiker uitnodigen – Expertteam alfa – Passend</title>" in body
    assert "Kies een rol" in body and 'type="date"' in body

    response = client.post(base(team) + "uitnodigen/", invite_data(), follow=True)
    user = User.objects.get(email="sanne.nieuw@test.example.org")
    assert response.redirect_chain[-1][0] == f"{base(team)}{user.pk}/"
    body = response.content.decode()
    assert "is uitgenodigd" in body and "uitgenodigd, nog geen wachtwoord" in body
    assert Membership.objects.get(user=user).expertise == "GGZ"

    # The list names the person; the person page offers resending.
    assert "Sanne Nieuw" in client.get(base(team)).content.decode()
    old_link = link_path()
    client.post(f"{base(team)}{user.pk}/uitnodiging-opnieuw/")
    assert link_path() != old_link and len(mail.outbox) == 2

    # Add a role, change it, end it.
    client.post(
        f"{base(team)}{user.pk}/rollen/nieuw/",
        {"role": Role.NOTULIST, "start": timezone.localdate().isoformat()},
    )
    notulist = Membership.objects.get(user=user, role=Role.NOTULIST)
    end = timezone.localdate().replace(year=timezone.localdate().year + 1)
    client.post(
        f"{base(team)}{user.pk}/rollen/{notulist.pk}/",
        {"role": Role.NOTULIST, "start": notulist.start.isoformat(), "end": end.isoformat()},
    )
    notulist.refresh_from_db()
    assert notulist.end == end
    client.post(f"{base(team)}{user.pk}/rollen/{notulist.pk}/beeindigen/")
    notulist.refresh_from_db()
    assert notulist.state() == "beeindigd"
    logged = AccessLogEntry.objects.filter(subject_type="medewerker", subject_id=str(user.pk))
    assert {"gebruiker uitgenodigd: screener", "uitnodiging opnieuw verstuurd"} <= set(
        logged.values_list("purpose", flat=True)
    )


def test_bad_input_keeps_what_was_entered_with_dutch_messages(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(
        base(team) + "uitnodigen/", invite_data(email="geen-adres", role="", last_name="")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout: Gebruiker uitnodigen" in body
    assert "Vul een geldig e-mailadres in" in body and "Kies een rol." in body
    assert "Vul de achternaam in." in body and 'value="Sanne"' in body
    assert 'id="form-errors"' in body

    member = tenancy.a.users[Role.TEAMLID]
    membership = Membership.objects.get(user=member, team=team)
    today = timezone.localdate()
    bad = client.post(
        f"{base(team)}{member.pk}/rollen/{membership.pk}/",
        {"role": Role.TEAMLID, "start": today.isoformat(), "end": "2000-01-01"},
    )
    assert "De einddatum ligt vóór de startdatum" in bad.content.decode()
    membership.refresh_from_db()
    assert membership.end is None


def test_ending_the_last_beheerder_is_explained(tenancy, as_user):
    team = tenancy.a.team
    beheerder = tenancy.a.users[Role.BEHEERDER]
    client = as_user(beheerder)
    own = Membership.objects.get(user=beheerder, team=team)
    response = client.post(f"{base(team)}{beheerder.pk}/rollen/{own.pk}/beeindigen/", follow=True)
    assert "laatste beheerder" in response.content.decode()
    own.refresh_from_db()
    assert own.state() == "actief"


def test_inviting_an_existing_account_says_so(tenancy, as_user):
    team = tenancy.a.team
    other = tenancy.b.users[Role.TEAMLID]
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(
        base(team) + "uitnodigen/", invite_data(email=other.email, role=Role.TEAMLID), follow=True
    )
    assert "Er bestond al een account met dit e-mailadres" in response.content.decode()
    assert Membership.objects.filter(user=other, team=team, role=Role.TEAMLID).exists()


def test_the_link_page_sets_the_password_then_the_second_factor(tenancy, as_user):
    team = tenancy.a.team
    as_user(tenancy.a.users[Role.BEHEERDER]).post(base(team) + "uitnodigen/", invite_data())
    path = link_path()
    anonymous = Client()
    page = anonymous.get(path)
    assert page.status_code == 200 and "sanne.nieuw" in page.content.decode()
    mismatch = anonymous.post(path, {"password": STRONG, "password_again": STRONG + "x"})
    assert "De twee wachtwoorden zijn niet gelijk." in mismatch.content.decode()
    weak = anonymous.post(path, {"password": "kort", "password_again": "kort"})
    assert "Dit wachtwoord is te kort" in weak.content.decode()
    done = anonymous.post(path, {"password": STRONG, "password_again": STRONG})
    assert done.status_code == 302 and done["Location"] == "/account/tweestapsverificatie/"
    assert anonymous.get("/account/tweestapsverificatie/").status_code == 200

    again = Client().get(path)
    assert again.status_code == 200 and "al gebruikt" in again.content.decode()
    assert "<title>Uitnodiging niet geldig – Passend</title>" in again.content.decode()
    assert Client().post(path, {"password": STRONG, "password_again": STRONG}).status_code == 200


@pytest.mark.parametrize("token", ["onzin", "a" * 300, "eyJ:x:y", "%00"])
def test_a_broken_link_gets_a_dutch_page(client, token, db):
    response = client.get(f"/uitnodiging/{token}/")
    assert response.status_code == 200
    assert "Deze link is niet (meer) geldig" in response.content.decode()


# --- isolation -------------------------------------------------------------------------------


@pytest.fixture
def zuid(db):
    """A beheerder of a team in another region."""
    region = RegionFactory(name="Testregio Zuid", slug="zuid")
    team = TeamFactory(region=region, name="Expertteam zuid", slug="team-zuid")
    user = UserFactory(username="beheerder.zuid")
    MembershipFactory(user=user, team=team, role=Role.BEHEERDER)
    return user


@pytest.mark.parametrize("actor", ["zuid", "beta", "voorzitter"])
def test_others_see_nothing_of_the_team(tenancy, zuid, actor):
    user = {
        "zuid": zuid,
        "beta": tenancy.b.users[Role.BEHEERDER],
        "voorzitter": tenancy.a.users[Role.VOORZITTER],
    }[actor]
    client = login(Client(), user)
    team = tenancy.a.team
    member = tenancy.a.users[Role.TEAMLID]
    membership = Membership.objects.get(user=member, team=team)
    user_page = f"{base(team)}{member.pk}/"
    gets = [base(team), base(team) + "uitnodigen/", user_page, user_page + "rollen/nieuw/"]
    gets.append(f"{user_page}rollen/{membership.pk}/")
    posts = [
        base(team) + "uitnodigen/",
        user_page + "deactiveren/",
        user_page + "uitnodiging-opnieuw/",
        f"{user_page}rollen/{membership.pk}/beeindigen/",
    ]
    api = f"/api/v1/teams/{team.pk}"
    api_gets = [f"{api}/invitations", f"{api}/memberships", f"{api}/memberships/{membership.pk}"]
    for method, url in (
        *[("get", u) for u in gets + api_gets],
        *[("post", u) for u in posts],
        ("patch", f"{api}/memberships/{membership.pk}"),
        ("delete", f"{api}/memberships/{membership.pk}"),
        ("delete", f"{api}/members/{member.pk}/second-factor"),
    ):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        response = getattr(client, method)(url, content_type="application/json")
        assert response.status_code == 404, (method, url, response.status_code)
        denied = AccessLogEntry.objects.filter(outcome=Outcome.DENIED)
        assert denied.count() == before + 1, (method, url)
        assert denied.first().team == team
    membership.refresh_from_db()
    assert membership.state() == "actief"


def test_a_member_of_another_team_is_not_found_through_the_own_team(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    stranger = tenancy.b.users[Role.TEAMLID]
    response = client.get(f"{base(team)}{stranger.pk}/")
    assert response.status_code == 404
    entry = AccessLogEntry.objects.get(outcome=Outcome.DENIED)
    assert entry.team == team and entry.subject_id == str(stranger.pk)


# --- the Django admin ------------------------------------------------------------------------


def test_a_beheerder_gets_no_django_admin(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    for url in ("/django-admin/", "/django-admin/accounts/user/", "/django-admin/regions/team/"):
        response = client.get(url)
        assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


def test_platform_staff_keeps_the_django_admin(tenancy):
    staff = UserFactory(username="platform", is_staff=True, is_superuser=True)
    client = login(Client(), staff)
    assert client.get("/django-admin/accounts/user/").status_code == 200


def test_an_ended_or_planned_member_is_not_in_the_team_list(tenancy, as_user):
    team = tenancy.a.team
    ended = tenancy.a.users[Role.NOTULIST]
    planned = tenancy.a.users[Role.PROCESREGISSEUR]
    today = timezone.localdate()
    Membership.objects.filter(user=ended, team=team).update(end=today.replace(year=today.year - 1))
    Membership.objects.filter(user=planned, team=team).update(
        start=today.replace(year=today.year + 1)
    )
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    names = client.get(f"/teams/{team.slug}/leden/").content.decode()
    assert tenancy.a.users[Role.TEAMLID].get_full_name() in names
    assert ended.get_full_name() not in names and planned.get_full_name() not in names
    assert client.get(f"/teams/{team.slug}/leden/{ended.pk}/").status_code == 404
    # The beheerder still sees both, with their state.
    beheer_list = as_user(tenancy.a.users[Role.BEHEERDER]).get(base(team)).content.decode()
    assert ended.get_full_name() in beheer_list and "beëindigd per" in beheer_list
    assert planned.get_full_name() in beheer_list and "vanaf" in beheer_list
