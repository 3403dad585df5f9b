"""Login journeys: password + TOTP, lockout, idle timeout, API tokens."""

import time

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.roles import Role
from passend.conftest import PASSWORD
from passend.core.tests.factories import confirmed_device

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def password_login(client, user, password=PASSWORD):
    return client.post("/inloggen/", {"username": user.username, "password": password})


def test_first_login_enrols_authenticator_then_opens_team(tenancy, client):
    user = tenancy.a.users[Role.VOORZITTER]
    assert password_login(client, user)["Location"] == "/"
    # Personal data roles get nowhere before the second factor is set up.
    response = client.get(f"/teams/{tenancy.a.team.slug}/leden/")
    assert response["Location"] == "/account/tweestapsverificatie/"
    page = client.get("/account/tweestapsverificatie/")
    assert page.status_code == 200
    assert b"<svg" in page.content, "QR code shown"
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post("/account/tweestapsverificatie/", {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    letters = client.post("/account/tweestapsverificatie/", {"token": "12ab56"})
    assert "alleen uit cijfers" in letters.content.decode()

    # A wrong code throttles the device (django-otp backs off); let the back-off pass.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()
    ok = client.post("/account/tweestapsverificatie/", {"token": current_code(device)})
    assert ok.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(f"/teams/{tenancy.a.team.slug}/leden/").status_code == 200


def test_enrolled_user_must_enter_code_after_password(tenancy, client):
    user = tenancy.a.users[Role.SCREENER]
    device = confirmed_device(user)
    password_login(client, user)
    response = client.get(f"/teams/{tenancy.a.team.slug}/")
    assert response["Location"] == "/inloggen/tweede-stap/"
    api = client.get("/api/v1/teams")
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    response = client.post("/inloggen/tweede-stap/", {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get(f"/teams/{tenancy.a.team.slug}/").status_code == 200


def test_roles_without_personal_data_need_no_second_factor(tenancy, client):
    password_login(client, tenancy.a.users[Role.BELEIDSADVISEUR])
    assert client.get(f"/teams/{tenancy.a.team.slug}/").status_code == 200


def test_demo_exemption_only_when_the_setting_allows_it(tenancy, client):
    user = tenancy.a.users[Role.TEAMLID]
    user.is_demo = True
    user.save()
    password_login(client, user)
    assert client.get(f"/teams/{tenancy.a.team.slug}/").status_code == 302
    with override_settings(PASSEND_2FA_EXEMPT_DEMO_USERS=True):
        assert client.get(f"/teams/{tenancy.a.team.slug}/").status_code == 200


def test_wrong_password_keeps_username_and_explains(tenancy, client):
    response = password_login(client, tenancy.a.users[Role.TEAMLID], password="fout")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord is onjuist." in body
    assert f'value="{tenancy.a.users[Role.TEAMLID].username}"' in body


def test_lockout_after_five_failures_even_with_right_password(tenancy, client):
    user = tenancy.a.users[Role.TEAMLID]
    for _ in range(5):
        password_login(client, user, password="fout")
    response = password_login(client, user)
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()


def test_api_token_login_with_second_factor(tenancy, client):
    user = tenancy.a.users[Role.VOORZITTER]
    device = confirmed_device(user)
    url = "/api/v1/auth/token"
    no_otp = client.post(url, {"username": user.username, "password": PASSWORD}, "application/json")
    assert no_otp.status_code == 401
    assert no_otp["Content-Type"] == "application/problem+json"
    assert "otp" in no_otp.json()["detail"]

    body = {"username": user.username, "password": PASSWORD, "otp": current_code(device)}
    response = client.post(url, body, "application/json")
    assert response.status_code == 201, response.content
    token = response.json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get("/api/v1/teams", **auth).status_code == 200
    assert client.delete(url, **auth).status_code == 204
    revoked = client.get("/api/v1/teams", **auth)
    assert revoked.status_code == 401 and revoked["Content-Type"] == "application/problem+json"


def test_api_token_errors_are_problem_json(tenancy, client):
    url = "/api/v1/auth/token"
    wrong = client.post(
        url, {"username": "voorzitter.alfa", "password": "fout"}, "application/json"
    )
    assert wrong.status_code == 401
    assert wrong.json()["title"] and wrong.json()["status"] == 401
    assert wrong["API-Version"] == "1.0.0"
    missing = client.post(url, {"otp": "12"}, "application/json")
    assert missing.status_code == 400
    names = {p["name"] for p in missing.json()["invalidParams"]}
    assert names == {"username", "password", "otp"}
    garbage = client.post(url, "{not json", "application/json")
    assert garbage.status_code == 400 and garbage["Content-Type"] == "application/problem+json"


def test_api_lockout_is_problem_json(tenancy, client):
    url = "/api/v1/auth/token"
    for _ in range(5):
        client.post(url, {"username": "teamlid.alfa", "password": "fout"}, "application/json")
    body = {"username": "teamlid.alfa", "password": PASSWORD}
    response = client.post(url, body, "application/json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"


def test_idle_session_is_logged_out(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/teams/{tenancy.a.team.slug}/"
    assert client.get(url).status_code == 200
    session = client.session
    session["passend_last_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert client.get(url).status_code == 302


def test_logout_needs_post_and_ends_session(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert client.get("/uitloggen/").status_code == 405
    client.post("/uitloggen/")
    assert client.get(f"/teams/{tenancy.a.team.slug}/").status_code == 302
