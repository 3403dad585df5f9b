"""Custom Dutch error pages (DEBUG is off in the test settings): 400, 403, 404 and a 500 that
renders without the session, the user or the database."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import OperationalError

from passend import urls
from passend.accounts.roles import Role
from passend.core import views
from passend.regions.views import TeamHomeView

pytestmark = pytest.mark.django_db


def test_the_handlers_are_wired():
    assert settings.DEBUG is False
    assert urls.handler400 is views.bad_request
    assert urls.handler403 is views.permission_denied
    assert urls.handler404 is views.not_found
    assert urls.handler500 is views.server_error


def page(response) -> tuple[str, str]:
    body = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1).strip()
    return title, body


def test_a_page_across_the_border_is_the_dutch_404(tenancy, as_user):
    response = as_user(tenancy.a.users[Role.VOORZITTER]).get(f"/teams/{tenancy.b.team.slug}/")
    assert response.status_code == 404
    title, body = page(response)
    assert title == "Pagina niet gevonden – Passend"
    assert '<html lang="nl"' in body
    assert "Deze pagina bestaat niet, of u heeft er geen toegang toe." in body
    assert '<a class="utrecht-link" href="/">Naar de startpagina</a>' in body
    assert 'class="passend-nav"' in body, "the own navigation stays, to find the way back"


def test_the_403_page_gives_the_reason_and_the_way_on(tenancy, rf):
    request = rf.get("/teams/x/")
    request.user = tenancy.a.users[Role.AANMELDER]
    response = views.permission_denied(request, PermissionDenied("Alleen de voorzitter mag dit."))
    assert response.status_code == 403
    title, body = page(response)
    assert title == "Geen toegang – Passend"
    assert "Alleen de voorzitter mag dit." in body
    assert "Vraag de beheerder van uw team" in body
    assert 'href="/">Naar de startpagina</a>' in body


def test_a_bad_request_is_the_dutch_400(client):
    response = client.get("/", HTTP_HOST="niet-toegestaan.example")
    assert response.status_code == 400
    title, body = page(response)
    assert title == "Ongeldig verzoek – Passend"
    assert 'href="/">Naar de startpagina</a>' in body


def test_a_crash_is_the_dutch_500_page(tenancy, as_user, monkeypatch):
    def crash(self, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(TeamHomeView, "get_context_data", crash)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    client.raise_request_exception = False
    response = client.get(f"/teams/{tenancy.a.team.slug}/")
    assert response.status_code == 500
    title, body = page(response)
    assert title == "Er ging iets mis – Passend"
    assert "Er ging iets mis aan onze kant. Probeer het later opnieuw." in body
    assert 'href="/">Naar de startpagina</a>' in body
    assert "kapot" not in body, "no internals shown"
    assert "passend-nav" not in body and "set_language" not in body and "Uitloggen" not in body


class BrokenUser:
    """The user of a request whose session or database is what failed."""

    def __get__(self, request, owner=None):
        raise OperationalError("database is down")


def test_the_500_page_needs_no_session_user_or_database(rf, django_assert_num_queries):
    class Request(type(rf.get("/"))):
        user = BrokenUser()

    request = rf.get("/teams/x/")
    request.__class__ = Request
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    title, body = page(response)
    assert title == "Er ging iets mis – Passend"
    assert '<html lang="nl"' in body


def test_the_api_keeps_problem_json_for_a_crash(rf):
    response = views.server_error(rf.get("/api/v1/teams"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"


def test_the_error_pages_render_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    title, body = page(client.get("/bestaat-niet/"))
    assert title == "Page not found – Passend"
    assert '<html lang="en"' in body
