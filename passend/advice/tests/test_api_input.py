"""The advice API takes only what the domain can have: the conflict-of-interest expert is an
active case-work member of the case's team who is flagged for this advice; bad bodies and
impossible dates are 400 problem+json, never a 500; drafts of someone else and refused child
records are 404 with one denied entry naming what was asked for."""

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies, Belangenverklaring, Opvolging, Toelichtingsverzoek
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.tests.factories import CasusFactory
from passend.core.refusals import InvalidInput

from .conftest import FULL, works_for

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
TODAY = timezone.localdate()


def assert_invalid(response, name=None):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM
    params = response.json()["invalidParams"]
    assert params, "invalidParams names what is wrong"
    if name is not None:
        names = [p["name"].split(".")[0] for p in params]  # "recipients.0": its first row
        assert name in names, params


def drafted(world, providers=None):
    a = world.a
    return services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
        providers=providers,
    )


def sent(world):
    advies = services.approve_advice(drafted(world), actor=world.a.users[Role.VOORZITTER])
    return services.send_advice(advies, actor=world.a.users[Role.VOORZITTER])


def test_only_a_flagged_expert_declares_an_interest(world):
    """declare_interest itself checks the flag: an expert whose organisation is no candidate
    provider of the advice, or someone who is no expert of it, cannot declare or step back."""
    a = world.a
    expert, screener = a.users[Role.TEAMLID], a.users[Role.SCREENER]
    works_for(expert, a.team, a.other)  # not a candidate provider below
    advies = drafted(world, providers=[a.provider])
    assert services.selectors.conflict_flags(advies) == []
    chair = a.users[Role.VOORZITTER]
    for actor, user, organisation in (
        (expert, expert, a.other),
        (expert, expert, a.provider),
        (chair, screener, a.provider),
    ):
        with pytest.raises(InvalidInput, match="geen belangenverstrengeling"):
            services.declare_interest(
                advies,
                actor=actor,
                user=user,
                organisation=organisation,
                decision="teruggetreden",
            )
    assert not Belangenverklaring.objects.exists()
    assert expert in a.casus.experts.all(), "nobody stepped back"


def test_the_conflict_declaration_api_takes_only_flagged_team_experts(world, as_user):
    a = world.a
    expert = a.users[Role.TEAMLID]
    works_for(expert, a.team, a.provider)
    advies = drafted(world, providers=[a.provider])
    chair = as_user(a.users[Role.VOORZITTER])
    url = f"/api/v1/advices/{advies.pk}/conflict-declarations"
    body = {"organisation": a.provider.pk, "decision": "teruggetreden"}
    for outsider in (world.b.users[Role.TEAMLID], a.users[Role.AANBIEDER]):
        assert_invalid(chair.post(url, {**body, "user": outsider.pk}, "application/json"), "user")
    not_flagged = a.users[Role.PROCESREGISSEUR]  # a team expert, but not for this provider
    assert_invalid(chair.post(url, {**body, "user": not_flagged.pk}, "application/json"), "user")
    assert not Belangenverklaring.objects.exists()
    response = chair.post(url, {**body, "user": expert.pk}, "application/json")
    assert response.status_code == 201
    assert expert not in a.casus.experts.all()


BAD_BODIES = ["[]", "[{}]", "true", '"tekst"', "null"]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_body_that_is_no_object_is_a_400_on_every_write_route(world, as_user, body):
    a = world.a
    advies = sent(world)
    verzoek = Toelichtingsverzoek.objects.create(advies=advies, party="ouder", question="?")
    client = as_user(a.users[Role.VOORZITTER])
    for method, url in (
        ("post", f"/api/v1/cases/{a.casus.pk}/advices"),
        ("patch", f"/api/v1/advices/{advies.pk}"),
        ("post", f"/api/v1/advices/{advies.pk}/dispatches"),
        ("post", f"/api/v1/advices/{advies.pk}/conflict-declarations"),
        ("post", f"/api/v1/advices/{advies.pk}/clarification-requests"),
        ("post", f"/api/v1/advices/{advies.pk}/follow-ups"),
        ("patch", f"/api/v1/clarification-requests/{verzoek.pk}"),
    ):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert_invalid(response)


def test_unknown_ids_rows_and_impossible_dates_are_400(world, as_user):
    a = world.a
    client = as_user(a.users[Role.TEAMLID])
    create = f"/api/v1/cases/{a.casus.pk}/advices"
    short = {"shortTermSolution": "Logeerhuis"}
    for body, name in (
        ({"candidateProviders": [{}]}, "candidateProviders"),
        ({"candidateProviders": [999999]}, "candidateProviders"),
        ({"chosenOffers": [999999]}, "chosenOffers"),
        ({"chosenOffers": True}, "chosenOffers"),
        ({**short, "shortTermStartDate": "0001-01-01"}, "shortTermStartDate"),
        ({**short, "shortTermStartDate": "9999-12-31"}, "shortTermStartDate"),
        ({**short, "shortTermEndDate": "9999-12-31"}, "shortTermEndDate"),
        ({"status": {}}, "status"),
    ):
        assert_invalid(client.post(create, body, content_type="application/json"), name)
    assert not Advies.objects.exists()
    advies = drafted(world)
    response = client.patch(
        f"/api/v1/advices/{advies.pk}",
        {**short, "shortTermStartDate": "9999-12-31"},
        content_type="application/json",
    )
    assert_invalid(response, "shortTermStartDate")
    advies.refresh_from_db()
    assert advies.short_term_start_date is None


def test_follow_up_and_dispatch_dates_and_choices_are_checked(world, as_user):
    a = world.a
    advies = services.approve_advice(drafted(world), actor=a.users[Role.VOORZITTER])
    chair = as_user(a.users[Role.VOORZITTER])
    url = f"/api/v1/advices/{advies.pk}/dispatches"
    for body in ({"recipients": [{}]}, {"recipients": True}, {"recipients": ["buurman"]}):
        assert_invalid(chair.post(url, body, content_type="application/json"), "recipients")
    services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    director = as_user(a.users[Role.PROCESREGISSEUR])
    url = f"/api/v1/advices/{advies.pk}/follow-ups"
    today = TODAY.isoformat()
    for body, name in (
        ({"dueOn": "0001-01-01"}, "dueOn"),
        ({"dueOn": "9999-12-31"}, "dueOn"),
        ({"doneOn": "0001-01-01", "implementationStatus": "compromis"}, "doneOn"),
        ({"doneOn": today, "implementationStatus": "compromis", "nextDueOn": "9999-12-31"}, None),
        ({"doneOn": today, "implementationStatus": {}}, "implementationStatus"),
    ):
        assert_invalid(director.post(url, body, content_type="application/json"), name)
    assert Opvolging.objects.filter(done_on__isnull=False).count() == 0
    assert Opvolging.objects.count() == 1, "only the one planned at sending"


def denied(**fields):
    return AccessLogEntry.objects.filter(outcome=Outcome.DENIED, **fields)


def test_someone_elses_draft_is_404_with_one_denied_entry_on_every_advice_route(world, as_user):
    a = world.a
    draft = CasusFactory(team=a.team, aanmelder=a.users[Role.SCREENER], is_draft=True)
    client = as_user(a.users[Role.VOORZITTER])
    for method, url in (
        ("get", f"/api/v1/cases/{draft.pk}/advices"),
        ("post", f"/api/v1/cases/{draft.pk}/advices"),
        ("get", f"/teams/{a.team.slug}/casussen/{draft.pk}/advies/"),
        ("get", f"/teams/{a.team.slug}/casussen/{draft.pk}/advies/nieuw/"),
        ("get", f"/teams/{a.team.slug}/casussen/{draft.pk}/overleg/"),
    ):
        before = denied().count()
        if method == "post":
            response = client.post(url, FULL, content_type="application/json")
        else:
            response = client.get(url)
        assert response.status_code == 404, url
        assert denied().count() == before + 1, url
        entry = denied().latest("id")
        assert (entry.subject_type, entry.subject_id) == ("casus", str(draft.pk)), url


def test_a_clarification_request_of_another_advice_is_404_naming_the_request(world, as_user):
    a = world.a
    advies = sent(world)
    other_case = CasusFactory(team=a.team, aanmelder=a.users[Role.AANMELDER])
    other = Advies.objects.create(casus=other_case, sent_at=timezone.now())
    foreign = Toelichtingsverzoek.objects.create(advies=other, party="ouder", question="?")
    client = as_user(a.users[Role.TEAMLID])
    before = denied().count()
    response = client.post(
        f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/",
        {"formulier": "antwoord", "advies": advies.pk, "verzoek": foreign.pk, "answer": "Zo."},
    )
    assert response.status_code == 404
    assert denied().count() == before + 1
    assert denied(subject_type="toelichtingsverzoek", subject_id=str(foreign.pk)).exists()
    foreign.refresh_from_db()
    assert foreign.answered_at is None


def test_an_advice_of_another_case_on_the_tab_is_404_naming_the_advice(world, as_user):
    a = world.a
    other_case = CasusFactory(team=a.team)
    other = Advies.objects.create(casus=other_case, most_fitting_care="Elders.")
    client = as_user(a.users[Role.TEAMLID])
    base = f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/"
    for url in (f"{base}{other.pk}/bewerken/", f"{base}{other.pk}/brief.pdf"):
        before = denied().count()
        assert client.get(url).status_code == 404
        assert denied().count() == before + 1
        entry = denied().latest("id")
        assert (entry.subject_type, entry.subject_id) == ("advies", str(other.pk))
