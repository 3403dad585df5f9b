"""Offers chosen from the social map in an advice: form, conflict of interest, tab, letter, API."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies
from passend.advice.pdf import letter_context
from passend.core.refusals import InvalidInput
from passend.core.tests.factories import OrganisationFactory, RegionFactory
from passend.socialmap.models import Aanbiederprofiel, Aanbod, Hulpvraag, Wachttijd

from .conftest import FULL, works_for
from .test_api import camel

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def offer(organisation, name, **fields):
    fields.setdefault("description", f"{name}: uitleg in gewone taal.")
    return Aanbod.objects.create(organisation=organisation, name=name, **fields)


def waiting(aanbod, weeks, days_ago, **fields):
    reg, intake, treatment = weeks
    return Wachttijd.objects.create(
        aanbod=aanbod,
        weeks_to_registration=reg,
        weeks_to_intake=intake,
        weeks_to_treatment=treatment,
        confirmed_on=TODAY - dt.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def offers(world):
    a = world.a
    Aanbiederprofiel.objects.create(
        organisation=a.provider, contact_name="Intake De Linde", contact_phone="010-0000099"
    )
    fresh = offer(a.provider, "Traumabehandeling jeugd (EMDR)")
    fresh.hulpvragen.add(Hulpvraag.objects.get(region=world.a.team.region, code="trauma"))
    waiting(fresh, (3, 9, 20), days_ago=60)  # older row: the trend, not current
    waiting(fresh, (1, 4, 12), days_ago=10)
    stale = offer(a.other, "Ouder-kindbehandeling Zeewind")
    waiting(stale, (0, 2, 5), days_ago=50)  # older than 6 weeks
    unknown = offer(a.other, "Maatjesproject Zeewind", voorliggend_veld=True)
    elsewhere = offer(
        OrganisationFactory(name="Jeugdzorg Elders", regions=[RegionFactory()]), "Elders-aanbod"
    )
    offer(a.provider, "Oud aanbod", active=False)
    return {"fresh": fresh, "stale": stale, "unknown": unknown, "elsewhere": elsewhere}


def base(world):
    return f"/teams/{world.a.team.slug}/casussen/{world.a.casus.pk}/advies/"


def test_an_offer_from_another_region_is_refused(world, offers):
    advies = services.new_advice(world.a.casus, actor=world.a.users[Role.TEAMLID])
    with pytest.raises(InvalidInput, match="eigen jeugdregio"):
        services.save_advice(
            advies, actor=world.a.users[Role.TEAMLID], data=FULL, offers=[offers["elsewhere"]]
        )
    assert not Advies.objects.exists()


def test_a_chosen_offer_triggers_the_conflict_of_interest_check(world, offers):
    a = world.a
    works_for(a.users[Role.TEAMLID], a.team, a.provider)
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=FULL,
        providers=[],
        offers=[offers["fresh"]],
    )
    refusal = services.approval_refusal(advies)
    assert refusal and "belangenverstrengeling" in refusal.lower() and "De Linde" in refusal


def test_next_version_keeps_the_chosen_offers(world, offers):
    a = world.a
    first = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=FULL,
        offers=[offers["unknown"]],
    )
    services.approve_advice(first, actor=a.users[Role.VOORZITTER])
    second = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data={},
    )
    assert list(second.chosen_offers.all()) == [offers["unknown"]]


def test_letter_shows_current_waiting_times_and_never_an_outdated_one_as_current(world, offers):
    a = world.a
    a.team.waiting_time_stale_weeks = 4
    a.team.save(update_fields=["waiting_time_stale_weeks"])
    # 5 weeks old: current with the default of 6 weeks, outdated with this team's 4 weeks.
    waiting(offers["unknown"], (0, 0, 1), days_ago=35)
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=FULL,
        offers=[offers["fresh"], offers["stale"]],
    )
    advies = Advies.objects.get(pk=advies.pk)
    context = letter_context(advies, on=TODAY)
    by_name = {o["name"]: o for o in context["offers"]}
    fresh = by_name["Traumabehandeling jeugd (EMDR)"]
    assert fresh["organisation"] == "Zorggroep De Linde"
    assert fresh["contact"] == {"name": "Intake De Linde", "phone": "010-0000099", "email": ""}
    assert [
        (w["weeks_to_registration"], w["weeks_to_intake"], w["weeks_to_treatment"], w["outdated"])
        for w in fresh["waiting_times"]
    ] == [(1, 4, 12, False)]
    assert by_name["Ouder-kindbehandeling Zeewind"]["waiting_times"][0]["outdated"] is True

    html = render_to_string("advice/letter_pdf.html", context)
    confirmed = (TODAY - dt.timedelta(days=10)).strftime("%d-%m-%Y")
    assert "tot aanmelding 1 week, tot intake 4 weken, tot de hulp begint 12 weken" in html
    assert f"bevestigd op {confirmed}" in html
    old = (TODAY - dt.timedelta(days=50)).strftime("%d-%m-%Y")
    assert f"verouderd (laatst bevestigd op {old})" in html
    assert "tot de hulp begint 5 weken" not in html, "outdated weeks are not shown as current"

    services.save_advice(advies, actor=a.users[Role.TEAMLID], data={}, offers=[offers["unknown"]])
    html = render_to_string("advice/letter_pdf.html", letter_context(advies, on=TODAY))
    assert "verouderd (laatst bevestigd op" in html, "team setting (4 weeks) decides"
    Wachttijd.objects.filter(aanbod=offers["unknown"]).delete()
    html = render_to_string("advice/letter_pdf.html", letter_context(advies, on=TODAY))
    assert "wachttijd onbekend" in html


def test_api_chosen_offers_writable_on_drafts_with_details_and_region_check(world, offers, as_user):
    a = world.a
    client = as_user(a.users[Role.TEAMLID])
    response = client.post(
        f"/api/v1/cases/{a.casus.pk}/advices",
        {**camel(FULL), "chosenOffers": [offers["fresh"].pk, offers["stale"].pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(body["chosenOffers"]) == sorted([offers["fresh"].pk, offers["stale"].pk])
    assert set(body["candidateProviders"]) == {a.provider.pk, a.other.pk}
    details = {d["name"]: d for d in body["chosenOfferDetails"]}
    current = details["Traumabehandeling jeugd (EMDR)"]["waitingTimes"][0]
    assert current["weeksToTreatment"] == 12 and current["outdated"] is False
    assert details["Ouder-kindbehandeling Zeewind"]["waitingTimes"][0]["outdated"] is True
    assert details["Ouder-kindbehandeling Zeewind"]["waitingTimes"][0]["freshness"].startswith(
        "verouderd"
    )

    url = f"/api/v1/advices/{body['id']}"
    refused = client.patch(
        url, {"chosenOffers": [offers["elsewhere"].pk]}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused["Content-Type"].startswith(
        "application/problem+json"
    )
    assert "eigen jeugdregio" in refused.content.decode()
    changed = client.patch(
        url, {"chosenOffers": [offers["unknown"].pk]}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["chosenOfferDetails"][0]["waitingTimes"] == []

    services.approve_advice(Advies.objects.get(), actor=a.users[Role.VOORZITTER])
    locked = client.patch(
        url, {"chosenOffers": [offers["fresh"].pk]}, content_type="application/json"
    )
    assert locked.status_code == 409
