"""Every role's walk through Passend in Debian's Chromium (issue 10, item 8).

Each role of team A (and a visitor who is not logged in) starts at the landing page and follows
every same-origin link (GET only; not the logout, the API, the technical admin or files), one
page per route and query shape (ids replaced; the case page once per case state). On every page
axe-core finds 0 WCAG 2.1 A/AA violations, and at 640 and 320 CSS px (1280 px at 200 % and
400 % zoom) the page does not scroll sideways (a table scrolling inside its own
`.passend-table-wrapper` is fine). All failures are collected and reported together.

The world is the authorization matrix's (one of every record in team A) plus a case in every
other state and an own draft of the referrer. The browser is /usr/bin/chromium; without it the
test fails (it never skips)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from playwright.async_api import async_playwright

from passend.accounts.roles import Role
from passend.cases.codes import CaseState, ClosureOutcome, ScreeningOutcome
from passend.cases.models import Casus
from passend.cases.tests.factories import CasusFactory
from passend.conftest import login
from passend.core.tests.authz.world import build_world

from . import crawler

ANONYMOUS = "niet ingelogd"
PARALLEL = 2  # roles walked at the same time
# Pages per walk (about), to start the longest first.
WALK_SIZE = {"voorzitter": 50, "procesregisseur": 45, "teamlid": 40, "screener": 35}

# Pages the walk must reach (a route the crawler can no longer find is a broken walk, not a
# pass): actor -> view names.
MUST_REACH = {
    Role.VOORZITTER.value: {
        "inbox:home",  # werkvoorraad
        "cases:list",
        "cases:detail",
        "advice:case",
        "advice:new",
        "analysis:case",
        "procesregie:case",
        "procesregie:my-actions",
        "meetings:detail",
        "socialmap:search",
        "audit:access-log",
    },
    # The matrix's case has a record of every kind: its timeline periods, actions, escalations.
    Role.TEAMLID.value: {"analysis:case", "analysis:episode-edit"},
    Role.PROCESREGISSEUR.value: {"procesregie:action-update", "procesregie:escalation-update"},
    Role.AANMELDER.value: {"cases:register-step", "socialmap:search"},
    Role.COORDINATOR_SK.value: {"socialmap:beheer", "socialmap:beheer-offer"},
    Role.AANBIEDER.value: {"socialmap:provider"},
    Role.BEHEERDER.value: {"regions:team-members"},
    ANONYMOUS: {"accounts:login", "cases:public-registration"},
}


def build_crawl_world():
    """The matrix world, plus in team A a case in every other state and an own draft of the
    referrer (the registration steps)."""
    world = build_world()
    own = world.own
    team, aanmelder = own.team, own.users[Role.AANMELDER]
    extra = {
        CaseState.AFGEWEZEN: {"screening_outcome": ScreeningOutcome.NIET_GESCHIKT},
        CaseState.CRISIS_DOORVERWEZEN: {"screening_outcome": ScreeningOutcome.CRISIS},
        CaseState.AFGESLOTEN: {"closure_outcome": ClosureOutcome.PASSENDE_PLEK},
    }
    # Registered before the matrix's case, so that the case list shows that case (a record of
    # every kind) first; each of these adds its state's case page to the walk.
    earlier = timezone.now() - dt.timedelta(days=30)
    for state in CaseState:
        if state != CaseState.IN_BEHANDELING:
            CasusFactory(
                team=team,
                aanmelder=aanmelder,
                state=state,
                gemeente=team.gemeenten.first(),
                casushouder=own.users[Role.PROCESREGISSEUR],
                registered_at=earlier,
                **extra.get(state, {}),
            )
    CasusFactory(team=team, aanmelder=aanmelder, is_draft=True, registered_at=earlier)
    return world


def _view_name(path: str) -> str:
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return "?"


async def walk_all(origin: str, starts: dict[str, list[str]], cookies: dict, states: dict):
    """One browser; one context per actor, two at a time (one per core), loading their pages
    one at a time."""
    async with async_playwright() as playwright:
        browser = await crawler.launch(playwright)
        slots = asyncio.Semaphore(PARALLEL)
        server_lock = asyncio.Lock()

        async def walk(actor: str):
            async with slots:
                context = await browser.new_context(locale="nl-NL", viewport=crawler.DESKTOP)
                if actor in cookies:
                    cookie = cookies[actor]
                    await context.add_cookies(
                        [{"name": cookie.key, "value": cookie.value, "url": origin}]
                    )
                try:
                    return await crawler.crawl(
                        context,
                        origin,
                        actor,
                        start=starts[actor],
                        case_state=states.get,
                        server_lock=server_lock,
                    )
                finally:
                    await context.close()

        try:
            return await asyncio.gather(*(walk(actor) for actor in starts))
        finally:
            await browser.close()


# The crawl checks what the browser renders, which does not depend on the database vendor; it
# runs once, on SQLite, to keep CI within its time budget (the rest of the suite covers both).
@pytest.mark.vendor("sqlite")
@pytest.mark.django_db(transaction=True)
def test_every_page_of_every_role_passes_axe_and_reflows(seeded_code_lists, live_server):
    assert Path(crawler.CHROMIUM).exists(), f"the crawl needs Chromium at {crawler.CHROMIUM}"
    world = build_crawl_world()
    # Django's ORM is used before the browser's event loop starts: a verified session per
    # role, and the state of every case.
    cookies = {
        role.value: login(Client(), world.own.users[role]).cookies[settings.SESSION_COOKIE_NAME]
        for role in Role
    }
    states = dict(Casus.objects.values_list("pk", "state"))
    public = reverse("cases:public-registration", args=[world.own.team.slug])
    # The longest walks first, so that the two slots end at about the same time.
    starts = {actor: ["/"] for actor in sorted(cookies, key=lambda a: -WALK_SIZE.get(a, 0))}
    starts[ANONYMOUS] = ["/", public]

    started = time.monotonic()
    walks = asyncio.run(walk_all(live_server.url, starts, cookies, states))
    seconds = round(time.monotonic() - started)

    report = []
    for walk in walks:
        reached = {_view_name(entry.split(" -> ")[-1]) for entry in walk.visited}
        if missing := MUST_REACH.get(walk.actor, set()) - reached:
            report.append(f"[{walk.actor}] never reached: {', '.join(sorted(missing))}")
    report += [str(problem) for walk in walks for problem in walk.problems]
    summary = ", ".join(f"{w.actor} {len(w.visited)}" for w in walks)
    print(f"\ncrawl: {sum(len(w.visited) for w in walks)} pages in {seconds} s ({summary})")
    for walk in walks:
        steps = ", ".join(f"{step} {time:.0f} s" for step, time in walk.seconds.items())
        print(f"{walk.actor} ({steps}):\n  " + "\n  ".join(walk.visited))
    assert not report, f"{len(report)} problems on the walk ({summary}):\n" + "\n".join(report)


# The walk's own rules (the checks above can fail) ---------------------------------------------


def test_one_page_per_route_and_query_shape():
    shape = crawler.route_shape
    assert shape("/teams/a/casussen/7/") == shape("/teams/b/casussen/9/")
    assert shape("/teams/a/casussen/?pagina=2") == shape("/teams/a/casussen/?pagina=3")
    assert shape("/teams/a/casussen/?pagina=2") != shape("/teams/a/casussen/")
    assert shape("/teams/a/casussen/7/tijdlijn/") != shape("/teams/a/casussen/7/")
    states = {7: "aangemeld", 9: "afgesloten", 11: "aangemeld"}.get
    assert shape("/teams/a/casussen/7/", states) != shape("/teams/a/casussen/9/", states)
    assert shape("/teams/a/casussen/7/", states) == shape("/teams/a/casussen/11/", states)


def test_the_walk_leaves_other_origins_logout_api_and_files_alone():
    origin = "http://localhost:8000"
    assert crawler.page_path(f"{origin}/teams/a/casussen/?status=x#lijst", origin) == (
        "/teams/a/casussen/?status=x"
    )
    for url in (
        "http://example.org/teams/a/",
        f"{origin}/uitloggen/",
        f"{origin}/api/v1/casussen/",
        f"{origin}/django-admin/",
        f"{origin}/teams/a/casussen/7/toestemmingsformulier.pdf",
        f"{origin}/teams/a/sociale-kaart/export.xlsx",
        f"{origin}/teams/a/sociale-kaart/import/sjabloon.csv",
    ):
        assert crawler.page_path(url, origin) is None, url


WIDE = '<div style="inline-size: 30rem">breed</div>'
TABLE = '<table><tr><td><div style="inline-size: 60rem">in een eigen box</div></td></tr></table>'


async def _check(body: str) -> list[str]:
    async with async_playwright() as playwright:
        browser = await crawler.launch(playwright)
        try:
            page = await browser.new_page(viewport=crawler.DESKTOP)
            await page.set_content(
                f'<!DOCTYPE html><html lang="nl"><head><title>Proef</title>'
                f"<style>.passend-table-wrapper {{ overflow-x: auto }}</style></head>"
                f"<body><main><h1>Proef</h1>{body}</main></body></html>"
            )
            walk = crawler.Walk("proef")
            await crawler.check_page(page, walk, "/proef/", crawler.axe_source())
            return [f"{p.kind}: {p.detail}" for p in walk.problems]
        finally:
            await browser.close()


def test_the_checks_find_violations_and_sideways_scroll():
    problems = asyncio.run(
        _check(f'<img src="/x.png">{WIDE}<div class="passend-table-wrapper">{TABLE}</div>')
    )
    assert any(p.startswith("axe: image-alt at 1280 px") for p in problems), problems
    reflow = [p for p in problems if p.startswith("reflow")]
    assert len(reflow) == 1 and "at 320 px" in reflow[0] and "div (right" in reflow[0], reflow
    assert "in een eigen box" not in reflow[0]  # the table scrolls in its wrapper: fine


def test_a_table_scrolling_in_a_focusable_wrapper_passes():
    wrapper = '<div class="passend-table-wrapper" tabindex="0" role="region" aria-label="Tabel">'
    assert asyncio.run(_check(f"{wrapper}{TABLE}</div>")) == []


def test_the_vendored_axe_core_is_the_recorded_file_with_its_licence_notice():
    vendor = crawler.AXE_SOURCE.parent
    recorded = re.search(r"`([0-9a-f]{64})`", (vendor / "README.md").read_text()).group(1)
    assert hashlib.sha256(crawler.AXE_SOURCE.read_bytes()).hexdigest() == recorded
    header = crawler.AXE_SOURCE.read_text(encoding="utf-8")[:600]
    assert header.startswith("/*! axe v4.") and "Mozilla Public" in header
    assert (vendor / "LICENSE-axe-core.txt").read_text().startswith("Mozilla Public License")
