"""Self-registration (zelfmelding) by a young person or parent: web form and API."""

import datetime as dt
import re
import time
from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.core.signing import TimestampSigner
from django.utils import timezone
from django.utils.html import escape

from passend.audit.models import AccessLogEntry
from passend.cases.api.public import PublicRegistrationView
from passend.cases.forms import public
from passend.cases.models import Casus
from passend.cases.views import public as public_views

API = "/api/v1/public/registrations"
VALID_BSN = "111222333"  # passes the elfproef


@pytest.fixture(autouse=True)
def _empty_cache(db):
    """django-ratelimit and the DRF throttle count in the default cache (the database)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team(tenancy):
    team = tenancy.a.team
    team.self_registration_enabled = True
    team.save(update_fields=["self_registration_enabled"])
    return team


@pytest.fixture
def closed_team(tenancy):
    assert not tenancy.b.team.self_registration_enabled
    return tenancy.b.team


def url(team) -> str:
    return f"/aanmelden/{team.slug}/"


def form_token(team, *, age: float = 30, slug: str | None = None) -> str:
    """A token as if the form had been handed out `age` seconds ago (time mocked for the
    signer only)."""
    issued = time.time() - age
    with patch("time.time", return_value=issued):
        return TimestampSigner(salt=public.TOKEN_SALT).sign(slug or team.slug)


def form_data(team, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "filled_in_by": "ouder",
        "first_name": "Fenna",
        "last_name": "Strandloper",
        "birth_date": today.replace(year=today.year - 13).isoformat(),
        "gemeente": str(team.gemeenten.first().pk),
        "living_situation": "thuis",
        "address": "Duinweg 4, 9999 ZZ Kustdorp",
        "bsn": VALID_BSN,
        "question": "Ze wil weer naar school en thuis wonen.",
        "care_history": "Twee jaar jeugdhulp, een tijd op een wachtlijst.",
        "contact_first_name": "Mara",
        "contact_last_name": "Strandloper",
        "contact_relation": "moeder",
        "contact_has_gezag": "on",
        "contact_phone": "06 12345678",
        "contact_email": "",
        "youth_informed": "on",
        "parents_informed": "on",
        "website": "",
        "form_token": form_token(team),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def html(response) -> str:
    return response.content.decode()


def checked(page: str, name: str, value: str | None = None) -> bool:
    """Whether the checkbox or radio button `name` (with `value`) is rendered checked."""
    for tag in re.findall(r"<input\b[^>]*>", page):
        if f'name="{name}"' in tag and (value is None or f'value="{value}"' in tag):
            return bool(re.search(r"\schecked(\s|>|=)", tag))
    raise AssertionError(f"no input {name}={value}")


# --- Web form -----------------------------------------------------------------------------


def test_form_page_is_public_with_hidden_honeypot_and_signed_token(team, client):
    response = client.get(url(team))
    assert response.status_code == 200
    page = html(response)
    assert team.name in page
    honeypot = page.split('class="passend-visually-hidden" aria-hidden="true"')[1].split("</div>")[
        0
    ]
    assert "Laat dit veld leeg" in honeypot
    assert 'name="website"' in honeypot and 'tabindex="-1"' in honeypot
    assert 'type="hidden" name="form_token"' in page
    assert "De jeugdige weet van deze aanmelding" in page
    assert "De ouders/verzorgers weten van deze aanmelding" in page
    assert "Wat wil je? Waar loop je tegenaan?" in page
    assert "Je hoeft nu nog niets te tekenen" in page
    for view in (public_views.PublicRegistrationView, public_views.PublicRegistrationDoneView):
        assert view.personal_data is False


def test_happy_path_creates_a_submitted_self_registration(team, client):
    response = client.post(url(team), form_data(team))
    assert response.status_code == 302
    assert response["Location"] == f"/aanmelden/{team.slug}/ontvangen/"

    casus = Casus.objects.get()
    assert casus.team == team
    assert casus.self_registration is True
    assert casus.filled_in_by == "ouder"
    assert casus.state == "aangemeld" and casus.is_draft is False
    assert casus.referrer_type == "L3"
    assert casus.aanmelder is None
    assert (casus.first_name, casus.last_name, casus.bsn) == ("Fenna", "Strandloper", VALID_BSN)
    assert casus.youth_informed and casus.parents_informed
    assert casus.question.startswith("Ze wil weer naar school")
    assert casus.living_situation == "thuis" and not casus.sectors.exists(), "no sectors asked"
    parent = casus.ouders.get()
    assert (parent.first_name, parent.relation, parent.has_gezag) == ("Mara", "moeder", True)
    assert parent.phone == "06 12345678" and parent.email is None
    entry = casus.transitions.get()
    assert (entry.to_state, entry.actor, entry.reason) == ("aangemeld", None, "zelfmelding")
    logged = AccessLogEntry.objects.filter(subject_type="casus", subject_id=str(casus.pk))
    assert logged.exists()
    assert all(e.username == "(anoniem)" and e.user is None for e in logged)
    assert all(url(team) in e.access_point for e in logged)

    done = client.get(response["Location"])
    assert done.status_code == 200
    page = html(done)
    assert casus.reference in page
    assert "Wat gebeurt er nu?" in page
    for personal in ("Fenna", "Strandloper", "Mara", "06 12345678", VALID_BSN, "Duinweg"):
        assert personal not in page
    assert casus.reference not in html(client.get(response["Location"])), "shown once"


def test_closed_team_shows_the_message_and_stores_nothing(closed_team, client):
    response = client.get(url(closed_team))
    assert response.status_code == 200
    assert escape(str(public.CLOSED_MESSAGE)) in html(response)
    assert "Dit expertteam neemt geen zelfmeldingen aan." in html(response)
    assert 'name="first_name"' not in html(response)

    posted = client.post(url(closed_team), form_data(closed_team))
    assert posted.status_code == 200
    assert "Dit expertteam neemt geen zelfmeldingen aan." in html(posted)
    assert not Casus.objects.exists()
    assert client.get(f"/aanmelden/{closed_team.slug}/ontvangen/").status_code == 200


def test_unknown_team_is_404(db, client):
    assert client.get("/aanmelden/bestaat-niet/").status_code == 404
    assert client.get("/aanmelden/bestaat-niet/ontvangen/").status_code == 404


def test_validation_errors_keep_every_value_and_are_dutch(team, client):
    future = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    data = form_data(
        team,
        filled_in_by="jeugdige",
        first_name="Sem & Jip",
        last_name="O'Duin",
        birth_date=future,
        bsn="123456789",
        contact_phone="",
        contact_email="",
        contact_relation="voogd",
        contact_has_gezag=None,
        question='Ik wil "gewoon" naar school.',
        care_history="Gesprekken op school <en> thuis.",
    )
    response = client.post(url(team), data)
    assert response.status_code == 200
    assert not Casus.objects.exists()
    page = html(response)
    for name in (
        "first_name",
        "last_name",
        "birth_date",
        "address",
        "bsn",
        "contact_first_name",
        "contact_last_name",
    ):
        assert f'value="{escape(data[name])}"' in page, name
    assert escape(data["question"]) in page and escape(data["care_history"]) in page
    assert f'value="{data["gemeente"]}" selected' in page
    assert 'value="voogd" selected' in page
    assert checked(page, "filled_in_by", "jeugdige")
    assert not checked(page, "filled_in_by", "ouder")
    assert checked(page, "youth_informed") and checked(page, "parents_informed")
    assert not checked(page, "contact_has_gezag")
    assert "Dit is geen geldig BSN (elfproef klopt niet)." in page
    assert "De geboortedatum ligt in de toekomst." in page
    assert "Vul een telefoonnummer of een e-mailadres in" in page
    assert "Controleer de invoer" in page
    assert 'aria-invalid="true"' in page
    assert 'id="id_bsn-error"' in page
    # The form can be sent again: a fresh token, never the one that came in.
    assert data["form_token"] not in page


def test_required_fields_have_dutch_messages(team, client):
    response = client.post(url(team), {"form_token": form_token(team)})
    page = html(response)
    assert not Casus.objects.exists()
    for message in (
        "Kies wie dit formulier invult.",
        "Vul de voornaam van de jeugdige in.",
        "Vul de geboortedatum van de jeugdige in.",
        "Kies de gemeente waar de jeugdige woont.",
        "Schrijf op wat je wilt of waar je tegenaan loopt.",
        "De jeugdige moet weten van de aanmelding.",
        "De ouders of verzorgers moeten weten van de aanmelding.",
    ):
        assert message in page, message


def test_gemeente_outside_the_werkgebied_is_refused(team, tenancy, client):
    other = tenancy.b.team.gemeenten.first()
    response = client.post(url(team), form_data(team, gemeente=str(other.pk)))
    assert response.status_code == 200
    assert "Kies een gemeente uit de lijst." in html(response)
    assert not Casus.objects.exists()


def test_filled_honeypot_stores_nothing(team, client):
    response = client.post(url(team), form_data(team, website="https://spam.example"))
    assert response.status_code == 200
    assert escape(str(public.REFUSED_MESSAGE)) in html(response)
    assert "https://spam.example" not in html(response)
    assert not Casus.objects.exists()
    assert not AccessLogEntry.objects.filter(subject_type="casus").exists()


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (lambda team: form_token(team, age=0.5), public.TOO_FAST_MESSAGE),
        (lambda team: form_token(team, age=-60), public.TOO_FAST_MESSAGE),
        (lambda team: form_token(team, age=2 * 3600 + 5), public.EXPIRED_MESSAGE),
        (lambda team: form_token(team) + "x", public.REFUSED_MESSAGE),
        (lambda team: form_token(team).replace(team.slug, "team-beta"), public.REFUSED_MESSAGE),
        (lambda team: form_token(team, slug="team-beta"), public.REFUSED_MESSAGE),
        (lambda team: TimestampSigner().sign(team.slug), public.REFUSED_MESSAGE),
        (lambda team: "", public.REFUSED_MESSAGE),
    ],
    ids=["too-fast", "future", "expired", "tampered", "swapped", "other-team", "salt", "none"],
)
def test_form_token_checks_store_nothing(team, client, token, message):
    data = form_data(team, form_token=token(team))
    response = client.post(url(team), data)
    assert response.status_code == 200
    page = html(response)
    assert escape(str(message)) in page
    assert f'value="{escape(data["first_name"])}"' in page, "the entered values stay"
    assert not Casus.objects.exists()


def test_refused_form_comes_back_with_a_fresh_token(team, client):
    old = form_token(team, age=2 * 3600 + 5)
    response = client.post(url(team), form_data(team, form_token=old))
    assert not Casus.objects.exists()
    fresh = html(response).split('name="form_token" value="')[1].split('"')[0]
    assert fresh != old
    assert TimestampSigner(salt=public.TOKEN_SALT).unsign(fresh, max_age=60) == team.slug
    assert public.check_form_token(fresh, team) == str(public.TOO_FAST_MESSAGE), "clock restarts"


def test_rate_limit_after_five_posts_keeps_the_values(team, client):
    for _attempt in range(5):
        response = client.post(url(team), form_data(team, first_name=""))
        assert response.status_code == 200
    response = client.post(url(team), form_data(team, first_name="Vijfde"))
    assert response.status_code == 429
    page = html(response)
    assert escape(str(public.RATE_LIMITED_MESSAGE)) in page
    assert 'value="Vijfde"' in page and 'value="Strandloper"' in page
    assert escape("Ze wil weer naar school en thuis wonen.") in page
    assert not Casus.objects.exists()
    assert client.get(url(team)).status_code == 200, "reading the form is not limited"

    other_address = client.post(url(team), form_data(team), REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302
    assert Casus.objects.count() == 1


# --- API -------------------------------------------------------------------------------------


def api_body(team, /, **overrides) -> dict:
    today = timezone.localdate()
    body = {
        "team": team.slug,
        "filledInBy": "jeugdige",
        "firstName": "Fenna",
        "lastName": "Strandloper",
        "birthDate": today.replace(year=today.year - 15).isoformat(),
        "gemeente": team.gemeenten.first().pk,
        "livingSituation": "netwerk",
        "bsn": VALID_BSN,
        "question": "Ik wil weer naar school.",
        "contact": {
            "firstName": "Mara",
            "lastName": "Strandloper",
            "relation": "moeder",
            "hasGezag": True,
            "email": "mara@voorbeeld.nl",
        },
        "youthInformed": True,
        "parentsInformed": True,
    }
    body.update(overrides)
    return body


def post_api(client, body, **extra):
    return client.post(API, body, content_type="application/json", **extra)


def test_api_happy_path(team, client):
    response = post_api(client, api_body(team))
    assert response.status_code == 201, response.content
    casus = Casus.objects.get()
    assert response.json() == {"reference": casus.reference, "state": "aangemeld"}
    for personal in (b"Fenna", b"Strandloper", b"Mara", VALID_BSN.encode()):
        assert personal not in response.content
    assert casus.self_registration and casus.referrer_type == "L3" and not casus.is_draft
    assert casus.bsn == VALID_BSN and casus.address is None
    parent = casus.ouders.get()
    assert (parent.email, parent.phone, parent.has_gezag) == ("mara@voorbeeld.nl", None, True)
    assert casus.transitions.get().actor is None
    logged = AccessLogEntry.objects.filter(subject_type="casus", subject_id=str(casus.pk))
    assert logged.exists() and all(e.access_point.startswith("api POST") for e in logged)
    assert public_api_view().personal_data is False


def public_api_view():
    return PublicRegistrationView


def test_api_closed_team_is_403_problem(closed_team, client):
    response = post_api(client, api_body(closed_team))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 403
    assert problem["detail"] == str(public.CLOSED_MESSAGE)
    assert not Casus.objects.exists()


def test_api_unknown_team_is_400_on_team(db, client, team):
    response = post_api(client, api_body(team, team="bestaat-niet"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = response.json()["invalidParams"]
    assert [p["name"] for p in params] == ["team"]
    assert params[0]["reason"] == "Dit expertteam bestaat niet."


def test_api_invalid_fields_are_named_in_camel_case(team, client):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    body = api_body(
        team,
        filledInBy="buurman",
        firstName="",
        birthDate=future,
        bsn="123456789",
        contact={"firstName": "Mara", "lastName": "S", "relation": "moeder", "hasGezag": False},
        livingSituation="kasteel",
    )
    del body["question"]
    response = post_api(client, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {
        "filledInBy",
        "firstName",
        "birthDate",
        "bsn",
        "question",
        "contact.phone",
        "livingSituation",
    }
    reasons = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert reasons["birthDate"] == "De geboortedatum ligt in de toekomst."
    assert reasons["bsn"] == "Dit is geen geldig BSN (elfproef klopt niet)."
    assert not Casus.objects.exists()


def test_api_werkgebied_and_informed_flags(team, tenancy, client):
    other = tenancy.b.team.gemeenten.first().pk
    response = post_api(client, api_body(team, gemeente=other, youthInformed=False))
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"gemeente", "youthInformed"}
    assert not Casus.objects.exists()


def test_api_throttle_is_429_problem(team, client):
    for _attempt in range(5):
        assert post_api(client, api_body(team, firstName="")).status_code == 400
    response = post_api(client, api_body(team))
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 429
    assert "te veel aanmeldingen" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert not Casus.objects.exists()
    spoofed = post_api(client, api_body(team), HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert spoofed.status_code == 429, "a forwarded-for header buys no fresh quota"
    assert post_api(client, api_body(team), REMOTE_ADDR="192.0.2.8").status_code == 201
