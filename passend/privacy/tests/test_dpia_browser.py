"""The DPIA, privacy and monitoring pages in Chromium: 0 axe (WCAG 2.1 A/AA) violations and
no sideways scroll at 640 and 320 px, with the form's errors shown and with figures."""

import asyncio

import pytest
from django.conf import settings
from django.test import Client
from playwright.async_api import async_playwright

from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.conftest import login
from passend.core.tests.browser import crawler

from .factories import DpiaToetsFactory


async def _walk(live_server, sessions: dict, paths: list[tuple[str, str, dict | None]]):
    walk = crawler.Walk("dpia")
    axe = crawler.axe_source()
    async with async_playwright() as playwright:
        browser = await crawler.launch(playwright)
        try:
            for actor, path, form in paths:
                context = await browser.new_context(locale="nl-NL", viewport=crawler.DESKTOP)
                await context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": sessions[actor],
                            "url": live_server.url,
                        }
                    ]
                )
                page = await context.new_page()
                response = await page.goto(live_server.url + path)
                assert response.status == 200, (actor, path, response.status)
                if form:
                    for name, value in form.items():
                        await page.fill(f"[name={name}]", value)
                    await page.click("#inhoud form.passend-stack button[type=submit]")
                    await page.wait_for_selector("#form-errors")
                await crawler.check_page(page, walk, f"{actor} {path}", axe)
                await context.close()
        finally:
            await browser.close()
    return walk


@pytest.mark.vendor("sqlite")  # browser rendering: once, on SQLite
@pytest.mark.django_db(transaction=True)
def test_privacy_and_monitoring_pages_are_accessible_and_reflow(tenancy, live_server):
    team = tenancy.a.team
    sessions = {
        role: login(Client(), tenancy.a.users[role]).cookies[settings.SESSION_COOKIE_NAME].value
        for role in (Role.BEHEERDER, Role.VOORZITTER, Role.BELEIDSADVISEUR)
    }
    team_b = tenancy.b.team
    DpiaToetsFactory(team=team_b)
    sessions_b = (
        login(Client(), tenancy.b.users[Role.TEAMLID]).cookies[settings.SESSION_COOKIE_NAME].value
    )
    sessions["teamlid-b"] = sessions_b
    CasusFeitFactory.create_batch(7, team=team_b, gemeente=team_b.gemeenten.get())
    CasusFeitFactory.create_batch(
        2, team=team_b, gemeente=team_b.gemeenten.get(), state="afgewezen"
    )
    paths = [
        (Role.BEHEERDER, f"/teams/{team.slug}/beheer/privacy/", None),
        (Role.BEHEERDER, f"/teams/{team.slug}/beheer/privacy/dpia/", None),
        (
            Role.BEHEERDER,
            f"/teams/{team.slug}/beheer/privacy/dpia/",
            {"dpia_reference": "DPIA-1", "covenant_reference": "C-1"},
        ),
        (Role.VOORZITTER, f"/teams/{team.slug}/beheer/privacy/dpia/", None),
        (Role.BEHEERDER, f"/teams/{team.slug}/monitoring/", None),
        ("teamlid-b", f"/teams/{team_b.slug}/monitoring/", None),
    ]
    walk = asyncio.run(_walk(live_server, sessions, paths))
    assert not walk.problems, "\n".join(str(p) for p in walk.problems)
