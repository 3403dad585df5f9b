"""Every role lands on what it works on, and its navigation fits in one row."""

import re

import pytest
from django.urls import reverse

from passend.accounts.roles import Role
from passend.accounts.tests.test_login import current_code, password_login
from passend.core.tests.factories import MembershipFactory, confirmed_device

pytestmark = pytest.mark.django_db

LANDING = {
    Role.SCREENER: "inbox:home",
    Role.VOORZITTER: "inbox:home",
    Role.TEAMLID: "inbox:home",
    Role.PROCESREGISSEUR: "inbox:home",
    Role.NOTULIST: "inbox:home",
    Role.AANMELDER: "cases:list",
    Role.COORDINATOR_SK: "socialmap:beheer",
    Role.AANBIEDER: "socialmap:provider",
    Role.BEHEERDER: "regions:beheer",
    Role.BELEIDSADVISEUR: "regions:team-home",
}


@pytest.mark.parametrize("role", list(LANDING), ids=str)
def test_each_role_lands_on_what_it_works_on(tenancy, as_user, role):
    slug = tenancy.a.team.slug
    response = as_user(tenancy.a.users[role]).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse(LANDING[role], kwargs={"team": slug})


def test_the_landing_page_opens_for_each_role(tenancy, as_user):
    """The page a role lands on is one it may open (no landing on a 404)."""
    for role in LANDING:
        client = as_user(tenancy.a.users[role])
        response = client.get("/", follow=True)
        assert response.status_code == 200, role
        assert response.redirect_chain[-1][0] == reverse(
            LANDING[role], kwargs={"team": tenancy.a.team.slug}
        )


def test_after_login_the_screener_is_on_the_werkvoorraad(tenancy, client):
    user = tenancy.a.users[Role.SCREENER]
    device = confirmed_device(user)
    password_login(client, user)
    response = client.post("/inloggen/tweede-stap/", {"token": current_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == f"/teams/{tenancy.a.team.slug}/werkvoorraad/"
    assert '<h1 class="utrecht-heading-1">Werkvoorraad</h1>' in response.content.decode()


def test_several_teams_offer_a_choice_that_leads_to_each_landing(tenancy, as_user):
    user = tenancy.a.users[Role.VOORZITTER]
    MembershipFactory(user=user, team=tenancy.b.team, role=Role.AANMELDER)
    response = as_user(user).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies een expertteam" in body
    assert f'href="/teams/{tenancy.a.team.slug}/werkvoorraad/"' in body
    assert f'href="/teams/{tenancy.b.team.slug}/casussen/"' in body


def test_a_combination_of_roles_lands_on_the_most_hands_on_page(tenancy, as_user):
    user = tenancy.a.users[Role.BEHEERDER]
    MembershipFactory(user=user, team=tenancy.a.team, role=Role.SCREENER)
    response = as_user(user).get("/")
    assert response["Location"] == f"/teams/{tenancy.a.team.slug}/werkvoorraad/"


def test_without_a_team_the_user_is_told_to_ask_the_beheerder(tenancy, as_user):
    response = as_user(tenancy.a.users[Role.JEUGDIGE_OUDER]).get("/")
    assert response.status_code == 200
    assert "U bent nog geen lid van een expertteam" in response.content.decode()


def test_the_referrer_sees_casus_aanmelden_as_the_primary_action(tenancy, as_user):
    slug = tenancy.a.team.slug
    body = as_user(tenancy.a.users[Role.AANMELDER]).get(f"/teams/{slug}/casussen/").content
    primary = r'<a class="utrecht-button utrecht-button--primary-action"[^>]*>([^<]+)<'
    button = re.search(primary, body.decode())
    assert button and button.group(1) == "Casus aanmelden"
    assert f'href="/teams/{slug}/aanmelden/"' in button.group(0)


# --- navigation ------------------------------------------------------------------------------


def nav(body: str) -> tuple[list[str], list[str]]:
    """(labels in the row, labels in the "Meer" group) of the main navigation."""
    block = re.search(r'<nav class="passend-nav"[^>]*>(.*?)</nav>', body, re.S).group(1)
    more = re.search(r"<details.*?</details>", block, re.S)
    more_html = more.group(0) if more else ""
    row_html = block.replace(more_html, "")
    labels = lambda html: re.findall(r"<a href=\"[^\"]+\"[^>]*>([^<]+)</a>", html)  # noqa: E731
    return labels(row_html), labels(more_html)


ROW = {
    Role.VOORZITTER: ["Werkvoorraad", "Casussen", "Overleggen", "Mijn acties", "Sociale kaart"],
    Role.SCREENER: ["Werkvoorraad", "Casussen", "Overleggen", "Mijn acties", "Sociale kaart"],
    Role.AANMELDER: ["Team", "Werkvoorraad", "Mijn aanmeldingen", "Sociale kaart", "Organisaties"],
    Role.COORDINATOR_SK: ["Team", "Sociale kaart", "Beheer sociale kaart", "Organisaties"],
    Role.BEHEERDER: ["Team", "Beheer", "Monitoring", "Teamleden", "Toegangslog", "Organisaties"],
    Role.AANBIEDER: ["Wachttijden"],
    Role.BELEIDSADVISEUR: ["Team", "Sociale kaart", "Monitoring", "Organisaties"],
}
MORE = {
    Role.VOORZITTER: ["Team", "Monitoring", "Teamleden", "Toegangslog", "Organisaties"],
    Role.SCREENER: ["Team", "Monitoring", "Teamleden", "Organisaties"],
}


@pytest.mark.parametrize("role", list(LANDING), ids=str)  # jeugdige/ouder: no team pages
def test_navigation_per_role_fits_one_row(tenancy, as_user, role):
    """At most six items in the row; more than that and the extra ones go into "Meer"."""
    slug = tenancy.a.team.slug
    home = reverse(LANDING[role], kwargs={"team": slug})
    row, more = nav(as_user(tenancy.a.users[role]).get(home).content.decode())
    assert len(row) + (1 if more else 0) <= 6, row
    if role in ROW:
        assert row == ROW[role]
        assert more == MORE.get(role, [])


def test_the_current_page_is_marked_also_inside_the_more_group(tenancy, as_user):
    slug = tenancy.a.team.slug
    body = as_user(tenancy.a.users[Role.VOORZITTER]).get(f"/teams/{slug}/leden/").content.decode()
    assert '<details class="passend-nav__more--current">' in body
    assert f'<a href="/teams/{slug}/leden/" aria-current="page">Teamleden</a>' in body
    assert 'Meer<span class="passend-visually-hidden"> (huidige pagina)</span>' in body


def test_every_nav_link_opens_for_its_role(tenancy, as_user):
    for role in Role:
        if role == Role.JEUGDIGE_OUDER:
            continue
        client = as_user(tenancy.a.users[role])
        body = client.get("/", follow=True).content.decode()
        row, more = nav(body)
        links = re.findall(
            r'<a href="([^"]+)"', re.search(r'<nav class="passend-nav".*?</nav>', body, re.S)[0]
        )
        assert len(links) == len(row) + len(more)
        for url in links:
            assert client.get(url).status_code == 200, (role, url)


def test_outside_a_team_the_navigation_is_that_of_the_only_team(tenancy, as_user):
    body = as_user(tenancy.a.users[Role.VOORZITTER]).get("/organisaties/").content.decode()
    row, more = nav(body)
    assert "Werkvoorraad" in row and "Organisaties" in more


def test_the_menu_button_controls_the_navigation_and_is_hidden_without_script(tenancy, as_user):
    body = as_user(tenancy.a.users[Role.VOORZITTER]).get("/", follow=True).content.decode()
    bar = re.search(r'<div class="passend-nav-toggle-bar" hidden>\s*<button([^>]*)>', body)
    assert bar, "the button's bar starts hidden: without JS the navigation simply shows"
    assert 'aria-expanded="false"' in bar.group(1) and 'aria-controls="hoofdmenu"' in bar.group(1)
    assert '<nav class="passend-nav" id="hoofdmenu"' in body


def test_beheer_sociale_kaart_links_import_and_export(tenancy, as_user):
    slug = tenancy.a.team.slug
    client = as_user(tenancy.a.users[Role.COORDINATOR_SK])
    body = client.get(f"/teams/{slug}/sociale-kaart/beheer/").content.decode()
    for name in ("import", "export-csv", "export-xlsx", "import-template-csv"):
        url = reverse(f"socialmap:{name}", kwargs={"team": slug})
        assert f'href="{url}"' in body, name
        assert client.get(url).status_code == 200, name
