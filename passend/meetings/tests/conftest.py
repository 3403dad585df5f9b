from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from passend.cases.codes import CaseState
from passend.cases.tests.factories import CasusFactory, with_consent
from passend.meetings.models import Overleg


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def active_case(tenancy):
    casus = CasusFactory(
        team=tenancy.a.team,
        state=CaseState.IN_BEHANDELING,
        first_name="Sanne",
        youth_wish="Ik wil weer naar school en bij mijn oma wonen.",
        youth_struggle="Niemand luistert naar mij.",
        family_wish="Rust in huis.",
    )
    with_consent(casus)
    return casus


@pytest.fixture
def todays_meeting(tenancy):
    return Overleg.objects.create(team=tenancy.a.team, starts_at=at(timezone.localdate(), 9))


@pytest.fixture
def future_meeting(tenancy):
    return Overleg.objects.create(
        team=tenancy.a.team, starts_at=at(timezone.localdate() + timedelta(days=7))
    )
