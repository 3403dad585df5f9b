"""The monitoring dashboard pages: overview, section, indicator detail and the story."""

import asyncio
import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import ReferrerType
from passend.conftest import login
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory
from passend.monitoring import periods as P
from passend.monitoring.models import Verhaal
from passend.privacy.tests.factories import DpiaToetsFactory

pytestmark = pytest.mark.django_db


def home(team) -> str:
    return f"/teams/{team.slug}/monitoring/"


def indicator(team, code="aanmeldingen") -> str:
    return f"/teams/{team.slug}/monitoring/indicatoren/{code}/"


def story_url(team, key, code="aanmeldingen") -> str:
    return f"{indicator(team, code)}verhaal/?periodKey={key}"


@pytest.fixture
def open_team(tenancy):
    DpiaToetsFactory(team=tenancy.a.team)
    return tenancy.a.team


@pytest.fixture
def two_gemeenten(open_team):
    own = open_team.gemeenten.get()
    other = GemeenteFactory(region=open_team.region, name="Andergem")
    open_team.gemeenten.add(other)
    day = timezone.localdate().replace(day=1)
    CasusFeitFactory.create_batch(6, team=open_team, gemeente=own, registered_on=day)
    CasusFeitFactory.create_batch(
        9, team=open_team, gemeente=other, registered_on=day, referrer_type=ReferrerType.GI
    )
    return own, other


def headline(body: str, code="aanmeldingen") -> str:
    section = body.split(f'id="indicator-{code}"', 1)[1]
    return re.search(r'passend-figure__value">([^<]*)<', section).group(1)


# --- the gate --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [home, indicator, lambda t: home(t) + "aanmeldingen/"])
def test_without_a_dpia_every_dashboard_page_shows_the_gate(tenancy, as_user, path):
    CasusFeitFactory.create_batch(7, team=tenancy.a.team, gemeente=tenancy.a.team.gemeenten.get())
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(path(tenancy.a.team))
    body = response.content.decode()
    assert response.status_code == 200
    assert "DPIA nog niet vastgelegd" in body
    assert "<table" not in body and '<form method="get"' not in body


# --- the overview ----------------------------------------------------------------------------


def test_the_overview_shows_headline_figures_charts_tables_and_the_legend(
    open_team, two_gemeenten, tenancy, as_user
):
    response = as_user(tenancy.a.users[Role.TEAMLID]).get(home(open_team))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Monitoring – Expertteam alfa – Passend</title>" in body
    assert headline(body) == "15"
    assert 'role="img"' in body and "<svg" in body  # inline SVG charts
    assert "<caption" in body and "Zo lees je de cijfers" in body
    assert "Aanmeldingen in " in body and ": 15 (aantal)." in body  # the text summary
    assert 'type="month"' in body and 'name="compare"' in body
    for name in ("gemeente", "wijk", "referrerType", "ageGroup", "problemType", "legalFramework"):
        assert f'name="{name}"' in body
    assert "Dit jaar" in body and "Laatste hele kwartaal" in body
    assert f'href="{home(open_team)}aanmeldingen/' in body  # the section pages
    main = body.split("<main", 1)[1]
    assert not re.search(r"<style|\sstyle=\"|<script", main), re.search(r".{60}style.{40}", main)


def test_a_beleidsadviseur_sees_only_granted_gemeente_options_and_figures(
    open_team, two_gemeenten, tenancy, as_user
):
    own, other = two_gemeenten
    adviser = tenancy.a.users[Role.BELEIDSADVISEUR]
    organisation = OrganisationFactory(name="Gemeente Eigen", gemeente=own)
    Membership.objects.filter(user=adviser, team=open_team).update(organisation=organisation)
    body = as_user(adviser).get(home(open_team)).content.decode()
    assert own.name in body and "Andergem" not in body
    assert f'value="{own.cbs_code}"' in body and f'value="{other.cbs_code}"' not in body
    assert headline(body) == "6"
    # A municipality that is not granted is not a choice: a message, never its figures.
    response = as_user(adviser).get(home(open_team), {"gemeente": other.cbs_code})
    assert response.status_code == 400
    assert "<table" not in response.content.decode()


def test_the_filters_and_the_comparison_are_applied(open_team, two_gemeenten, tenancy, as_user):
    _own, other = two_gemeenten
    client = as_user(tenancy.a.users[Role.TEAMLID])
    body = client.get(home(open_team), {"gemeente": other.cbs_code}).content.decode()
    assert headline(body) == "9"
    assert "Andergem" in body  # the filter is named in the table's caption
    body = client.get(home(open_team), {"referrerType": ReferrerType.GI}).content.decode()
    assert headline(body) == "9"
    body = client.get(home(open_team), {"compare": "on"}).content.decode()
    assert "Vorige periode" in body and "Zelfde periode vorig jaar" in body
    assert "verschil +15" in body


def test_a_bad_filter_is_a_dutch_message_at_the_field_and_nothing_entered_is_lost(
    open_team, tenancy, as_user
):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(home(open_team), {"from": "2026-13", "to": "2026-02", "wijk": "x"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="form-errors"' in body and 'href="#id_from"' in body
    assert "Onbekende maand." in body and 'id="id_wijk-error"' in body
    assert 'value="2026-13"' in body
    response = client.get(home(open_team), {"from": "2026-05", "to": "2026-02"})
    assert response.status_code == 400
    assert "Het einde van de periode ligt voor het begin." in response.content.decode()
    response = client.get(indicator(open_team), {"groupBy": "bestaatniet"})
    assert response.status_code == 400


def test_sections_and_indicators_that_do_not_exist_are_404(open_team, tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert client.get(home(open_team) + "bestaatniet/").status_code == 404
    assert client.get(indicator(open_team, "bestaatniet")).status_code == 404
    assert client.get(home(open_team) + "doorlooptijden/").status_code == 200


# --- the indicator page ----------------------------------------------------------------------


def test_the_indicator_page_shows_the_definition_grouping_and_export_links(
    open_team, two_gemeenten, tenancy, as_user
):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(indicator(open_team), {"groupBy": "gemeente"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Aanmeldingen – Monitoring – Expertteam alfa – Passend</title>" in body
    assert "Wat willen we weten?" in body and "basisset van Passend" in body
    assert 'name="groupBy"' in body and "Andergem" in body
    assert "is Andergem het grootst (9)" in body  # the summary names the largest shown group
    assert "indicatoren/aanmeldingen/export.csv?" in body
    assert "export.xlsx?" in body and "export.pdf?" in body
    assert "Geen namen of herleidbare details" in body


# --- the story -------------------------------------------------------------------------------


def test_a_team_member_writes_edits_and_deletes_the_story(open_team, tenancy, as_user):
    user = tenancy.a.users[Role.TEAMLID]
    client = as_user(user)
    key = P.Period.containing(timezone.localdate(), P.YEAR).key
    response = client.post(story_url(open_team, key), {"text": "Een nieuwe school in de wijk."})
    assert response.status_code == 302 and response["Location"].endswith("#verhaal")
    story = Verhaal.objects.get(team=open_team, indicator="aanmeldingen", period=key)
    assert story.text == "Een nieuwe school in de wijk." and story.written_by == user
    client.post(story_url(open_team, key), {"text": "Anders verteld."})
    assert Verhaal.objects.get(pk=story.pk).text == "Anders verteld."
    body = client.get(home(open_team)).content.decode()
    assert "Het verhaal achter het cijfer" in body and "Anders verteld." in body
    client.post(story_url(open_team, key), {"text": "  "})
    assert not Verhaal.objects.filter(team=open_team).exists()


def test_a_story_is_per_period(open_team, tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    client.post(story_url(open_team, "2025-Q1"), {"text": "Het eerste kwartaal."})
    body = client.get(indicator(open_team), {"periodKey": "2025-Q1"}).content.decode()
    assert "Het eerste kwartaal." in body
    assert "Het eerste kwartaal." not in client.get(indicator(open_team)).content.decode()


def test_a_too_long_story_or_a_bad_period_is_a_form_error(open_team, tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.post(story_url(open_team, "2026"), {"text": "x" * 4001})
    assert response.status_code == 400 and 'id="form-errors"' in response.content.decode()
    response = client.post(story_url(open_team, "nooit"), {"text": "Tekst"})
    assert response.status_code == 400
    assert "Onbekende periode voor het verhaal." in response.content.decode()
    assert not Verhaal.objects.exists()


def test_a_beleidsadviseur_reads_the_story_but_cannot_write_it(open_team, tenancy, as_user):
    key = P.Period.containing(timezone.localdate(), P.YEAR).key
    Verhaal.objects.create(team=open_team, indicator="aanmeldingen", period=key, text="Zo zit het.")
    adviser = as_user(tenancy.a.users[Role.BELEIDSADVISEUR])
    body = adviser.get(indicator(open_team)).content.decode()
    assert "Zo zit het." in body and "verhaal/?periodKey" not in body
    assert "Zo zit het." in adviser.get(home(open_team)).content.decode()
    response = adviser.post(story_url(open_team, key), {"text": "Overschreven"})
    assert response.status_code == 404
    assert Verhaal.objects.get().text == "Zo zit het."


def test_the_story_service_itself_refuses_who_may_not_write_it(open_team, tenancy):
    from passend.core.refusals import NotAllowed
    from passend.monitoring.services import save_story

    period = P.Period.containing(timezone.localdate(), P.YEAR)

    def write(user, text="X"):
        return save_story(open_team, indicator="aanmeldingen", period=period, text=text, by=user)

    # The beleidsadviseur reads stories but does not write them; a team member of another
    # team does not write in this one.
    for user in (tenancy.a.users[Role.BELEIDSADVISEUR], tenancy.b.users[Role.TEAMLID]):
        with pytest.raises(NotAllowed):
            write(user)
    assert not Verhaal.objects.exists()
    write(tenancy.a.users[Role.TEAMLID], "Wel.")
    assert Verhaal.objects.get().text == "Wel."


# --- the browser -----------------------------------------------------------------------------


@pytest.mark.vendor("sqlite")  # browser rendering: once, on SQLite
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_reflows_at_320_px_and_passes_axe(tenancy, live_server):
    from playwright.async_api import async_playwright

    from passend.core.tests.browser import crawler

    team = tenancy.a.team
    DpiaToetsFactory(team=team)
    gemeente = team.gemeenten.get()
    today = timezone.localdate()
    for months_ago in range(0, 20, 2):
        day = (today.replace(day=1) - dt.timedelta(days=30 * months_ago)).replace(day=1)
        CasusFeitFactory.create_batch(6, team=team, gemeente=gemeente, registered_on=day)
    session = login(Client(), tenancy.a.users[Role.VOORZITTER]).cookies[
        settings.SESSION_COOKIE_NAME
    ]
    paths = [
        f"/teams/{team.slug}/monitoring/?compare=on",
        f"/teams/{team.slug}/monitoring/indicatoren/aanmeldingen_verwijzer/",
    ]

    async def walk():
        found = crawler.Walk("dashboard")
        axe = crawler.axe_source()
        async with async_playwright() as playwright:
            browser = await crawler.launch(playwright)
            try:
                context = await browser.new_context(locale="nl-NL", viewport=crawler.DESKTOP)
                cookie = {"name": session.key, "value": session.value, "url": live_server.url}
                await context.add_cookies([cookie])
                page = await context.new_page()
                for i, path in enumerate(paths):
                    response = await page.goto(live_server.url + path)
                    assert response.status == 200, path
                    await crawler.check_page(page, found, path, axe)
                    await page.set_viewport_size({"width": 320, "height": 900})
                    await page.screenshot(path=f"/tmp/dashboard-320-{i}.png", full_page=True)
                    await page.set_viewport_size(crawler.DESKTOP)
                # A bad filter: the error summary gets the focus.
                await page.goto(live_server.url + paths[0] + "&from=2026-13")
                assert await page.evaluate("document.activeElement.id") == "form-errors"
            finally:
                await browser.close()
        return found

    found = asyncio.run(walk())
    assert not found.problems, "\n".join(str(p) for p in found.problems)
