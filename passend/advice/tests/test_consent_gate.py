"""No advice without valid consent: drafting, approving, sending (information sharing) and
explaining the advice are refused with the same Dutch message on the page and 409 in the API;
reading stays possible."""

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies, Party, Toelichtingsverzoek
from passend.cases.codes import CaseState
from passend.cases.services import withdraw_consent
from passend.cases.workflow import case_work_refusal

from .conftest import FULL

pytestmark = pytest.mark.django_db


def withdraw(casus):
    """The parent withdraws consent (a 14-year-old's case needs the parents' consent too)."""
    consent = casus.consents.exclude(ouder=None).get()
    screener = casus.team.memberships.get(role=Role.SCREENER).user
    withdraw_consent(consent, actor=screener, withdrawn_on=timezone.localdate())
    return case_work_refusal(casus)


def approved(world):
    a = world.a
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
    )
    return services.approve_advice(advies, actor=a.users[Role.VOORZITTER])


def test_no_new_advice_on_the_page_or_in_the_api(world, as_user):
    a = world.a
    message = withdraw(a.casus)
    assert "Marloes Fictief heeft de toestemming ingetrokken" in message
    client = as_user(a.users[Role.TEAMLID])
    base = f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/"
    page = client.get(base).content.decode()
    assert message in page and f"{base}nieuw/" not in page
    response = client.post(f"{base}nieuw/", {**FULL, "status": "zwaarwegend"})
    assert response.status_code == 200 and message in response.content.decode()
    response = client.post(
        f"/api/v1/cases/{a.casus.pk}/advices", {"mostFittingCare": "x"}, "application/json"
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == message
    assert not Advies.objects.exists()


def test_an_approved_advice_is_not_sent(world, as_user):
    a = world.a
    advies = approved(world)
    message = withdraw(a.casus)
    chair = as_user(a.users[Role.VOORZITTER])
    base = f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/"
    page = chair.get(base).content.decode()
    assert message in page and 'value="versturen"' not in page
    response = chair.post(
        base, {"formulier": "versturen", "advies": advies.pk, "recipients": ["ouders"]}
    )
    assert response.status_code == 200 and message in response.content.decode()
    response = chair.post(
        f"/api/v1/advices/{advies.pk}/dispatches", {"recipients": ["ouders"]}, "application/json"
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    advies.refresh_from_db()
    a.casus.refresh_from_db()
    assert not advies.is_sent and a.casus.state == CaseState.IN_BEHANDELING
    assert chair.get(f"/api/v1/advices/{advies.pk}").status_code == 200, "reading stays"


def test_the_team_does_not_explain_the_advice_while_consent_is_withdrawn(world, as_user):
    a = world.a
    advies = approved(world)
    services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    verzoek = Toelichtingsverzoek.objects.create(
        advies=advies, party=Party.OUDER, question="Wat betekent plan B?"
    )
    message = withdraw(a.casus)
    response = as_user(a.users[Role.TEAMLID]).patch(
        f"/api/v1/clarification-requests/{verzoek.pk}",
        {"answer": "Dat leggen we uit."},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    verzoek.refresh_from_db()
    assert verzoek.answered_at is None
