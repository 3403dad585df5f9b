"""factory_boy factories for the privacy lifecycle. Synthetic data only."""

import datetime as dt

import factory

from passend.privacy.models import DpiaToets


class DpiaToetsFactory(factory.django.DjangoModelFactory):
    """A recorded DPIA check: done, with a reference, and the covenant in place."""

    class Meta:
        model = DpiaToets
        django_get_or_create = ("team",)

    team = factory.SubFactory("passend.core.tests.factories.TeamFactory")
    assessed_on = dt.date(2026, 1, 15)
    dpia_done_on = dt.date(2026, 2, 1)
    dpia_reference = "DPIA-2026-001"
    covenant_in_place = True
    covenant_reference = "CONV-2026-01"
    covenant_signed_on = dt.date(2026, 2, 15)
