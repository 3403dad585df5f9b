"""The consent status on the case page says each thing once."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db


def test_coordinate_with_the_parents_is_said_once_for_a_young_person_of_16_or_older(
    tenancy, as_user
):
    today = timezone.localdate()
    casus = CasusFactory(
        team=tenancy.a.team, birth_date=today.replace(year=today.year - 17) - dt.timedelta(days=1)
    )
    page = (
        as_user(tenancy.a.users[Role.SCREENER])
        .get(f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/")
        .content.decode()
        .casefold()
    )
    assert "alleen toestemming van de jeugdige is nodig" in page
    assert page.count("af met de ouders") == 1
