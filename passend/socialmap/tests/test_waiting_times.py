"""Waiting-time rules: level order, no future dates, who may confirm; the coordinator's list of
outdated and missing entries; reminders once per organisation per day."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.permissions import may_manage_organisation, may_update_waiting_times
from passend.accounts.roles import Role
from passend.core.refusals import InvalidInput, NotAllowed
from passend.core.tests.factories import OrganisationFactory
from passend.jobs.models import Job
from passend.jobs.testing import commit_pending, run_jobs
from passend.regions.models import OrganisationType
from passend.socialmap import selectors, services
from passend.socialmap.models import Aanbiederprofiel, Herinnering, Locatie

from .helpers import make_offer, provider

pytestmark = pytest.mark.django_db


def levels(r, i, t):
    return {"weeks_to_registration": r, "weeks_to_intake": i, "weeks_to_treatment": t}


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (levels(4, 2, 8), "weeks_to_intake", "tot intake kan niet korter"),
        (levels(1, 5, 3), "weeks_to_treatment", "tot start hulp kan niet korter"),
        (levels(-1, 2, 3), "weeks_to_registration", "van 0 tot en met 260"),
        (levels(1, 2, 261), "weeks_to_treatment", "van 0 tot en met 260"),
    ],
)
def test_levels_must_be_in_order_and_in_range(tenancy, values, field, message):
    offer = make_offer(provider(tenancy), tenancy.a.team)
    with pytest.raises(InvalidInput) as invalid:
        services.confirm_waiting_time(offer, actor=tenancy.a.users[Role.AANBIEDER], **values)
    assert list(invalid.value.errors) == [field]
    assert message in invalid.value.errors[field][0]
    assert offer.wachttijden.count() == 1


def test_equal_levels_are_fine_and_the_date_cannot_be_in_the_future(tenancy):
    offer = make_offer(provider(tenancy), tenancy.a.team)
    user = tenancy.a.users[Role.AANBIEDER]
    entry = services.confirm_waiting_time(offer, actor=user, **levels(0, 0, 0))
    assert entry.confirmed_on == timezone.localdate() and entry.confirmed_by == user
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as invalid:
        services.confirm_waiting_time(offer, actor=user, confirmed_on=tomorrow, **levels(1, 1, 1))
    assert "toekomst" in invalid.value.errors["confirmed_on"][0]


def test_only_coordinator_of_region_or_own_provider_may_confirm(tenancy):
    alfa = make_offer(provider(tenancy, "a"), tenancy.a.team)
    beta = make_offer(provider(tenancy, "b"), tenancy.b.team)
    a_provider = tenancy.a.users[Role.AANBIEDER]
    assert may_update_waiting_times(a_provider, alfa)
    assert not may_update_waiting_times(a_provider, beta)
    assert may_update_waiting_times(tenancy.b.users[Role.COORDINATOR_SK], alfa)
    assert not may_update_waiting_times(tenancy.a.users[Role.VOORZITTER], alfa)
    with pytest.raises(NotAllowed, match="niet wijzigen"):
        services.confirm_waiting_time(beta, actor=a_provider, **levels(1, 2, 3))
    elsewhere = OrganisationFactory(name="Zorg Elders", type=OrganisationType.ZORGAANBIEDER)
    assert not may_manage_organisation(tenancy.a.users[Role.COORDINATOR_SK], elsewhere)


def test_location_must_be_one_of_the_offer(tenancy):
    offer = make_offer(provider(tenancy), tenancy.a.team)
    other = Locatie.objects.create(
        organisation=offer.organisation, name="Andere plek", gemeente=tenancy.a.team.gemeenten.get()
    )
    with pytest.raises(InvalidInput) as invalid:
        services.confirm_waiting_time(offer, actor=None, location=other, **levels(1, 2, 3))
    assert "location" in invalid.value.errors


def test_stale_list_shows_outdated_and_missing_not_fresh(tenancy, as_user):
    team = tenancy.a.team
    org = provider(tenancy)
    fresh = make_offer(org, team, "Vers aanbod", days_ago=10)
    old = make_offer(org, team, "Oud aanbod", days_ago=7 * 6 + 1)
    older = make_offer(org, team, "Heel oud aanbod", days_ago=200)
    missing = make_offer(org, team, "Nieuw aanbod", weeks=None)
    items = selectors.stale_items(team)
    assert [(i.offer, i.missing) for i in items] == [
        (missing, True),
        (older, False),
        (old, False),
    ], "missing first, then the oldest confirmation"
    team.waiting_time_stale_weeks = 1
    assert fresh in {i.offer for i in selectors.stale_items(team)}, "the team setting decides"

    page = as_user(tenancy.a.users[Role.COORDINATOR_SK]).get(
        f"/teams/{team.slug}/sociale-kaart/beheer/verouderd/"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nieuw aanbod" in html and "Heel oud aanbod" in html and "Vers aanbod" not in html
    assert html.index("Nieuw aanbod") < html.index("Heel oud aanbod") < html.index("Oud aanbod<")


def test_location_without_entry_is_missing_unless_one_entry_covers_all(tenancy):
    team = tenancy.a.team
    offer = make_offer(provider(tenancy), team, weeks=None)
    second = Locatie.objects.create(
        organisation=offer.organisation, name="Tweede", gemeente=team.gemeenten.get()
    )
    offer.locaties.add(second)
    services.confirm_waiting_time(offer, actor=None, location=second, **levels(1, 2, 3))
    assert [i.location for i in selectors.stale_items(team)] == [
        offer.locaties.exclude(pk=second.pk).get()
    ]
    services.confirm_waiting_time(offer, actor=None, **levels(1, 2, 3))
    assert selectors.stale_items(team) == []


def _stale_world(tenancy):
    org = provider(tenancy)
    make_offer(org, tenancy.a.team, "Oud aanbod", days_ago=100)
    Aanbiederprofiel.objects.create(organisation=org, contact_email="wachttijden@alfa.example")
    tenancy.a.users[Role.AANBIEDER].email = "aanbieder@alfa.example"
    tenancy.a.users[Role.AANBIEDER].save()
    return org


def test_reminder_command_enqueues_and_the_worker_sends_once_per_day(tenancy):
    org = _stale_world(tenancy)
    out = StringIO()
    call_command("remind_waiting_times", "--team", tenancy.a.team.slug, stdout=out)
    assert "1 team(s) klaargezet" in out.getvalue()
    commit_pending()
    assert Job.objects.filter(team=tenancy.a.team, status=Job.Status.QUEUED).count() == 1
    assert mail.outbox == [] and not Herinnering.objects.exists()  # the worker sends
    run_jobs()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"aanbieder@alfa.example", "wachttijden@alfa.example"}
    assert "Oud aanbod" in message.body and "bevestigen" in message.subject
    call_command("remind_waiting_times", stdout=StringIO())  # all teams, same day
    run_jobs()
    assert len(mail.outbox) == 1
    assert Herinnering.objects.get(organisation=org).sent_by is None
    assert not Job.objects.exclude(status=Job.Status.SUCCEEDED).exists()


def test_coordinator_sends_one_click_reminder(tenancy, as_user):
    org = _stale_world(tenancy)
    client = as_user(tenancy.a.users[Role.COORDINATOR_SK])
    url = f"/teams/{tenancy.a.team.slug}/sociale-kaart/beheer/verouderd/herinnering/{org.pk}/"
    response = client.post(url, follow=True)
    assert "De herinnering aan Zorgaanbieder Alfa is verstuurd." in response.content.decode()
    assert "Laatst herinnerd op" in response.content.decode()
    client.post(url)
    assert mail.outbox == []
    run_jobs()
    assert len(mail.outbox) == 1
    assert Herinnering.objects.get().sent_by == tenancy.a.users[Role.COORDINATOR_SK]


def test_reminder_command_refuses_unknown_team(tenancy):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("remind_waiting_times", "--team", "bestaat-niet", stdout=StringIO())


def test_an_inactive_membership_counts_nowhere(tenancy, as_user):
    org = _stale_world(tenancy)
    offer = org.aanbod.get()
    user = tenancy.a.users[Role.AANBIEDER]
    assert "aanbieder@alfa.example" in selectors.reminder_recipients(org)
    Membership.objects.filter(user=user).update(active=False)
    user = type(user).objects.get(pk=user.pk)  # no memberships cached from before
    assert not may_update_waiting_times(user, offer)
    with pytest.raises(NotAllowed):
        services.confirm_waiting_time(offer, actor=user, **levels(1, 2, 3))
    client = as_user(user)
    assert client.get(f"/teams/{tenancy.a.team.slug}/wachttijden/").status_code == 404
    api = client.post(
        f"/api/v1/socialmap/offers/{offer.pk}/waiting-times",
        {"weeksToRegistration": 1, "weeksToIntake": 2, "weeksToTreatment": 3},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert selectors.reminder_recipients(org) == ["wachttijden@alfa.example"]
    assert offer.wachttijden.count() == 1
