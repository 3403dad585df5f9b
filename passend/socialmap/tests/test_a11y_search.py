"""Screen-reader check of the search form (acceptance): through the browser's accessibility
tree every control has an accessible name, the two questions are groups named by their legend,
and after bad input the error is announced (alert), the field is aria-invalid and its
accessible description carries the Dutch message. A test-client version of the label and ARIA
checks runs too; the browser version needs Debian's Chromium (/usr/bin/chromium) and fails
without it (it is never skipped)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from passend.accounts.roles import Role
from passend.conftest import login

from .test_search_world import build_world

CHROMIUM = "/usr/bin/chromium"
CONTROL_ROLES = ("checkbox", "spinbutton", "combobox", "textbox", "searchbox", "button", "radio")


# Test-client version --------------------------------------------------------------------


class FormAudit(HTMLParser):
    """Collects the controls of the search form, their labels and the fieldset legends."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.controls: list[dict] = []
        self.labels: dict[str, str] = {}
        self.legends: list[str] = []
        self.ids: dict[str, str] = {}
        self._capture: list | None = None
        self._label_for = None
        self._id_stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("role") == "search":
            self.in_form = True
        if a.get("id"):
            self._id_stack.append(a["id"])
            self.ids.setdefault(a["id"], "")
        if not self.in_form:
            return
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append(a)
        if tag == "label":
            self._label_for, self._capture = a.get("for"), []
        if tag == "legend":
            self._capture = []

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "label" and self._capture is not None:
            self.labels[self._label_for] = " ".join("".join(self._capture).split())
            self._capture = None
        if tag == "legend" and self._capture is not None:
            self.legends.append(" ".join("".join(self._capture).split()))
            self._capture = None

    def handle_data(self, data):
        if self._capture is not None:
            self._capture.append(data)


def element_text(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


@pytest.mark.django_db
def test_labels_and_aria_without_a_browser(tenancy, as_user):
    world = build_world(tenancy)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = reverse("socialmap:search", args=[tenancy.a.team.slug])
    html = client.get(url).content.decode()
    audit = FormAudit()
    audit.feed(html)
    assert audit.controls, "the search form has controls"
    for control in audit.controls:
        assert control.get("id") in audit.labels, f"control without a label: {control}"
        assert audit.labels[control["id"]], control
    assert audit.legends[:2] == [
        "Waar ben je naar op zoek? (niet verplicht)",
        "Wat vraagt aandacht? (niet verplicht)",
    ]

    bad = client.get(
        url,
        {"leeftijd": "200", "max_weken": "-3", "hulpvragen": "angst-somberheid",
         "gemeente": str(world.meeuwenkaap.pk)},
    )  # fmt: skip
    html = bad.content.decode()
    assert re.search(r'role="alert"[^>]*id="form-errors"', html)
    for name, message in (
        ("leeftijd", "Vul een leeftijd in van 0 tot en met 27 jaar."),
        ("max_weken", "Het aantal weken kan niet negatief zijn."),
    ):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag
        described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
        assert f"id_{name}-error" in described
        assert message in element_text(html, f"id_{name}-error")


# Browser version (accessibility tree) ---------------------------------------------------


def named_controls(snapshot: str) -> tuple[list[str], list[str]]:
    named, unnamed = [], []
    for line in snapshot.splitlines():
        # YAML quotes a whole entry whose name holds a colon: - 'checkbox "a: b"'
        match = re.match(rf"\s*- '?({'|'.join(CONTROL_ROLES)})\b(.*)", line)
        if match:
            (named if re.match(r'\s*"[^"]+"', match.group(2)) else unnamed).append(line.strip())
    return named, unnamed


@pytest.mark.vendor("sqlite")  # browser rendering: once, on SQLite (CI time budget)
@pytest.mark.django_db(transaction=True)
def test_screen_reader_check_in_chromium(seeded_code_lists, tenancy, live_server):
    assert Path(CHROMIUM).exists(), f"the accessibility-tree check needs Chromium at {CHROMIUM}"
    world = build_world(tenancy)
    client = login(Client(), tenancy.a.users[Role.AANMELDER])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    url = live_server.url + reverse("socialmap:search", args=[tenancy.a.team.slug])

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        try:
            context = browser.new_context(locale="nl-NL")
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
            page = context.new_page()
            page.goto(url)
            form = page.get_by_role("search", name="Zoeken in de sociale kaart")
            expect(form).to_be_visible()

            # Every control in the form has an accessible name.
            page.locator("details.passend-map-more > summary").click()
            named, unnamed = named_controls(form.aria_snapshot())
            assert unnamed == []
            dom_controls = form.locator(
                "input:not([type=hidden]), select, textarea, button"
            ).count()
            assert len(named) == dom_controls

            # The two questions are groups named by their legend, with named checkboxes.
            looking = form.get_by_role("group", name=re.compile(r"^Waar ben je naar op zoek\?"))
            attention = form.get_by_role("group", name=re.compile(r"^Wat vraagt aandacht\?"))
            expect(looking.get_by_role("checkbox", name="angst of somberheid")).to_be_visible()
            expect(attention.get_by_role("checkbox", name="thuissituatie")).to_be_visible()
            expect(looking).to_have_accessible_description(re.compile("Kies wat past"))

            # Bad input: the error is announced and tied to the field; nothing is lost.
            looking.get_by_role("checkbox", name="angst of somberheid").check()
            page.get_by_label("Leeftijd van de jeugdige (jaren)").fill("200")
            page.get_by_label("Maximale wachttijd tot start hulp (weken)").fill("-3")
            page.get_by_label("Woongemeente").select_option(label="Meeuwenkaap")
            form.get_by_role("button", name="Zoeken").click()

            alert = page.get_by_role("alert")
            expect(alert).to_contain_text("Controleer de invoer")
            expect(alert).to_contain_text("Vul een leeftijd in van 0 tot en met 27 jaar.")
            expect(alert).to_be_focused()
            age = page.get_by_role("spinbutton", name=re.compile("^Leeftijd van de jeugdige"))
            expect(age).to_have_attribute("aria-invalid", "true")
            expect(age).to_have_accessible_description(
                re.compile("Vul een leeftijd in van 0 tot en met 27 jaar")
            )
            expect(age).to_have_value("200")
            weeks = page.get_by_role("spinbutton", name=re.compile("^Maximale wachttijd"))
            expect(weeks).to_have_attribute("aria-invalid", "true")
            expect(weeks).to_have_accessible_description(
                re.compile("Het aantal weken kan niet negatief zijn")
            )
            expect(page.get_by_role("checkbox", name="angst of somberheid")).to_be_checked()
            expect(page.get_by_label("Woongemeente")).to_have_value(str(world.meeuwenkaap.pk))
            # The error summary links to the field.
            alert.get_by_role("link", name=re.compile("^Leeftijd")).click()
            expect(age).to_be_focused()

            # Corrected: results are a named list; an outdated time is marked in text.
            age.fill("14")
            weeks.fill("")
            page.get_by_role("button", name="Zoeken").click()
            results = page.get_by_role("region", name=re.compile("resultaten$"))
            expect(results).to_be_visible()
            card = results.get_by_role("article", name=world.offers["D"].name)
            expect(card).to_contain_text("verouderd")
            expect(card).not_to_contain_text("Wachttijd tot start hulp")
            expect(page.get_by_role("alert")).to_have_count(0)
        finally:
            browser.close()
