"""Minutes, spokesperson and guest names are encrypted at rest; selectors for work lists."""

from datetime import timedelta

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.tests.test_encryption import all_text_in_database
from passend.meetings import selectors, services
from passend.meetings.codes import MeetingStatus
from passend.meetings.models import Casusbespreking, Overleg

from .conftest import at

pytestmark = pytest.mark.django_db


def test_minutes_and_names_are_not_stored_in_plain_text(tenancy, active_case, todays_meeting):
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    writer = tenancy.a.users[Role.NOTULIST]
    services.record_discussion(
        item,
        actor=writer,
        participation="woordvoerder",
        spokesperson_name="Wilhelmina Zeegras",
        spokesperson_relation="tante",
        minutes_part1="Kwetsbaarheidsverhaal-deel-een",
        minutes_part2="Beslotenberaad-deel-twee",
        what_helped="Vertrouwenspersoon-aanwezig",
    )
    services.add_guest(todays_meeting, actor=writer, name="Gerrit Duinroos", kind="gast")
    raw = all_text_in_database()
    for secret in (
        "Wilhelmina Zeegras",
        "Kwetsbaarheidsverhaal",
        "Beslotenberaad",
        "Vertrouwenspersoon",
        "Gerrit Duinroos",
    ):
        assert secret not in raw, secret
    item.refresh_from_db()
    assert item.minutes_part2 == "Beslotenberaad-deel-twee"


def test_work_list_selectors(tenancy, active_case):
    team, today = tenancy.a.team, timezone.localdate()
    user = tenancy.a.users[Role.TEAMLID]
    past = Overleg.objects.create(team=team, starts_at=at(today - timedelta(days=14)))
    cancelled = Overleg.objects.create(
        team=team, starts_at=at(today - timedelta(days=7)), status=MeetingStatus.GEANNULEERD
    )
    coming = Overleg.objects.create(team=team, starts_at=at(today + timedelta(days=3)))
    open_item = Casusbespreking.objects.create(overleg=past, casus=active_case, order=1)
    Casusbespreking.objects.create(overleg=cancelled, casus=active_case, order=1)
    Casusbespreking.objects.create(overleg=coming, casus=active_case, order=1)

    assert list(selectors.upcoming_meetings(user, team, today)) == [coming]
    assert list(selectors.discussions_needing_minutes(user, team, today)) == [open_item]
    assert selectors.first_discussion_at(active_case) is None
    services.record_discussion(
        open_item, actor=user, participation="aanwezig", minutes_part1="Wens besproken."
    )
    assert list(selectors.discussions_needing_minutes(user, team, today)) == []
    assert selectors.first_discussion_at(active_case) == past.starts_at
    assert selectors.first_discussions([active_case]) == {active_case.pk: past.starts_at}
    # the next suggestion follows the last planned meeting on the cadence
    assert selectors.next_meeting_date(team, today) >= coming.local_date + timedelta(days=14)
    # another team's member sees none of it
    outsider = tenancy.b.users[Role.VOORZITTER]
    assert not selectors.upcoming_meetings(outsider, team, today).exists()
    assert not selectors.discussions_needing_minutes(outsider, None, today).exists()
