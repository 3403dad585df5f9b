"""The page shell in Chromium (Debian's /usr/bin/chromium; never skipped): the voorzitter's
navigation is one row at 1280 px, the menu button works at 320 px, focus moves to the error
summary after a failed submit, and an untouched required radio does not look invalid."""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect, sync_playwright

from passend.accounts.roles import Role
from passend.conftest import login

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def chromium():
    """Start the browser only after the database work of a test (logins): Playwright's sync API
    runs an event loop in the thread, and Django refuses database access inside one."""
    assert Path(CHROMIUM).exists(), f"the browser checks need Chromium at {CHROMIUM}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        try:
            yield browser
        finally:
            browser.close()


def session_of(user) -> str:
    return login(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value


def new_page(browser, live_server, session: str, width: int):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context.new_page()


@pytest.mark.vendor("sqlite")  # browser rendering: once, on SQLite (CI time budget)
@pytest.mark.django_db(transaction=True)
def test_navigation_is_one_row_at_1280_and_a_menu_at_320(seeded_code_lists, tenancy, live_server):
    session = session_of(tenancy.a.users[Role.VOORZITTER])
    title = f"Werkvoorraad – {tenancy.a.team.name} – Passend"
    with chromium() as browser:
        page = new_page(browser, live_server, session, 1280)
        page.goto(live_server.url + "/")
        expect(page).to_have_title(title)
        items = page.locator(".passend-nav__list > li")
        assert items.count() == 6  # five main items and "Meer"
        tops = items.evaluate_all("items => items.map(item => item.getBoundingClientRect().top)")
        assert len(set(tops)) == 1, f"the navigation wraps: {tops}"
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        # Brand left, tools right, in one row.
        brand = page.locator(".passend-header__brand").bounding_box()
        tools = page.locator(".passend-header__tools").bounding_box()
        assert brand["x"] < tools["x"] and abs(brand["y"] - tools["y"]) < brand["height"]
        # "Meer" opens its group, Escape closes it.
        more = page.locator(".passend-nav__more summary")
        more.click()
        team_members = page.get_by_role("link", name="Teamleden")
        expect(team_members).to_be_visible()
        page.keyboard.press("Escape")
        expect(team_members).to_be_hidden()
        expect(more).to_be_focused()

        small = new_page(browser, live_server, session, 320)
        small.goto(live_server.url + "/")
        menu = small.get_by_role("button", name="Menu")
        expect(menu).to_be_visible()
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(small.get_by_role("link", name="Casussen")).to_be_hidden()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(small.get_by_role("link", name="Casussen")).to_be_visible()
        assert small.evaluate("document.documentElement.scrollWidth") <= 320, "header reflows"


@pytest.mark.vendor("sqlite")  # browser rendering: once, on SQLite (CI time budget)
@pytest.mark.django_db(transaction=True)
def test_a_failed_submit_moves_focus_to_the_error_summary(seeded_code_lists, tenancy, live_server):
    session = session_of(tenancy.a.users[Role.BEHEERDER])
    url = f"{live_server.url}/teams/{tenancy.a.team.slug}/instellingen/"
    title = f"Fout: Teaminstellingen – {tenancy.a.team.name} – Passend"
    with chromium() as browser:
        page = new_page(browser, live_server, session, 1280)
        page.goto(url)
        expect(page.locator("#form-errors")).to_have_count(0)
        page.locator("main input[type=number]").first.fill("")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.locator("#form-errors")).to_be_focused()
        assert page.evaluate("document.activeElement.id") == "form-errors"
        expect(page).to_have_title(title)


RADIOS = """
() => {
  const main = document.querySelector("main");
  const form = document.createElement("form");
  form.noValidate = true;
  const radio = (name, extra) =>
    `<input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio"
            name="${name}" id="r-${name}" ${extra}>`;
  form.innerHTML = radio("required", "required") + radio("plain", "") +
    radio("invalid", 'aria-invalid="true"');
  main.prepend(form);
  const look = (id) => {
    const style = getComputedStyle(document.getElementById(id));
    return [style.borderTopColor, style.borderTopWidth, style.color].join(" ");
  };
  return {required: look("r-required"), plain: look("r-plain"), invalid: look("r-invalid")};
}
"""


@pytest.mark.vendor("sqlite")  # browser rendering: once, on SQLite (CI time budget)
@pytest.mark.django_db(transaction=True)
def test_an_untouched_required_radio_does_not_look_invalid(seeded_code_lists, live_server):
    with chromium() as browser:
        page = browser.new_context(locale="nl-NL").new_page()
        page.goto(live_server.url + "/inloggen/")
        looks = page.evaluate(RADIOS)
    assert looks["required"] == looks["plain"], looks
    assert looks["invalid"] != looks["plain"], "the server's aria-invalid still shows"
