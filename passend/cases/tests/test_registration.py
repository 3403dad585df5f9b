"""A referrer registers a case step by step: drafts, errors that lose nothing, submit, edit."""

import re

import pytest

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.models import Casus, RegistrationReason, Sector
from passend.cases.services import may_edit_registration
from passend.cases.tests.factories import CasusFactory
from passend.conftest import login
from passend.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def step_url(team, casus, step):
    return f"/teams/{team.slug}/aanmelden/{casus.pk}/{step}/"


def test_registration_in_steps_with_errors_drafts_and_submit(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.AANMELDER])
    gemeente = team.gemeenten.first()

    # Step 1 with errors: every value comes back, Dutch messages next to the fields.
    bad = {
        "first_name": "Jesse",
        "last_name": "Zandvoort-Fictief",
        "birth_date": "2031-01-01",
        "gemeente": gemeente.pk,
        "address": "Helmweg 3",
        "bsn": "123456789",
        "living_situation": "thuis",
    }
    response = client.post(f"/teams/{team.slug}/aanmelden/", bad)
    body = response.content.decode()
    assert response.status_code == 200
    assert "De geboortedatum ligt in de toekomst." in body
    assert "elfproef" in body
    for value in ("Jesse", "Zandvoort-Fictief", "2031-01-01", "Helmweg 3", "123456789"):
        assert value in body, value
    assert not Casus.objects.exists()

    good = {**bad, "birth_date": "2012-04-03", "bsn": "111222333"}
    response = client.post(f"/teams/{team.slug}/aanmelden/", good)
    casus = Casus.objects.get()
    assert casus.is_draft and response["Location"] == step_url(team, casus, "ouders")

    # Step 2: parents formset.
    parents = {
        "ouders-TOTAL_FORMS": "1",
        "ouders-INITIAL_FORMS": "0",
        "ouders-MIN_NUM_FORMS": "0",
        "ouders-MAX_NUM_FORMS": "4",
        "ouders-0-first_name": "Ilse",
        "ouders-0-last_name": "Zandvoort-Fictief",
        "ouders-0-relation": "moeder",
        "ouders-0-has_gezag": "on",
        "ouders-0-email": "geen-email",
    }
    response = client.post(step_url(team, casus, "ouders"), parents)
    assert response.status_code == 200 and "Ilse" in response.content.decode()
    assert "geldig e-mailadres" in response.content.decode()
    parents["ouders-0-email"] = "ilse@example.org"
    assert client.post(step_url(team, casus, "ouders"), parents).status_code == 302

    # Leave and come back: the draft is in the referrer's list and keeps what was saved.
    listing = client.get(f"/teams/{team.slug}/casussen/").content.decode()
    assert casus.reference in listing and "concept" in listing
    again = client.get(step_url(team, casus, "ouders")).content.decode()
    assert 'value="Ilse"' in again

    # Step 3: the 'anders' reason needs a description; values are kept on error.
    anders = RegistrationReason.objects.get(code="anders").pk
    ggz = Sector.objects.get(region=team.region, code="ggz").pk
    question = {
        "question": "Hij wil thuis blijven wonen.",
        "reasons": [anders],
        "sectors": [ggz],
        "urgency": "hoog",
    }
    body = client.post(step_url(team, casus, "vraag"), question).content.decode()
    assert "Beschrijf de andere reden." in body and "Hij wil thuis blijven wonen." in body
    question["reason_other"] = "school weigert"
    assert client.post(step_url(team, casus, "vraag"), question).status_code == 302
    background = {
        "referrer_type": "01",
        "legal_framework": "vrijwillig",
        "care_history": "Drie keer ambulant.",
    }
    assert client.post(step_url(team, casus, "achtergrond"), background).status_code == 302

    # Submit only when young person and parents know about it.
    body = client.post(
        step_url(team, casus, "versturen"), {"youth_informed": "on"}
    ).content.decode()
    assert "Verstuur pas als de jeugdige en de ouders ervan weten." in body
    response = client.post(
        step_url(team, casus, "versturen"), {"youth_informed": "on", "parents_informed": "on"}
    )
    casus.refresh_from_db()
    assert not casus.is_draft and casus.state == "aangemeld"
    assert response["Location"] == f"/teams/{team.slug}/casussen/{casus.pk}/"
    assert casus.ouders.get().email == "ilse@example.org"
    assert casus.reason_other == "school weigert" and casus.bsn == "111222333"
    assert list(casus.transitions.values_list("to_state", flat=True)) == ["aangemeld"]

    # The referrer may still change it until screening starts.
    edit = {**good, "address": "Helmweg 5"}
    assert client.post(step_url(team, casus, "jeugdige"), edit).status_code == 302
    casus.refresh_from_db()
    assert casus.address == "Helmweg 5"
    screener = as_user(tenancy.a.users[Role.SCREENER])
    screener.post(f"/teams/{team.slug}/casussen/{casus.pk}/status/", {"to_state": "in_screening"})
    client = as_user(tenancy.a.users[Role.AANMELDER])
    assert client.get(step_url(team, casus, "jeugdige")).status_code == 404


def test_draft_is_invisible_to_the_team_until_submitted(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.AANMELDER])
    client.post(
        f"/teams/{team.slug}/aanmelden/",
        {
            "first_name": "Noa",
            "last_name": "Veenstra-Fictief",
            "birth_date": "2015-02-28",
            "gemeente": team.gemeenten.first().pk,
        },
    )
    casus = Casus.objects.get()
    screener = as_user(tenancy.a.users[Role.SCREENER])
    assert screener.get(f"/teams/{team.slug}/casussen/{casus.pk}/").status_code == 404
    assert casus.reference not in screener.get(f"/teams/{team.slug}/casussen/").content.decode()


def test_roles_that_do_not_register_cannot_open_the_form(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert client.get(f"/teams/{tenancy.a.team.slug}/aanmelden/").status_code == 404
    page = as_user(tenancy.a.users[Role.AANMELDER]).get(f"/teams/{tenancy.a.team.slug}/aanmelden/")
    assert page.status_code == 200
    assert re.search(
        r'<label class="utrecht-form-label" for="id_first_name">', page.content.decode()
    )


def test_beheerder_manages_the_reason_list_and_inactive_reasons_disappear(tenancy, client):

    admin = UserFactory(username="functioneelbeheer", is_staff=True, is_superuser=True)
    login(client, admin)
    reason = RegistrationReason.objects.get(code="wachtlijst")
    changelist = client.get("/django-admin/cases/registrationreason/")
    assert changelist.status_code == 200 and "wachtlijst" in changelist.content.decode()
    reason.active = False
    reason.save()
    form = client.get(f"/teams/{tenancy.a.team.slug}/aanmelden/")
    assert form.status_code == 404  # a superuser without team role does not register cases
    aanmelder_page = login(client, tenancy.a.users[Role.AANMELDER])
    draft = CasusFactory(team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])
    page = aanmelder_page.get(f"/teams/{tenancy.a.team.slug}/aanmelden/{draft.pk}/vraag/")
    assert (
        "geen passend aanbod" in page.content.decode()
        and ">wachtlijst<" not in page.content.decode()
    )


def test_only_the_author_may_edit_a_draft_even_a_screener_may_not(tenancy):

    draft = CasusFactory(
        team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER], is_draft=True
    )
    assert may_edit_registration(tenancy.a.users[Role.AANMELDER], draft)
    assert not may_edit_registration(tenancy.a.users[Role.SCREENER], draft)
    draft.is_draft = False
    assert may_edit_registration(tenancy.a.users[Role.SCREENER], draft)


@pytest.mark.parametrize("role", [Role.VOORZITTER, Role.SCREENER])
def test_the_edit_link_on_the_case_page_leads_to_the_registration(tenancy, as_user, role):
    """The case page offers "Aanmelding wijzigen" to whom may edit the registration; the
    voorzitter (who screens but does not register) got a 404 behind the link."""
    casus = CasusFactory(team=tenancy.a.team, state=CaseState.IN_SCREENING)
    client = as_user(tenancy.a.users[role])
    page = client.get(f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/").content.decode()
    assert "Aanmelding wijzigen" in page
    assert client.get(step_url(tenancy.a.team, casus, "jeugdige")).status_code == 200
