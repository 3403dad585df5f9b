import datetime as dt

import factory

from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.cases.tests.factories import CasusFactory, with_consent
from passend.procesregie.models import Actie, Doel, Escalatie, Regiegesprek, Toekomstplan


class DoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doel

    term = "kort"
    description = "Binnen twee weken een veilige slaapplek."


class ActieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actie

    description = "Zorgaanbieder bellen over een plek."
    deadline = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=7))


class EscalatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalatie

    from_level = "casusregisseur"
    to_level = "expertteam"
    reason = "Geen aanbieder bereid de jeugdige op te nemen."
    escalated_on = factory.LazyFunction(dt.date.today)


class RegiegesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regiegesprek

    held_on = factory.LazyFunction(dt.date.today)
    participants = "Moeder, jeugdige, GI, zorgaanbieder"
    besluitvorming = "Gezamenlijk plan van aanpak opstellen."


class ToekomstplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toekomstplan

    dream = "Zelfstandig wonen en een opleiding in de techniek."


def case_at_work(team, state=CaseState.IN_BEHANDELING, *, consent: bool = True, **fields):
    """A registered case of `team` in `state` (default: in behandeling) with complete consent
    unless consent=False."""
    casus = CasusFactory(team=team, **fields)
    Casus.objects.filter(pk=casus.pk).update(state=state)
    casus.refresh_from_db()
    return with_consent(casus) if consent else casus
