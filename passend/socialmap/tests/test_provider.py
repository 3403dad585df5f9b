"""Tenancy of the waiting times: a provider's employee keeps only its own organisation's
waiting times (UI and API) and sees nothing else; refusals are 404 with one denied entry."""

import pytest

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.socialmap.models import Wachttijd

from .helpers import make_offer, provider

pytestmark = pytest.mark.django_db

LEVELS = {"weeks_to_registration": 1, "weeks_to_intake": 3, "weeks_to_treatment": 6}
API_LEVELS = {"weeksToRegistration": 1, "weeksToIntake": 3, "weeksToTreatment": 6}


@pytest.fixture
def offers(tenancy):
    alfa = make_offer(provider(tenancy, "a"), tenancy.a.team, "Alfa gezinsbegeleiding")
    beta = make_offer(provider(tenancy, "b"), tenancy.b.team, "Beta traumabehandeling")
    return alfa, beta


def denied_count() -> int:
    return AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()


def test_provider_sees_only_own_offers(tenancy, as_user, offers):
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    page = client.get(f"/teams/{tenancy.a.team.slug}/wachttijden/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alfa gezinsbegeleiding" in html and "Klopt nog" in html
    assert "Beta traumabehandeling" not in html and "Zorgaanbieder Beta" not in html


def test_provider_confirms_unchanged_in_one_click(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    response = client.post(
        f"/teams/{tenancy.a.team.slug}/wachttijden/{alfa.pk}/", {"klopt_nog": ""}
    )
    assert response.status_code == 302
    newest = alfa.wachttijden.first()
    assert newest.confirmed_by == tenancy.a.users[Role.AANBIEDER]
    assert (newest.weeks_to_intake, newest.weeks_to_treatment) == (4, 8)
    assert alfa.wachttijden.count() == 2, "every confirmation is a new row (history)"


def test_provider_changes_own_waiting_time(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    url = f"/teams/{tenancy.a.team.slug}/wachttijden/{alfa.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**LEVELS, "location": "", "note": "Extra behandelaar gestart."})
    assert response.status_code == 302
    newest = alfa.wachttijden.first()
    assert (newest.weeks_to_registration, newest.weeks_to_treatment) == (1, 6)
    assert newest.note == "Extra behandelaar gestart."


def test_provider_gets_404_and_one_denied_entry_for_other_organisation(tenancy, as_user, offers):
    _alfa, beta = offers
    user = tenancy.a.users[Role.AANBIEDER]
    client = as_user(user)
    url = f"/teams/{tenancy.a.team.slug}/wachttijden/{beta.pk}/"
    for method in ("get", "post"):
        before = denied_count()
        response = getattr(client, method)(url, {**LEVELS, "klopt_nog": ""})
        assert response.status_code == 404
        assert denied_count() == before + 1
        entry = AccessLogEntry.objects.order_by("-id").first()
        assert (entry.user, entry.subject_type, entry.subject_id) == (user, "aanbod", str(beta.pk))
        assert entry.team == tenancy.a.team, "logged at the team the provider works through"
    assert beta.wachttijden.count() == 1


def test_provider_api_own_offer(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    url = f"/api/v1/socialmap/offers/{alfa.pk}/waiting-times"
    response = client.post(url, API_LEVELS, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["weeksToTreatment"] == 6 and body["outdated"] is False
    assert body["confirmedBy"] == "Zorgaanbieder Alfa", "organisation, never a name"
    history = client.get(url).json()["results"]
    assert [h["weeksToTreatment"] for h in history] == [6, 8], "newest first"


def test_provider_api_other_organisation_is_404_with_one_denied_entry(tenancy, as_user, offers):
    _alfa, beta = offers
    user = tenancy.a.users[Role.AANBIEDER]
    client = as_user(user)
    url = f"/api/v1/socialmap/offers/{beta.pk}/waiting-times"
    for send in (
        lambda: client.get(url),
        lambda: client.post(url, API_LEVELS, content_type="application/json"),
    ):
        before = denied_count()
        response = send()
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert denied_count() == before + 1
        entry = AccessLogEntry.objects.order_by("-id").first()
        assert (entry.user, entry.subject_id, entry.team) == (user, str(beta.pk), tenancy.a.team)
    assert beta.wachttijden.count() == 1


def test_provider_reaches_no_coordinator_page_no_search_and_no_cases(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    slug = tenancy.a.team.slug
    for url in (
        f"/teams/{slug}/sociale-kaart/beheer/",
        f"/teams/{slug}/sociale-kaart/beheer/verouderd/",
        f"/teams/{slug}/sociale-kaart/beheer/aanbod/{alfa.pk}/wachttijden/",
        f"/teams/{slug}/sociale-kaart/",
        f"/teams/{slug}/casussen/",
    ):
        before = denied_count()
        assert client.get(url).status_code == 404, url
        assert denied_count() == before + 1, url
    assert client.get(f"/api/v1/socialmap/offers?teamId={tenancy.a.team.pk}").status_code in (
        403,
        404,
    )


def test_bad_levels_keep_values_with_dutch_messages(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    url = f"/teams/{tenancy.a.team.slug}/wachttijden/{alfa.pk}/"
    bad = {"weeks_to_registration": 5, "weeks_to_intake": 3, "weeks_to_treatment": 2}
    response = client.post(url, {**bad, "note": "Zomerdrukte"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "De wachttijd tot intake kan niet korter zijn dan die tot aanmelding." in html
    assert 'value="Zomerdrukte"' in html and 'value="5"' in html
    assert 'aria-invalid="true"' in html
    assert alfa.wachttijden.count() == 1


def test_api_bad_levels_are_400_with_invalid_params(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.AANBIEDER])
    response = client.post(
        f"/api/v1/socialmap/offers/{alfa.pk}/waiting-times",
        {"weeksToRegistration": 2, "weeksToIntake": 6, "weeksToTreatment": 4},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert params == {
        "weeksToTreatment": "De wachttijd tot start hulp kan niet korter zijn dan die tot intake."
    }
    assert Wachttijd.objects.filter(aanbod=alfa).count() == 1


def test_coordinator_updates_any_offer_in_the_region(tenancy, as_user, offers):
    alfa, beta = offers
    client = as_user(tenancy.a.users[Role.COORDINATOR_SK])
    url = f"/teams/{tenancy.a.team.slug}/sociale-kaart/beheer/aanbod/{beta.pk}/wachttijden/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**LEVELS, "location": "", "confirmed_on": ""})
    assert response.status_code == 302
    assert beta.wachttijden.first().weeks_to_treatment == 6
    api = client.post(
        f"/api/v1/socialmap/offers/{alfa.pk}/waiting-times",
        API_LEVELS,
        content_type="application/json",
    )
    assert api.status_code == 201
    assert api.json()["confirmedBy"] == "coördinator sociale kaart"


def test_team_members_may_read_history_but_not_write(tenancy, as_user, offers):
    alfa, _beta = offers
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/api/v1/socialmap/offers/{alfa.pk}/waiting-times"
    assert client.get(url).status_code == 200
    before = denied_count()
    response = client.post(url, API_LEVELS, content_type="application/json")
    assert response.status_code == 404 and denied_count() == before + 1
