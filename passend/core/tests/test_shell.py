"""The UI shell: Dutch by default, English selectable, security headers, health check."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from passend.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_and_accessible(client):
    response = client.get("/inloggen/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in body
    assert "Inloggen bij Passend" in body
    assert 'href="#inhoud"' in body and 'id="inhoud"' in body, "skip link to main"
    assert "<main" in body and "<header" in body and "<footer" in body
    assert '<label class="utrecht-form-label" for="id_username">' in body
    username = re.search(r"<input[^>]*id=\"id_username\"[^>]*>", body).group(0)
    assert 'aria-required="true"' in username, "required is announced"
    assert " required" not in username, "no native required: the theme would flag it before typing"


def test_browser_language_does_not_override_dutch(client):
    body = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Inloggen bij Passend" in body


def test_english_is_selectable(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    body = client.get("/inloggen/").content.decode()
    assert '<html lang="en"' in body
    assert "Log in to Passend" in body


def test_security_headers(client):
    response = client.get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passend.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": "sqlite:///:memory:",
        "DJANGO_ALLOWED_HOSTS": "passend.example.org",
        "PASSEND_FIELD_SALT_KEYS": secrets.token_urlsafe(24),
        "PASSEND_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "PASSEND_AUDIT_KEY": secrets.token_urlsafe(32),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "passend.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_healthz_answers(client):
    # Alive only; the database, cache, migrations and worker are /readyz (test_health.py).
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_team_home_shows_modules_by_capability(tenancy, as_user):
    slug = tenancy.a.team.slug
    voorzitter = as_user(tenancy.a.users[Role.VOORZITTER]).get(f"/teams/{slug}/").content.decode()
    assert f"/teams/{slug}/toegangslog/" in voorzitter and f"/teams/{slug}/leden/" in voorzitter
    adviser = as_user(tenancy.a.users[Role.BELEIDSADVISEUR]).get(f"/teams/{slug}/").content.decode()
    assert f"/teams/{slug}/leden/" not in adviser
    assert f"/teams/{slug}/toegangslog/" not in adviser


def test_unknown_page_is_dutch_404_and_api_404_is_problem_json(client):
    page = client.get("/bestaat-niet/")
    assert page.status_code == 404 and "Pagina niet gevonden" in page.content.decode()
    api = client.get("/api/v1/bestaat-niet")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/problem+json"
    assert api["API-Version"] == "1.0.0"
    assert api.json()["status"] == 404
    slash = client.get("/api/v1/teams/")
    assert slash.status_code == 404, "no trailing slashes in the API"


def test_nothing_with_personal_data_is_cached_and_no_browser_feature_is_allowed(tenancy, as_user):
    from passend.cases.tests.factories import CasusFactory

    casus = CasusFactory(team=tenancy.a.team)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    slug = tenancy.a.team.slug
    for url in (
        f"/teams/{slug}/casussen/{casus.pk}/",
        f"/teams/{slug}/casussen/{casus.pk}/toestemmingsformulier.pdf",
        f"/api/v1/cases/{casus.pk}",
        "/inloggen/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 503), url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, url
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_english_catalogue_is_complete(tmp_path):
    """Every string in the code has an English translation, none is a fuzzy guess: the
    catalogue is extracted afresh (makemessages on a copy of the tree) and compared."""
    root = Path(settings.BASE_DIR)
    shutil.copytree(root / "passend", tmp_path / "passend", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tmp_path,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "passend.settings.test"},
        check=True,
        capture_output=True,
    )
    committed = polib.pofile(str(root / "passend/locale/en/LC_MESSAGES/django.po"))
    fresh = polib.pofile(str(tmp_path / "passend/locale/en/LC_MESSAGES/django.po"))
    known = {(e.msgctxt, e.msgid) for e in committed if e.translated()}
    missing = [e.msgid for e in fresh if (e.msgctxt, e.msgid) not in known]
    fuzzy = [e.msgid for e in committed if "fuzzy" in e.flags]
    assert len(fresh) > 1500
    assert not missing and not fuzzy, (missing + fuzzy)[:10]
