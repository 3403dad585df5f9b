"""The demo profile (settings/demo.py, `python3 dev.py run`) behaves like production: DEBUG
off, the own error pages (never a debug page), with only the demo conveniences: demo users
without a second factor and a "demo" label on every page."""

import importlib

import pytest
from django.test import override_settings
from django.urls import path

from passend import urls as project_urls

pytestmark = pytest.mark.django_db

LABEL = "Dit is een demo-omgeving met verzonnen gegevens."
DEBUG_PAGE_MARKS = ("Traceback", "DEBUG = True", "technical_500", "Request Method:")


def fails(request):
    raise RuntimeError("a bug")


# The project's routes and error handlers, with one view that fails.
urlpatterns = [path("kapot/", fails), *project_urls.urlpatterns]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture(scope="module")
def demo():
    return importlib.import_module("passend.settings.demo")


@pytest.fixture
def as_demo(demo):
    with override_settings(
        DEBUG=demo.DEBUG,
        PASSEND_DEMO_LABEL=demo.PASSEND_DEMO_LABEL,
        PASSEND_2FA_EXEMPT_DEMO_USERS=demo.PASSEND_2FA_EXEMPT_DEMO_USERS,
        ROOT_URLCONF=__name__,
    ):
        yield


def test_the_demo_profile_is_production_like_with_only_the_demo_conveniences(demo):
    assert demo.DEBUG is False
    assert demo.PASSEND_DEMO_LABEL is True
    assert demo.PASSEND_2FA_EXEMPT_DEMO_USERS is True
    assert demo.SESSION_COOKIE_HTTPONLY and demo.CSRF_COOKIE_HTTPONLY
    assert demo.ALLOWED_HOSTS == ["127.0.0.1", "localhost"]
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in demo.MIDDLEWARE
    assert demo.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise.")
    assert demo.LOGGING["formatters"]["passend"]["()"].__name__ == "json_formatter"


def test_production_has_no_demo_label(settings):
    assert settings.PASSEND_DEMO_LABEL is False
    base = importlib.import_module("passend.settings.base")
    assert base.PASSEND_DEMO_LABEL is False and base.PASSEND_2FA_EXEMPT_DEMO_USERS is False


def test_the_login_page_carries_the_demo_label(client, as_demo):
    body = client.get("/inloggen/").content.decode()
    assert LABEL in body
    assert '<strong class="passend-demo-label__tag">Demo</strong>' in body
    # In the header, before the page's own content: read first by a screen reader too.
    assert body.index(LABEL) < body.index('id="inhoud"')


def test_without_the_demo_profile_there_is_no_label(client):
    assert LABEL not in client.get("/inloggen/").content.decode()


def test_a_missing_page_is_the_own_404_with_the_label(client, as_demo):
    response = client.get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<title>Pagina niet gevonden – Passend</title>" in body
    assert LABEL in body
    assert not any(mark in body for mark in DEBUG_PAGE_MARKS)


def test_a_bug_is_the_own_500_with_the_label_not_a_debug_page(client, as_demo):
    client.raise_request_exception = False
    response = client.get("/kapot/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "<title>Er ging iets mis – Passend</title>" in body
    assert LABEL in body
    assert "a bug" not in body
    assert not any(mark in body for mark in DEBUG_PAGE_MARKS)
