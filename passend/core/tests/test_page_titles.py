"""Page titles: every page names itself and its context and ends with "– Passend"; after a
failed submit the title starts with "Fout:" and the page holds the error summary."""

import re
from html import unescape

import pytest
from django.test import Client

from passend.accounts.roles import Role
from passend.core.tests.authz.matrix import PUBLIC
from passend.core.tests.authz.world import build_world
from passend.core.tests.test_authorization_matrix import ALL_ROUTES, EXPECTED, url_for
from passend.core.tests.test_authorization_matrix import login as matrix_login

pytestmark = pytest.mark.django_db

# Who opens a page: the first role (in this order) that may read it.
READERS = [
    Role.VOORZITTER,
    Role.SCREENER,
    Role.AANMELDER,
    Role.BEHEERDER,
    Role.COORDINATOR_SK,
    Role.AANBIEDER,
    Role.PROCESREGISSEUR,
    Role.TEAMLID,
    Role.NOTULIST,
    Role.BELEIDSADVISEUR,
]


def title_of(body: str) -> str:
    match = re.search(r"<title>(.*?)</title>", body, re.S)
    assert match, "the page has a title"
    return " ".join(unescape(match.group(1)).split())


def title_problem(title: str, *, in_team: bool) -> str | None:
    """What is wrong with a page title, or None."""
    if not title.endswith(" – Passend"):
        return "does not end with '– Passend'"
    parts = title.removesuffix(" – Passend").split(" – ")
    if any(not part.strip() for part in parts):
        return "an empty part"
    if in_team and len(parts) < 2:
        return "names the page but not its context"
    return None


def test_title_rules():
    assert title_problem("Advies – Casus 2026-000153 – Passend", in_team=True) is None
    assert title_problem(" – Casus 2026-000153 – Passend", in_team=True) == "an empty part"
    assert title_problem("Werkvoorraad – Passend", in_team=True)
    assert title_problem("Inloggen – Passend", in_team=False) is None
    assert title_problem("Inloggen", in_team=False)


# A walk over every page checks rendered text, not the database: once, on SQLite (CI budget).
@pytest.mark.vendor("sqlite")
def test_every_page_names_itself_and_its_context():
    """Walks every page route of the project (the authorization matrix's world) as a role that
    may read it, in the own team."""
    world = build_world()
    clients: dict = {}
    checked, problems = [], []
    for route in ALL_ROUTES:
        expect = EXPECTED.get(route.name)
        if route.is_api or "get" not in route.methods or expect is None or not expect.read:
            continue
        if expect.scope == PUBLIC:
            client = Client()
        else:
            role = next((r for r in READERS if r in expect.read), None)
            if role is None:
                continue
            if role not in clients:
                clients[role] = matrix_login(Client(), world.own.users[role])
            client = clients[role]
        url = url_for(route, expect, world, "own")
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        if "<html" not in body:
            continue  # an htmx fragment
        title = title_of(body)
        checked.append(route.name)
        problem = title_problem(title, in_team="<slug:team>" in route.route)
        if title.startswith("Fout:"):
            problem = "a first visit is no failed submit"
        if problem:
            problems.append(f"{route.name} {url}: {title!r} {problem}")
    assert len(checked) > 60, checked
    assert problems == []


def test_a_case_tab_names_the_tab_and_the_case(tenancy, as_user):
    from passend.cases.tests.factories import CasusFactory, with_consent

    casus = with_consent(CasusFactory(team=tenancy.a.team))
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    base = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/"
    for path, name in (
        ("", "Overzicht"),
        ("tijdlijn/", "Tijdlijn en analyse"),
        ("advies/", "Advies"),
        ("procesregie/", "Procesregie"),
        ("advies/nieuw/", "Advies opstellen"),
    ):
        title = title_of(client.get(base + path).content.decode())
        assert title == f"{name} – Casus {casus.reference} – Passend", path


# --- a failed submit ------------------------------------------------------------------------


def failed(response) -> str:
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert title_of(body).startswith("Fout: "), title_of(body)
    assert re.search(r'<div class="utrecht-alert utrecht-alert--error" role="alert" '
                     r'tabindex="-1" id="form-errors">', body), "the error summary"  # fmt: skip
    return body


def test_a_failed_registration_step_says_fout_in_the_title(tenancy, as_user):
    from passend.cases.tests.factories import CasusFactory

    aanmelder = tenancy.a.users[Role.AANMELDER]
    draft = CasusFactory(team=tenancy.a.team, aanmelder=aanmelder, is_draft=True)
    client = as_user(aanmelder)
    url = f"/teams/{tenancy.a.team.slug}/aanmelden/{draft.pk}/jeugdige/"
    assert not title_of(client.get(url).content.decode()).startswith("Fout")
    body = failed(client.post(url, {"first_name": "", "birth_date": "31-02-2020"}))
    assert title_of(body).endswith(f"Casus aanmelden – {tenancy.a.team.name} – Passend")


def test_failed_team_settings_say_fout_in_the_title(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    url = f"/teams/{tenancy.a.team.slug}/instellingen/"
    assert title_of(client.get(url).content.decode()).startswith("Teaminstellingen")
    failed(client.post(url, {}))


def test_a_failed_advice_says_fout_in_the_title(tenancy, as_user):
    from passend.cases.tests.factories import CasusFactory, with_consent

    casus = with_consent(CasusFactory(team=tenancy.a.team, state="in_behandeling"))
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/advies/nieuw/"
    assert title_of(client.get(url).content.decode()).startswith("Advies opstellen")
    body = failed(client.post(url, {"start_date": "morgen"}))
    assert title_of(body) == f"Fout: Advies opstellen – Casus {casus.reference} – Passend"


def test_forms_under_other_names_and_formsets_count_too():
    from django import forms
    from django.template import Context, Template

    class AgeForm(forms.Form):
        age = forms.IntegerField()

    template = Template("{% load passend_page %}[{% error_title_prefix %}]")
    assert template.render(Context({"consent_form": AgeForm({"age": "x"})})) == "[Fout: ]"
    assert template.render(Context({"forms": [AgeForm({"age": "3"}), AgeForm({})]})) == "[Fout: ]"
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-age": "x"}
    formset = forms.formset_factory(AgeForm)(data)
    assert template.render(Context({"rows": formset})) == "[Fout: ]"
    assert template.render(Context({"form_has_errors": True})) == "[Fout: ]"
    # unbound (a first visit) or valid: no error
    assert template.render(Context({"form": AgeForm()})) == "[]"
    assert template.render(Context({"form": AgeForm({"age": "3"})})) == "[]"
