"""The outdated boundary of a waiting time, on the exact day: confirmed exactly N weeks ago (N
the team's `waiting_time_stale_weeks`, default 6) is still current; one day longer ago it is
outdated. Checked through the selectors, the coordinator's list, the advice picker, the offer
page and the API, so shifting the boundary by one day (`<` to `<=`) fails here."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.socialmap import picker, selectors
from passend.socialmap.waiting import DEFAULT_STALE_WEEKS, is_outdated

from .helpers import make_offer, provider

pytestmark = pytest.mark.django_db

CASES = [
    # (team setting, None = the default; days since the confirmation; outdated?)
    (None, 6 * 7 - 1, False),
    (None, 6 * 7, False),
    (None, 6 * 7 + 1, True),
    (3, 3 * 7, False),
    (3, 3 * 7 + 1, True),
    (1, 7, False),
    (1, 8, True),
]


def test_the_default_is_six_weeks(tenancy):
    assert DEFAULT_STALE_WEEKS == 6
    assert tenancy.a.team.waiting_time_stale_weeks == DEFAULT_STALE_WEEKS


@pytest.mark.parametrize(("weeks", "days_ago", "outdated"), CASES)
def test_rule_on_the_boundary_day(weeks, days_ago, outdated):
    today = dt.date(2025, 3, 1)
    confirmed_on = today - dt.timedelta(days=days_ago)
    assert is_outdated(confirmed_on, today, weeks or DEFAULT_STALE_WEEKS) is outdated


@pytest.mark.parametrize(("weeks", "days_ago", "outdated"), CASES)
def test_boundary_day_everywhere_it_is_shown(tenancy, as_user, weeks, days_ago, outdated):
    team = tenancy.a.team
    if weeks is not None:
        team.waiting_time_stale_weeks = weeks
        team.save()
    offer = make_offer(provider(tenancy), team, days_ago=days_ago)
    status = "verouderd" if outdated else "actueel"

    [result] = selectors.results_for_offers([offer], team)
    assert [w.outdated for w in result.waiting_times] == [outdated]
    assert result.waiting_status == status
    assert (result.best is None) is outdated, "an outdated waiting time is never current"
    stale = [i for i in selectors.stale_items(team) if i.offer == offer]
    assert [i.entry.confirmed_on for i in stale] == (
        [timezone.localdate() - dt.timedelta(days=days_ago)] if outdated else []
    )
    [shown] = picker.offer_details([offer], team)
    assert [w["outdated"] for w in shown["waiting_times"]] == [outdated]

    client = as_user(tenancy.a.users[Role.TEAMLID])
    page = client.get(f"/teams/{team.slug}/sociale-kaart/aanbod/{offer.pk}/")
    assert page.status_code == 200
    assert f'data-waiting="{status}"' in page.content.decode()
    detail = client.get(f"/api/v1/socialmap/offers/{offer.pk}", {"teamId": team.pk}).json()
    assert [w["outdated"] for w in detail["waitingTimes"]] == [outdated]
    assert detail["waitingStatus"] == status
    history = client.get(
        f"/api/v1/socialmap/offers/{offer.pk}/waiting-times", {"teamId": team.pk}
    ).json()
    assert [w["outdated"] for w in history["results"]] == [outdated]
