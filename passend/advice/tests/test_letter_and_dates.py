"""The advice's content rules and its letter: the short-term dates, the intended providers
that follow the chosen offers, and one form of address per letter."""

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies
from passend.advice.pdf import letter_context
from passend.core.refusals import InvalidInput
from passend.socialmap.models import Aanbod

from .conftest import FULL

pytestmark = pytest.mark.django_db
START = timezone.localdate() + dt.timedelta(days=7)
SOLUTION = "Logeerhuis drie nachten per week"


def save(world, advies=None, **kwargs):
    a = world.a
    advies = advies or services.new_advice(a.casus, actor=a.users[Role.TEAMLID])
    kwargs.setdefault("data", dict(FULL))
    return services.save_advice(advies, actor=a.users[Role.TEAMLID], **kwargs)


def with_dates(end):
    return {
        **FULL,
        "short_term_solution": SOLUTION,
        "short_term_start_date": START,
        "short_term_end_date": end,
    }


# -- the end date of the short-term solution --------------------------------------------------


@pytest.mark.parametrize(
    ("days", "wrong"),
    [(-1, "ligt vóór de startdatum"), (0, "is dezelfde dag als de startdatum")],
)
def test_an_end_date_on_or_before_the_start_says_what_is_wrong_and_what_to_do(world, days, wrong):
    with pytest.raises(InvalidInput) as refused:
        save(world, data=with_dates(START + dt.timedelta(days=days)))
    message = refused.value.errors["short_term_end_date"][0]
    assert wrong in message
    assert f"{START:%d-%m-%Y}" in message, "names the start date it is compared with"
    assert "Kies een einddatum ná de startdatum" in message, "says what to do"
    assert not Advies.objects.exists()


def test_an_end_date_one_day_after_the_start_is_accepted(world):
    advies = save(world, data=with_dates(START + dt.timedelta(days=1)))
    assert advies.short_term_end_date == START + dt.timedelta(days=1)


def test_an_end_date_before_today_with_an_empty_start_is_refused(world):
    """An empty start means 'today'; an end before it is the same problem."""
    today = timezone.localdate()
    data = {**with_dates(today - dt.timedelta(days=1)), "short_term_start_date": None}
    with pytest.raises(InvalidInput) as refused:
        save(world, data=data)
    assert "ligt vóór de startdatum" in refused.value.errors["short_term_end_date"][0]
    assert f"{today:%d-%m-%Y}" in refused.value.errors["short_term_end_date"][0]


def test_the_form_shows_the_end_date_message_next_to_the_field(world, as_user):
    a = world.a
    client = as_user(a.users[Role.TEAMLID])
    response = client.post(
        f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/nieuw/",
        {
            **FULL,
            "status": "zwaarwegend",
            "short_term_solution": SOLUTION,
            "short_term_start_date": START.isoformat(),
            "short_term_end_date": START.isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["short_term_end_date"]
    assert "is dezelfde dag als de startdatum" in errors[0]
    assert SOLUTION in response.content.decode(), "what was entered stays"


# -- intended providers follow the chosen offers ----------------------------------------------


@pytest.fixture
def two_offers(world):
    a = world.a
    linde = Aanbod.objects.create(organisation=a.provider, name="Gezinsbehandeling De Linde")
    zeewind = Aanbod.objects.create(organisation=a.other, name="Dagbehandeling Zeewind")
    return linde, zeewind


def letter_html(advies) -> str:
    advies = Advies.objects.get(pk=advies.pk)
    return render_to_string("advice/letter_pdf.html", letter_context(advies))


def providers_section(html: str) -> str:
    found = re.search(r"Welke organisaties de hulp kunnen bieden</h2>(.*?)</ul>", html, re.S)
    return found.group(1) if found else ""


def test_removing_an_offer_removes_its_provider_from_the_advice_and_the_letter(world, two_offers):
    a = world.a
    linde, zeewind = two_offers
    advies = save(world, offers=[linde, zeewind])
    assert set(advies.candidate_providers.all()) == {a.provider, a.other}
    assert "Jeugdhulp Zeewind" in providers_section(letter_html(advies))

    # The form sends back the providers it showed ticked; the offer of Zeewind is removed.
    save(world, advies, data={}, offers=[linde], providers=[a.provider, a.other])
    assert list(advies.candidate_providers.all()) == [a.provider]
    html = letter_html(advies)
    assert "Jeugdhulp Zeewind" not in providers_section(html)
    assert "Dagbehandeling Zeewind" not in html
    assert "Zorggroep De Linde" in providers_section(html)


def test_a_provider_chosen_on_its_own_stays_when_offers_change(world, two_offers):
    a = world.a
    linde, zeewind = two_offers
    advies = save(world, providers=[a.other], offers=[linde])
    save(world, advies, data={}, offers=[])  # the API: only the offers change
    assert list(advies.candidate_providers.all()) == [a.other], "chosen apart from an offer"
    save(world, advies, data={}, offers=[zeewind])
    save(world, advies, data={}, offers=[linde])
    assert set(advies.candidate_providers.all()) == {a.provider}, "came and went with its offer"


def test_the_api_drops_the_provider_of_a_removed_offer(world, two_offers, as_user):
    a = world.a
    linde, zeewind = two_offers
    advies = save(world, offers=[linde, zeewind])
    client = as_user(a.users[Role.TEAMLID])
    response = client.patch(
        f"/api/v1/advices/{advies.pk}",
        {"chosenOffers": [linde.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["candidateProviders"] == [a.provider.pk]


# -- one form of address per letter -----------------------------------------------------------


def words(html: str) -> set[str]:
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    return {w.casefold() for w in re.findall(r"\w+", text)}


def sent_to(world, **recipients):
    advies = save(world)
    Advies.objects.filter(pk=advies.pk).update(**recipients)
    return letter_html(advies)


FORMAL = {"u", "uw"}
INFORMAL_PLURAL = {"jullie"}
INFORMAL_SINGULAR = {"je", "jij", "jou", "jouw"}


def test_a_letter_to_the_family_says_jullie_throughout(world):
    found = words(sent_to(world, to_young_person=True, to_parents=True, to_referrer=True))
    assert "jullie" in found
    assert not found & FORMAL, found & FORMAL
    assert not found & INFORMAL_SINGULAR


def test_a_letter_to_the_young_person_alone_says_je_throughout(world):
    found = words(sent_to(world, to_young_person=True, to_parents=False, to_referrer=False))
    assert "je" in found
    assert not found & (FORMAL | INFORMAL_PLURAL)


def test_a_letter_to_the_referrer_alone_says_u_throughout(world):
    html = sent_to(world, to_young_person=False, to_parents=False, to_referrer=True)
    found = words(html)
    assert "u" in found
    assert not found & (INFORMAL_PLURAL | INFORMAL_SINGULAR)
    assert "beste ouders" not in html.casefold(), "not addressed to whom it does not go"
