"""Screening through the UI: suitable needs consent, not suitable and crisis need a reason."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.services import record_consent, submit_registration, transition
from passend.cases.tests.factories import CasusFactory, OuderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_screening(tenancy):
    today = timezone.localdate()
    casus = CasusFactory(
        team=tenancy.a.team,
        is_draft=True,
        aanmelder=tenancy.a.users[Role.AANMELDER],
        birth_date=today.replace(year=today.year - 9) - dt.timedelta(days=1),
        youth_informed=True,
        parents_informed=True,
    )
    submit_registration(casus, actor=tenancy.a.users[Role.AANMELDER])
    OuderFactory(casus=casus)
    transition(casus, to=CaseState.IN_SCREENING, actor=tenancy.a.users[Role.SCREENER])
    return casus


def url(tenancy, casus):
    return f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/"


def test_suitable_without_consent_is_refused_with_the_same_message_and_keeps_input(
    tenancy, as_user, in_screening
):
    client = as_user(tenancy.a.users[Role.SCREENER])
    expert = tenancy.a.users[Role.TEAMLID]
    data = {"outcome": "geschikt", "reason": "Past bij het team", "experts": [expert.pk]}
    response = client.post(url(tenancy, in_screening), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "De casus kan niet in behandeling: de toestemming is niet compleet." in body
    assert "Past bij het team" in body
    assert re.search(rf'value="{expert.pk}"[^>]*checked', body), "chosen expert stays checked"
    in_screening.refresh_from_db()
    assert in_screening.state == CaseState.IN_SCREENING

    # Under 12: the parent with gezag consents; then the same decision goes through.
    record_consent(
        in_screening,
        actor=tenancy.a.users[Role.SCREENER],
        ouder=in_screening.ouders.get(),
        method="formulier",
        given_on=timezone.localdate(),
    )
    data["procesregisseur"] = tenancy.a.users[Role.PROCESREGISSEUR].pk
    data["casushouder"] = tenancy.a.users[Role.AANMELDER].pk
    response = client.post(url(tenancy, in_screening), data)
    assert response.status_code == 302
    in_screening.refresh_from_db()
    assert in_screening.state == CaseState.IN_BEHANDELING
    assert in_screening.screening_outcome == "geschikt"
    assert in_screening.casushouder == tenancy.a.users[Role.AANMELDER]
    assert list(in_screening.experts.all()) == [expert]
    assert in_screening.procesregisseur == tenancy.a.users[Role.PROCESREGISSEUR]


def test_not_suitable_and_crisis_need_reason_and_redirect(tenancy, as_user, in_screening):
    client = as_user(tenancy.a.users[Role.SCREENER])
    body = client.post(url(tenancy, in_screening), {"outcome": "crisis"}).content.decode()
    assert "Geef een reden op bij &#x27;crisis: doorverwijzen&#x27;." in body
    assert "Vul in naar wie of welke organisatie is doorverwezen." in body
    response = client.post(
        url(tenancy, in_screening),
        {
            "outcome": "crisis",
            "reason": "Acuut gevaar thuis",
            "redirected_to": "Crisisdienst jeugd",
        },
        follow=True,
    )
    assert "geen crisishulp of noodoplossingen" in response.content.decode()
    in_screening.refresh_from_db()
    assert in_screening.state == CaseState.CRISIS_DOORVERWEZEN
    assert in_screening.redirected_to == "Crisisdienst jeugd"
    last = in_screening.transitions.last()
    assert (last.actor, last.reason) == (tenancy.a.users[Role.SCREENER], "Acuut gevaar thuis")


def test_not_suitable_without_redirect_is_a_rejection(tenancy, as_user, in_screening):
    client = as_user(tenancy.a.users[Role.SCREENER])
    client.post(
        url(tenancy, in_screening), {"outcome": "niet_geschikt", "reason": "Geen vastgelopen vraag"}
    )
    in_screening.refresh_from_db()
    assert in_screening.state == CaseState.AFGEWEZEN


def test_team_member_cannot_screen(tenancy, as_user, in_screening):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    page = client.get(url(tenancy, in_screening)).content.decode()
    assert "Screening vastleggen" not in page
    refused = client.post(
        url(tenancy, in_screening),
        {"outcome": "crisis", "reason": "x", "redirected_to": "Crisisdienst jeugd"},
    )
    assert refused.status_code == 403
    assert "screeningsbesluit nemen de screener en de voorzitter" in refused.content.decode()
    in_screening.refresh_from_db()
    assert in_screening.state == CaseState.IN_SCREENING
    in_screening.refresh_from_db()
    assert in_screening.state == CaseState.IN_SCREENING


def test_consent_recorded_and_withdrawn_in_the_ui(tenancy, as_user, in_screening):
    client = as_user(tenancy.a.users[Role.SCREENER])
    ouder = in_screening.ouders.get()
    page = client.get(url(tenancy, in_screening)).content.decode()
    assert f"ontbreekt nog van: {ouder.first_name} {ouder.last_name}" in page, "names, not keys"
    bad = client.post(
        url(tenancy, in_screening),
        {
            "formulier": "toestemming",
            "person": str(ouder.pk),
            "method": "mondeling",
            "given_on": "2026-01-05",
        },
    ).content.decode()
    assert "Bij mondelinge toestemming hoort een getuige." in bad and 'value="2026-01-05"' in bad
    ok = client.post(
        url(tenancy, in_screening),
        {"formulier": "toestemming", "person": str(ouder.pk), "method": "mondeling",
         "witness": "Getuige Fictief", "given_on": "2026-01-05", "scope_exchange": "on"},
    )  # fmt: skip
    assert ok.status_code == 302
    consent = in_screening.consents.get()
    assert (consent.ouder, consent.witness, consent.recorded_by) == (
        ouder,
        "Getuige Fictief",
        tenancy.a.users[Role.SCREENER],
    )
    page = client.get(url(tenancy, in_screening)).content.decode()
    assert "De toestemming voor informatie-uitwisseling is compleet." in page
    client.post(
        url(tenancy, in_screening),
        {"formulier": "intrekken", "consent": consent.pk, "withdrawn_on": "2026-02-01"},
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2026, 2, 1)
    assert (
        "heeft de toestemming ingetrokken op"
        in client.get(url(tenancy, in_screening)).content.decode()
    )
    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    assert "Toestemming vastleggen" not in teamlid.get(url(tenancy, in_screening)).content.decode()
