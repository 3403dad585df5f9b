"""factory_boy factories for the analytics record. Synthetic data only."""

import datetime as dt

import factory

from passend.analytics.models import CasusFeit
from passend.cases.codes import CaseState, LegalFramework, ReferrerType, Urgency


class CasusFeitFactory(factory.django.DjangoModelFactory):
    """A case fact without a case (as after retention); pass `team` and `gemeente`."""

    class Meta:
        model = CasusFeit

    team = factory.SubFactory("passend.core.tests.factories.TeamFactory")
    registered_on = factory.LazyFunction(dt.date.today)
    referrer_type = ReferrerType.GEMEENTE
    legal_framework = LegalFramework.VRIJWILLIG
    urgency = Urgency.NORMAAL
    state = CaseState.AANGEMELD
