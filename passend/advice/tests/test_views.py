"""The advice pages through plain HTML forms (Django test client)."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies
from passend.advice.pdf import letter_context, render_letter
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.codes import CaseState
from passend.cases.tests.test_consent_pdf import pdf_text
from passend.core.tests.factories import MembershipFactory, UserFactory

from .conftest import FULL, works_for

pytestmark = pytest.mark.django_db


def urls(world):
    a = world.a
    base = f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/"
    return base


def post_advice(client, base, **extra):
    data = {**FULL, "status": "zwaarwegend", **extra}
    return client.post(f"{base}nieuw/", data)


def test_draft_approve_send_follow_up_through_forms(world, as_user):
    a, base = world.a, urls(world)
    client = as_user(a.users[Role.TEAMLID])
    response = post_advice(client, base, candidate_providers=[a.provider.pk])
    assert response.status_code == 302 and response["Location"] == base
    advies = Advies.objects.get()
    assert advies.drafted_by == a.users[Role.TEAMLID]
    assert list(advies.candidate_providers.all()) == [a.provider]
    page = client.get(base).content.decode()
    assert "Nog niet klaar voor goedkeuring" not in page and "Advies goedkeuren" not in page

    client = as_user(a.users[Role.VOORZITTER])
    assert "Advies goedkeuren" in client.get(base).content.decode()
    client.post(base, {"formulier": "goedkeuren", "advies": advies.pk})
    advies.refresh_from_db()
    assert advies.approved_by == a.users[Role.VOORZITTER]
    page = client.get(base).content.decode()
    assert "download de brief en verstuur die" in page.lower()
    response = client.post(
        base, {"formulier": "versturen", "advies": advies.pk, "recipients": ["jeugdige", "ouders"]}
    )
    assert response.status_code == 302
    a.casus.refresh_from_db()
    advies.refresh_from_db()
    assert a.casus.state == CaseState.ADVIES_UITGEBRACHT
    assert advies.recipients == ["jeugdige", "ouders"]
    assert advies.opvolgingen.count() == 1

    client = as_user(a.users[Role.PROCESREGISSEUR])
    form_url = f"{base}{advies.pk}/follow-up/"
    assert client.get(form_url).status_code == 200
    response = client.post(
        form_url,
        {
            "done_on": timezone.localdate().isoformat(),
            "implementation_status": "volledig_gevolgd",
            "in_fitting_place": "on",
            "notes": "Gestart, loopt goed.",
        },
    )
    assert response.status_code == 302
    a.casus.refresh_from_db()
    assert a.casus.state == CaseState.FOLLOW_UP
    assert Advies.objects.get().implementation_status == "volledig_gevolgd"


def test_bad_input_keeps_what_was_entered(world, as_user):
    a, base = world.a, urls(world)
    client = as_user(a.users[Role.TEAMLID])
    response = post_advice(
        client,
        base,
        status="bindend",
        status_reason="",
        short_term_solution="Logeerhuis drie nachten per week",
        short_term_start_date="2026-03-01",
        short_term_end_date="2026-02-01",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geef de reden waarom dit advies" in page
    assert "De einddatum ligt vóór de startdatum" in page
    assert "Logeerhuis drie nachten per week" in page and FULL["routes"] in page
    assert not Advies.objects.exists()


def test_approval_refused_with_message_while_a_conflict_is_open(world, as_user):
    a, base = world.a, urls(world)
    works_for(a.users[Role.TEAMLID], a.team, a.provider)
    as_user(a.users[Role.TEAMLID])
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
        providers=[a.provider],
    )
    client = as_user(a.users[Role.VOORZITTER])
    page = client.get(base).content.decode()
    assert "Mogelijke belangenverstrengeling" in page and "Zorggroep De Linde" in page
    response = client.post(base, {"formulier": "goedkeuren", "advies": advies.pk}, follow=True)
    assert "Leg eerst vast of de expert betrokken blijft" in response.content.decode()
    advies.refresh_from_db()
    assert not advies.is_approved
    # The expert confirms, with an explanation; then the chair approves.
    client = as_user(a.users[Role.TEAMLID])
    response = client.post(
        base,
        {
            "formulier": "belang",
            "advies": advies.pk,
            "user": a.users[Role.TEAMLID].pk,
            "organisation": a.provider.pk,
            "decision": "bevestigd",
            "explanation": "",
        },
    )
    assert response.status_code == 200 and "Licht toe" in response.content.decode()
    client.post(
        base,
        {
            "formulier": "belang",
            "advies": advies.pk,
            "user": a.users[Role.TEAMLID].pk,
            "organisation": a.provider.pk,
            "decision": "bevestigd",
            "explanation": "Ik beslis niet over de plaatsing.",
        },
    )
    client = as_user(a.users[Role.VOORZITTER])
    client.post(base, {"formulier": "goedkeuren", "advies": advies.pk})
    advies.refresh_from_db()
    assert advies.is_approved


def test_only_the_chair_gets_the_approval_button_and_may_post_it(world, as_user):
    a, base = world.a, urls(world)
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
    )
    client = as_user(a.users[Role.PROCESREGISSEUR])
    response = client.post(base, {"formulier": "goedkeuren", "advies": advies.pk})
    assert response.status_code == 403
    assert "niet vastleggen" in response.content.decode(), "the page names the refusal"
    advies.refresh_from_db()
    assert not advies.is_approved


def sent(world):
    a = world.a
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data={**FULL, "short_term_solution": "Logeerhuis in het weekend"},
    )
    services.approve_advice(advies, actor=a.users[Role.VOORZITTER])
    return services.send_advice(advies, actor=a.users[Role.VOORZITTER])


def test_referrer_sees_only_sent_advice_its_letter_and_may_ask_for_clarification(world, as_user):
    a, base = world.a, urls(world)
    draft = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
    )
    client = as_user(a.users[Role.AANMELDER])
    page = client.get(base).content.decode()
    assert FULL["most_fitting_care"] not in page
    assert "nog geen advies verstuurd" in page
    assert client.get(f"{base}{draft.pk}/brief.pdf").status_code == 404
    assert client.get(f"{base}{draft.pk}/bewerken/").status_code == 403, "team only"
    services.approve_advice(draft, actor=a.users[Role.VOORZITTER])
    services.send_advice(draft, actor=a.users[Role.VOORZITTER])
    page = client.get(base).content.decode()
    assert FULL["most_fitting_care"] in page
    assert "Goedkeuren" not in page and "Belangenverstrengeling" not in page
    assert client.get(f"{base}nieuw/").status_code == 403
    response = client.post(
        base, {"formulier": "toelichting", "advies": draft.pk, "question": "Wie belt de school?"}
    )
    assert response.status_code == 302
    verzoek = draft.toelichtingsverzoeken.get()
    assert verzoek.party == "verwijzer" and verzoek.asked_by == a.users[Role.AANMELDER]
    response = client.post(
        base, {"formulier": "antwoord", "advies": draft.pk, "verzoek": verzoek.pk, "answer": "x"}
    )
    assert response.status_code == 403, "answering is for the team"
    # The team answers; the referrer reads the answer.
    as_user(a.users[Role.TEAMLID]).post(
        base,
        {"formulier": "antwoord", "advies": draft.pk, "verzoek": verzoek.pk, "answer": "Wij."},
    )
    client = as_user(a.users[Role.AANMELDER])
    assert "Wij." in client.get(base).content.decode()
    letter = client.get(f"{base}{draft.pk}/brief.pdf")
    assert letter.status_code in (200, 503)
    if letter.status_code == 200:
        assert letter["Content-Type"] == "application/pdf"
        assert AccessLogEntry.objects.filter(
            user=a.users[Role.AANMELDER], action="print", subject_id=str(a.casus.pk)
        ).exists()


def test_other_referrer_and_policy_adviser_see_nothing(world, as_user):
    a, base = world.a, urls(world)
    advies = sent(world)
    stranger = UserFactory(username="andere.verwijzer")
    MembershipFactory(user=stranger, team=a.team, role=Role.AANMELDER)
    for user in (stranger, a.users[Role.BELEIDSADVISEUR]):
        client = as_user(user)
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        assert client.get(base).status_code == 404
        assert client.get(f"{base}{advies.pk}/brief.pdf").status_code == 404
        assert client.get(f"/api/v1/advices/{advies.pk}").status_code == 404
        assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 3


def test_letter_speaks_plain_dutch_to_the_family(world):
    advies = sent(world)
    context = letter_context(advies)
    titles = [s["title"] for s in context["sections"]]
    assert titles[:4] == [
        "Wat wij adviseren",
        "Wat eerst, en hoe snel",
        "Hoe komt de hulp er",
        "Tot de hulp begint",
    ]
    assert "gemotiveerd van afwijken" in context["status_explained"]
    assert context["short_term"]["end"] == advies.short_term_end_date.strftime("%d-%m-%Y")
    assert [s["label"] for s in context["scenarios"]] == ["Plan A", "Plan B"]
    assert "Marloes Fictief" in context["addressees"]
    html = render_to_string("advice/letter_pdf.html", context)
    for text in (
        "Wat wij adviseren",
        "Plan A, B en C",
        "Een oplossing voor nu",
        "Wie betaalt de hulp",
        "Is iets niet duidelijk?",
        "om uitleg vragen",
        FULL["most_fitting_care"],
    ):
        assert text in html
    assert "CONCEPT" not in html


def test_bindend_letter_says_so(world):
    a = world.a
    a.team.advice_status_default = "bindend"
    a.team.save()
    advies = sent(world)
    advies.casus.team.refresh_from_db()
    assert "Dit advies is bindend" in letter_context(advies)["status_explained"]


def test_letter_pdf_contains_the_sections_when_weasyprint_works(world):
    text = pdf_text(render_letter(sent(world)))  # pypdf: no tool needed, never left out
    assert "Wat wij adviseren" in text and "Een oplossing voor nu" in text


def test_edit_page_explains_why_an_approved_advice_cannot_change(world, as_user):
    a, base = world.a, urls(world)
    advies = sent(world)
    page = as_user(a.users[Role.TEAMLID]).get(f"{base}{advies.pk}/bewerken/").content.decode()
    assert "kan niet meer worden gewijzigd" in page or "in behandeling of heropend" in page
    assert 'name="most_fitting_care"' not in page


def test_follow_up_form_refuses_future_dates_and_keeps_input(world, as_user):
    a, base = world.a, urls(world)
    advies = sent(world)
    client = as_user(a.users[Role.PROCESREGISSEUR])
    response = client.post(
        f"{base}{advies.pk}/follow-up/",
        {
            "done_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
            "implementation_status": "compromis",
            "notes": "Deels gestart",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "niet in de toekomst" in page and "Deels gestart" in page
    refused = as_user(a.users[Role.TEAMLID]).get(f"{base}{advies.pk}/follow-up/")
    assert refused.status_code == 403
    assert "Alleen de procesregisseur, de voorzitter of de verwijzer" in refused.content.decode()
