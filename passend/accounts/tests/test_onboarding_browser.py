"""Acceptance: a beheerder onboards a new team member end to end in the browser (Debian's
Chromium, never skipped): log in with two factors, invite a screener by e-mail, open the link
from the e-mail, choose a password, link an authenticator, land in Passend and reach the
werkvoorraad."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect, sync_playwright

from passend.accounts.models import Membership, User
from passend.accounts.roles import Role
from passend.conftest import PASSWORD
from passend.core.tests.factories import confirmed_device
from passend.jobs.testing import run_jobs_in_thread

from .test_login import current_code


def code_for(secret: str) -> str:
    """What an authenticator app shows for the key (RFC 6238: 30 s, 6 digits)."""
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key, step=30, t0=0, digits=6).token():06d}"


CHROMIUM = "/usr/bin/chromium"
NEW_PASSWORD = "Nieuw-lid-kiest-een-lange-zin-7"


@pytest.mark.django_db(transaction=True)
def test_beheerder_onboards_a_screener(seeded_code_lists, tenancy, live_server):
    assert Path(CHROMIUM).exists(), f"the onboarding test needs Chromium at {CHROMIUM}"
    assert not settings.PASSEND_2FA_EXEMPT_DEMO_USERS, "the second factor is part of the journey"
    team = tenancy.a.team
    beheerder = tenancy.a.users[Role.BEHEERDER]
    device = confirmed_device(beheerder)

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        try:
            # The beheerder logs in with password and code.
            page = browser.new_context(locale="nl-NL").new_page()
            page.goto(live_server.url + "/inloggen/")
            page.get_by_label("Gebruikersnaam").fill(beheerder.username)
            page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
            page.locator('button:has-text("Inloggen")').click()
            page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
            page.locator('button:has-text("Bevestigen")').click()

            # Beheer → users → invite.
            page.goto(f"{live_server.url}/teams/{team.slug}/beheer/")
            page.get_by_role("link", name="Gebruikers en rollen").click()
            expect(page).to_have_title(re.compile(r"^Gebruikers beheren – Expertteam alfa"))
            page.get_by_role("link", name="Gebruiker uitnodigen").click()
            page.get_by_label("Voornaam").fill("Sam")
            page.get_by_label("Achternaam").fill("Nieuwkomer")
            page.get_by_label("E-mailadres").fill("sam.nieuwkomer@test.example.org")
            page.get_by_label("Rol", exact=True).select_option(Role.SCREENER.value)
            page.get_by_label("Expertise").fill("LVB")
            page.get_by_role("button", name="Uitnodiging versturen").click()
            expect(page.get_by_role("status")).to_contain_text("Sam Nieuwkomer is uitgenodigd")

            # The invitation e-mail carries the one-time link (sent by the worker).
            assert run_jobs_in_thread() >= 1
            assert [m.to for m in mail.outbox] == [["sam.nieuwkomer@test.example.org"]]
            link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[0].body).group(0)
            assert link.startswith(live_server.url)

            # The new member, in a browser of their own.
            member_page = browser.new_context(locale="nl-NL").new_page()
            member_page.goto(link)
            expect(member_page.get_by_role("heading", level=1)).to_have_text("Wachtwoord kiezen")
            member_page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
            member_page.get_by_label("Herhaal het wachtwoord").fill(NEW_PASSWORD)
            member_page.get_by_role("button", name="Wachtwoord opslaan").click()

            # A screener sees personal data: the second factor comes next.
            expect(member_page).to_have_url(live_server.url + "/account/tweestapsverificatie/")
            # The authenticator app: the key typed over from the page (no database access
            # inside Playwright's event loop).
            secret = member_page.locator("code.passend-secret").inner_text().strip()
            member_page.get_by_label("Code uit uw authenticator-app").fill(code_for(secret))
            member_page.get_by_role("button", name="Koppelen").click()
            expect(member_page.get_by_role("status")).to_contain_text(
                "Tweestapsverificatie is ingesteld."
            )

            # A screener lands on the werkvoorraad of the own team, without a click.
            expect(member_page).to_have_url(f"{live_server.url}/teams/{team.slug}/werkvoorraad/")
            expect(member_page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
        finally:
            browser.close()

    user = User.objects.get(email="sam.nieuwkomer@test.example.org")
    membership = Membership.objects.get(user=user, team=team)
    assert membership.role == Role.SCREENER and membership.expertise == "LVB"
    assert user.check_password(NEW_PASSWORD)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
