"""The case overview is an overview: what was registered, and links to the consent,
attachment, screening and status pages. Each page shows its form to whom may use it, and
after a failed submit shows the errors with everything entered."""

import re

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.codes import CaseState
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_screening(tenancy):
    casus = CasusFactory(
        team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER], state="in_screening"
    )
    OuderFactory(casus=casus, first_name="Mila", last_name="Zandvoort-Fictief")
    return casus


def base(tenancy, casus) -> str:
    return f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/"


def test_the_overview_links_to_the_forms_instead_of_holding_them(tenancy, as_user, in_screening):
    screener = as_user(tenancy.a.users[Role.SCREENER])
    page = screener.get(base(tenancy, in_screening)).content.decode()
    for name in ("toestemming", "bijlagen", "screening"):
        assert f'href="{base(tenancy, in_screening)}{name}/"' in page, name
    assert 'name="formulier"' not in page and 'name="outcome"' not in page
    assert 'type="file"' not in page and 'name="given_on"' not in page
    screening = screener.get(f"{base(tenancy, in_screening)}screening/").content.decode()
    assert 'name="outcome"' in screening and "Screening vastleggen" in screening


def test_each_page_shows_its_form_only_to_whom_may_use_it(tenancy, as_user, in_screening):
    url = base(tenancy, in_screening)
    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    assert teamlid.get(f"{url}screening/").status_code == 403
    consent = teamlid.get(f"{url}toestemming/")
    assert consent.status_code == 200 and 'name="given_on"' not in consent.content.decode()
    screener = as_user(tenancy.a.users[Role.SCREENER])
    assert 'name="given_on"' in screener.get(f"{url}toestemming/").content.decode()
    assert 'type="file"' in screener.get(f"{url}bijlagen/").content.decode()


def test_a_failed_consent_keeps_what_was_entered_on_its_own_page(tenancy, as_user, in_screening):
    client = as_user(tenancy.a.users[Role.SCREENER])
    ouder = in_screening.ouders.get()
    url = f"{base(tenancy, in_screening)}toestemming/"
    data = {"formulier": "toestemming", "person": str(ouder.pk), "method": "mondeling",
            "given_on": "2026-01-05", "scope_learning": "on"}  # fmt: skip
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bij mondelinge toestemming hoort een getuige." in body
    assert 'id="form-errors"' in body and 'value="2026-01-05"' in body
    assert re.search(rf'<option value="{ouder.pk}" selected>', body)
    assert re.search(r'name="scope_learning"[^>]*checked', body)
    assert '<form method="post" novalidate' in body, "posts to the page itself"
    data["witness"] = "Getuige Fictief"
    ok = client.post(url, data)
    assert ok.status_code == 302 and ok["Location"] == url
    assert in_screening.consents.get().witness == "Getuige Fictief"


def test_a_failed_attachment_keeps_the_description(tenancy, as_user, in_screening):
    client = as_user(tenancy.a.users[Role.AANMELDER])
    url = f"{base(tenancy, in_screening)}bijlagen/"
    body = client.post(url, {"description": "verslag onderzoek"}).content.decode()
    assert "Kies een bestand." in body and 'value="verslag onderzoek"' in body


def test_the_status_page_offers_the_steps_as_radios_and_keeps_the_reason(tenancy, as_user):
    casus = CasusFactory(
        team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER], state="aangemeld"
    )
    url = f"{base(tenancy, casus)}status/"
    screener = as_user(tenancy.a.users[Role.SCREENER])
    page = screener.get(url).content.decode()
    radio = re.search(r'<input type="radio" name="to_state" value="in_screening"[^>]*>', page)
    assert 'class="utrecht-radio-button utrecht-radio-button--html-input"' in radio.group(0)
    assert "utrecht-form-label--radio" in page and "utrecht-form-label--checkbox" not in page
    refused = screener.post(url, {"reason": "Eerst bellen met school"})
    body = refused.content.decode()
    assert refused.status_code == 200 and "Kies een geldige nieuwe status." in body
    assert "Eerst bellen met school" in body
    moved = screener.post(url, {"to_state": "in_screening"})
    assert moved.status_code == 302 and moved["Location"] == base(tenancy, casus)
    casus.refresh_from_db()
    assert casus.state == CaseState.IN_SCREENING
    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    assert teamlid.get(url).status_code == 403


def test_the_overview_shows_what_was_entered_at_registration(tenancy, as_user):
    """Issue 10: what has been tried, involved organisations and the parents' phone and
    e-mail were nowhere on the case after submission."""
    casus = CasusFactory(
        team=tenancy.a.team,
        aanmelder=tenancy.a.users[Role.AANMELDER],
        care_history="Twee jaar ambulante hulp, daarna dagbehandeling.",
        reason_other="Zorgen van school",
        gender="v",
        fluctuating=True,
    )
    casus.involved_organisations.add(
        OrganisationFactory(name="Jeugdzorg Duinrand", regions=[tenancy.a.team.region])
    )
    OuderFactory(casus=casus, phone="06-12345678", email="ouder@example.test", address="Duinweg 1")
    client = as_user(tenancy.a.users[Role.TEAMLID])
    page = client.get(base(tenancy, casus)).content.decode()
    for shown in (
        "Twee jaar ambulante hulp, daarna dagbehandeling.",
        "Jeugdzorg Duinrand",
        "06-12345678",
        "ouder@example.test",
        "Duinweg 1",
        "Zorgen van school",
        "meisje / vrouw",
        "progressief, wisselend of atypisch verloop",
    ):
        assert shown in page, shown
    # The parents' contact details are personal data of the case: the read is logged.
    entry = AccessLogEntry.objects.filter(
        subject_type="casus", subject_id=str(casus.pk), outcome=Outcome.ALLOWED
    ).latest("id")
    assert entry.user == tenancy.a.users[Role.TEAMLID]


def test_the_overview_post_is_handed_to_the_page_of_its_form(tenancy, as_user, in_screening):
    """Older links and clients post to the overview: the page of the form answers."""
    client = as_user(tenancy.a.users[Role.SCREENER])
    today = timezone.localdate().isoformat()
    ouder = in_screening.ouders.get()
    response = client.post(
        base(tenancy, in_screening),
        {"formulier": "toestemming", "person": str(ouder.pk), "method": "mondeling",
         "given_on": today, "witness": "Getuige Fictief", "scope_exchange": "on"},
    )  # fmt: skip
    assert response.status_code == 302 and in_screening.consents.count() == 1
    bad = client.post(base(tenancy, in_screening), {"outcome": "crisis"}).content.decode()
    assert 'name="outcome"' in bad and "Vul in naar wie" in bad


def test_registration_steps_are_an_ordered_list_with_the_current_step(tenancy, as_user):
    author = tenancy.a.users[Role.AANMELDER]
    draft = CasusFactory(team=tenancy.a.team, aanmelder=author, is_draft=True)
    client = as_user(author)
    url = f"/teams/{tenancy.a.team.slug}/aanmelden/{draft.pk}/vraag/"
    page = client.get(url).content.decode()
    steps = re.search(r'<ol class="passend-steps">(.*?)</ol>', page, re.S).group(1)
    assert steps.count("<li") == 5 and steps.count('aria-current="step"') == 1
    assert '<li aria-current="step">Vraag en reden</li>' in steps
    assert f'href="/teams/{tenancy.a.team.slug}/aanmelden/{draft.pk}/jeugdige/"' in steps


def test_no_select_on_the_case_pages_shows_dashes(tenancy, as_user, in_screening):
    """Django's "---------" as the empty choice reads as nothing; every select says "Kies …"
    unless the form names its own empty choice."""
    author = tenancy.a.users[Role.AANMELDER]
    draft = CasusFactory(team=tenancy.a.team, aanmelder=author, is_draft=True)
    author_client = as_user(author)
    pages = [
        author_client.get(f"/teams/{tenancy.a.team.slug}/aanmelden/{draft.pk}/{step}/")
        for step in ("jeugdige", "ouders", "vraag", "achtergrond")
    ]
    screener = as_user(tenancy.a.users[Role.SCREENER])
    url = base(tenancy, in_screening)
    pages += [screener.get(f"{url}{name}/") for name in ("screening", "toestemming", "bijlagen")]
    pages.append(screener.get(f"/teams/{tenancy.a.team.slug}/casussen/"))
    chosen = 0
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200 and "---------" not in html, response.request
        chosen += html.count(">Kies …</option>")
    assert chosen >= 5, "gender, gemeente, relation, referrer type, casushouder"
