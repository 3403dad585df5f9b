"""The second factor cannot be skipped with a password alone (production settings), linking
and resetting an authenticator are logged and e-mailed, and API tokens lapse like a session."""

import datetime as dt
import importlib.util
import secrets

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.conftest import PASSWORD
from passend.core.tests.factories import confirmed_device
from passend.jobs.testing import run_jobs

from .test_login import current_code

pytestmark = pytest.mark.django_db

# What production sets that a test must keep: the test database, in-memory files, local mail.
KEEP = {
    "DATABASES",
    "STORAGES",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "SECRET_KEY",
    "SALT_KEY",
    "PASSEND_PSEUDONYM_KEY",
    "PASSEND_AUDIT_KEY",
    "ALLOWED_HOSTS",
    "STATIC_ROOT",
    "WHITENOISE_USE_FINDERS",
    "MEDIA_ROOT",
    "PASSWORD_HASHERS",
}


@pytest.fixture
def production(monkeypatch):
    """Every setting of passend.settings.production (its security behaviour: DEBUG off, HTTPS
    only, __Host- cookies, no demo exemption), on the test database."""
    for name, value in {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": "sqlite:///:memory:",
        "PASSEND_FIELD_SALT_KEYS": secrets.token_urlsafe(24),
        "PASSEND_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "PASSEND_AUDIT_KEY": secrets.token_urlsafe(32),
    }.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.find_spec("passend.settings.production")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    overrides = {
        name: getattr(module, name)
        for name in dir(module)
        if name.isupper()
        and name not in KEEP
        and getattr(module, name) != getattr(django_settings, name, object())
    }
    assert module.DEBUG is False and overrides["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert overrides["SECURE_SSL_REDIRECT"] is True
    with override_settings(**overrides):
        yield


def https_client(client):
    client.defaults["wsgi.url_scheme"] = "https"
    client.defaults["SERVER_PORT"] = "443"
    return client


def password_login(client, user):
    response = client.post(
        "/inloggen/", {"username": user.username, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302, response.status_code
    return client


def test_password_alone_cannot_link_a_new_authenticator(production, tenancy, client):
    """The reported bypass: a password-only session opened the enrolment page although the user
    had a confirmed authenticator, got a new secret, and one code verified the session."""
    user = tenancy.a.users[Role.VOORZITTER]
    confirmed_device(user)
    client = https_client(password_login(client, user))

    page = client.get("/account/tweestapsverificatie/", secure=True)
    assert page.status_code == 302 and page["Location"] == "/inloggen/tweede-stap/"
    post = client.post("/account/tweestapsverificatie/", {"token": "123456"}, secure=True)
    assert post.status_code == 302 and post["Location"] == "/inloggen/tweede-stap/"
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists(), "no new secret"
    assert TOTPDevice.objects.filter(user=user).count() == 1

    case_list = client.get(f"/teams/{tenancy.a.team.slug}/casussen/", secure=True)
    assert case_list.status_code == 302 and case_list["Location"] == "/inloggen/tweede-stap/"
    api = client.get("/api/v1/cases", secure=True)
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    token = client.post(
        "/api/v1/auth/token",
        {"username": user.username, "password": PASSWORD},
        "application/json",
        secure=True,
    )
    assert token.status_code == 401 and "otp" in token.json()["detail"]


def test_first_enrolment_is_logged_and_emailed(production, tenancy, client):
    user = tenancy.a.users[Role.TEAMLID]
    client = https_client(password_login(client, user))
    assert client.get("/account/tweestapsverificatie/", secure=True).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        "/account/tweestapsverificatie/", {"token": current_code(device)}, secure=True
    )
    assert response.status_code == 302
    entry = AccessLogEntry.objects.get(subject_type="tweede factor", action="create")
    assert entry.user == user and entry.subject_id == str(user.pk)
    assert entry.outcome == Outcome.ALLOWED and entry.roles, "the actor's role is recorded"
    assert mail.outbox == []  # the worker sends it
    run_jobs()
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "authenticator" in mail.outbox[0].subject


def test_verified_session_may_replace_the_authenticator(tenancy, as_user):
    user = tenancy.a.users[Role.SCREENER]
    client = as_user(user)  # verified with its confirmed device
    old = TOTPDevice.objects.get(user=user, confirmed=True)
    page = client.get("/account/tweestapsverificatie/")
    assert page.status_code == 200 and "nieuwe authenticator" in page.content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/account/tweestapsverificatie/", {"token": current_code(new)}).status_code
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists(), "the old app no longer works"
    run_jobs()
    assert len(mail.outbox) == 1


def test_beheerder_resets_a_lost_authenticator(production, tenancy, client):
    member = tenancy.a.users[Role.TEAMLID]
    confirmed_device(member)
    beheerder = tenancy.a.users[Role.BEHEERDER]
    device = confirmed_device(beheerder)
    client = https_client(password_login(client, beheerder))
    client.post("/inloggen/tweede-stap/", {"token": current_code(device)}, secure=True)

    url = f"/teams/{tenancy.a.team.slug}/leden/{member.pk}/tweede-factor-resetten/"
    detail = client.get(f"/teams/{tenancy.a.team.slug}/leden/{member.pk}/", secure=True)
    assert url in detail.content.decode()
    response = client.post(url, secure=True)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    entry = AccessLogEntry.objects.get(subject_type="tweede factor", action="delete")
    assert entry.user == beheerder and entry.team == tenancy.a.team
    assert entry.subject_id == str(member.pk) and entry.roles == "beheerder"
    assert mail.outbox == []
    run_jobs()
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "tweede factor is gereset" in mail.outbox[0].subject

    # The member now links a new authenticator at the next login with the password.
    member_client = https_client(password_login(client.__class__(), member))
    page = member_client.get("/account/tweestapsverificatie/", secure=True)
    assert page.status_code == 200


@pytest.mark.parametrize("role", [Role.VOORZITTER, Role.TEAMLID, Role.AANMELDER])
def test_only_the_beheerder_resets(tenancy, as_user, role):
    member = tenancy.a.users[Role.TEAMLID]
    confirmed_device(member)
    client = as_user(tenancy.a.users[role])
    url = f"/teams/{tenancy.a.team.slug}/leden/{member.pk}/tweede-factor-resetten/"
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=member).exists()


def test_beheerder_of_another_team_cannot_reset(tenancy, as_user):
    member = tenancy.a.users[Role.TEAMLID]
    confirmed_device(member)
    client = as_user(tenancy.b.users[Role.BEHEERDER])
    for team in (tenancy.a.team, tenancy.b.team):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        url = f"/teams/{team.slug}/leden/{member.pk}/tweede-factor-resetten/"
        assert client.post(url).status_code == 404
        assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 1
    assert TOTPDevice.objects.filter(user=member).exists()
    run_jobs()
    assert mail.outbox == []


def _token(client, user) -> dict:
    device = confirmed_device(user)
    body = {"username": user.username, "password": PASSWORD, "otp": current_code(device)}
    response = client.post("/api/v1/auth/token", body, "application/json")
    assert response.status_code == 201, response.content
    return {"HTTP_AUTHORIZATION": f"Token {response.json()['token']}"}


def test_api_token_lapses_after_the_idle_timeout(tenancy, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        auth = _token(client, tenancy.a.users[Role.VOORZITTER])
        for _ in range(3):  # used every 25 minutes: stays valid
            clock.shift(dt.timedelta(minutes=25))
            assert client.get("/api/v1/teams", **auth).status_code == 200
        clock.shift(dt.timedelta(minutes=31))  # idle longer than 30 minutes
        idle = client.get("/api/v1/teams", **auth)
        assert idle.status_code == 401 and idle["Content-Type"] == "application/problem+json"


def test_api_token_has_an_absolute_maximum(tenancy, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        auth = _token(client, tenancy.a.users[Role.VOORZITTER])
        for _ in range(8 * 3 - 1):  # every 20 minutes for just under 8 hours
            clock.shift(dt.timedelta(minutes=20))
            assert client.get("/api/v1/teams", **auth).status_code == 200
        clock.shift(dt.timedelta(minutes=21))  # 8 hours and 1 minute after it was issued
        assert client.get("/api/v1/teams", **auth).status_code == 401
