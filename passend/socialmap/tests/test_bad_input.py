"""Bad input to the sociale kaart is never a 500 and never stored. In the API a body that is not
an object, missing or absurd weeks, a date the domain cannot have (before 2000, in the future)
and absurd query parameters answer 400 problem+json with invalidParams; on the page the same
date is refused next to its field, with what was entered kept."""

import json

import pytest

from passend.accounts.roles import Role
from passend.socialmap.models import Wachttijd

from .helpers import make_offer, provider

pytestmark = pytest.mark.django_db

HUGE = 10**30
LEVELS = {"weeksToRegistration": 1, "weeksToIntake": 3, "weeksToTreatment": 6}


def assert_400(response, *names):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/problem+json"
    params = response.json()["invalidParams"]
    assert params, "every 400 names what is wrong"
    for name in names:  # a list's item is named "needs.0"
        assert any(p["name"].split(".")[0] == name for p in params), (name, params)
    return params


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ([], ()),
        ([LEVELS], ()),
        (True, ()),
        ("tekst", ()),
        (None, ()),
        ({}, ("weeksToRegistration", "weeksToIntake", "weeksToTreatment")),
        ({**LEVELS, "weeksToTreatment": None}, ("weeksToTreatment",)),
        ({**LEVELS, "weeksToTreatment": HUGE}, ("weeksToTreatment",)),
        ({**LEVELS, "weeksToTreatment": -1}, ("weeksToTreatment",)),
        ({**LEVELS, "weeksToTreatment": "zes"}, ("weeksToTreatment",)),
        ({**LEVELS, "weeksToTreatment": 6.5}, ("weeksToTreatment",)),
        ({**LEVELS, "weeksToTreatment": [6]}, ("weeksToTreatment",)),
        ({**LEVELS, "weeksToTreatment": {"a": 1}}, ("weeksToTreatment",)),
        ({**LEVELS, "confirmedOn": "0001-01-01"}, ("confirmedOn",)),
        ({**LEVELS, "confirmedOn": "1899-12-31"}, ("confirmedOn",)),
        ({**LEVELS, "confirmedOn": "9999-12-31"}, ("confirmedOn",)),
        ({**LEVELS, "confirmedOn": "31-02-2025"}, ("confirmedOn",)),
        ({**LEVELS, "confirmedOn": 20250101}, ("confirmedOn",)),
        ({**LEVELS, "locationId": HUGE}, ("locationId",)),
        ({**LEVELS, "locationId": -5}, ("locationId",)),
        ({**LEVELS, "locationId": "hier"}, ("locationId",)),
        ({**LEVELS, "note": "x" * 301}, ("note",)),
        ({**LEVELS, "note": ["lijst"]}, ("note",)),
    ],
)
def test_waiting_time_post_with_bad_body_is_400(tenancy, as_user, body, names):
    offer = make_offer(provider(tenancy, "a"), tenancy.a.team)
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    response = client.post(
        f"/api/v1/socialmap/offers/{offer.pk}/waiting-times",
        json.dumps(body),
        content_type="application/json",
    )
    assert_400(response, *names)
    assert Wachttijd.objects.filter(aanbod=offer).count() == 1, "nothing was written"


def test_waiting_time_post_with_broken_json_is_400(tenancy, as_user):
    offer = make_offer(provider(tenancy, "a"), tenancy.a.team)
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    response = client.post(
        f"/api/v1/socialmap/offers/{offer.pk}/waiting-times",
        '{"weeksToRegistration": 1,',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_waiting_times_of_an_absurd_offer_id_are_404_not_500(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    for method in ("get", "post"):
        response = getattr(client, method)(
            f"/api/v1/socialmap/offers/{HUGE}/waiting-times",
            LEVELS,
            content_type="application/json",
        )
        assert response.status_code == 404, (method, response.status_code)
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"teamId": HUGE}, "teamId"),
        ({"teamId": -1}, "teamId"),
        ({"teamId": "team"}, "teamId"),
        ({"gemeenteId": HUGE}, "gemeenteId"),
        ({"age": HUGE}, "age"),
        ({"age": -1}, "age"),
        ({"age": "veertien"}, "age"),
        ({"maxWeeks": HUGE}, "maxWeeks"),
        ({"maxWeeks": "1e3"}, "maxWeeks"),
        ({"withStay": "misschien"}, "withStay"),
        ({"voorliggendVeld": "2"}, "voorliggendVeld"),
        ({"hulpvorm": "99"}, "hulpvorm"),
        ({"productcategorie": "x" * 500}, "productcategorie"),
        ({"needs": "x" * 41}, "needs"),
        ({"needs": ["opvoeding"] * 500}, "needs"),
        ({"needs": "onbekend"}, "needs"),
        ({"attention": "onbekend"}, "attention"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_offer_search_with_absurd_query_is_400(tenancy, as_user, query, name):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    params = {"teamId": tenancy.a.team.pk, **query}
    response = client.get("/api/v1/socialmap/offers", params)
    assert_400(response, name)


@pytest.mark.parametrize("path", ["organisations", "offers"])
@pytest.mark.parametrize("team_id", [HUGE, -1, "team"])
def test_map_lists_and_details_with_absurd_team_are_400(tenancy, as_user, path, team_id):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert_400(client.get(f"/api/v1/socialmap/{path}", {"teamId": team_id}), "teamId")
    assert_400(client.get(f"/api/v1/socialmap/{path}/1", {"teamId": team_id}), "teamId")
    waiting = client.get("/api/v1/socialmap/offers/1/waiting-times", {"teamId": team_id})
    assert_400(waiting, "teamId")


@pytest.mark.parametrize("path", ["organisations", "offers"])
def test_map_details_with_absurd_id_are_404(tenancy, as_user, path):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(f"/api/v1/socialmap/{path}/{HUGE}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_waiting_time_page_refuses_a_date_before_2000_and_keeps_the_input(tenancy, as_user, day):
    offer = make_offer(provider(tenancy, "a"), tenancy.a.team)
    client = as_user(tenancy.a.users[Role.COORDINATOR_SK])
    url = f"/teams/{tenancy.a.team.slug}/sociale-kaart/beheer/aanbod/{offer.pk}/wachttijden/"
    response = client.post(
        url,
        {
            "location": "",
            "weeks_to_registration": 1,
            "weeks_to_intake": 3,
            "weeks_to_treatment": 6,
            "note": "Na de zomer",
            "confirmed_on": day,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["confirmed_on"] == [
        "De datum van bevestiging kan niet vóór 01-01-2000 liggen."
    ]
    assert form["note"].value() == "Na de zomer", "what was entered stays"
    assert Wachttijd.objects.filter(aanbod=offer).count() == 1
