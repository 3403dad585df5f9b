import datetime as dt

import factory
from django.utils import timezone

from passend.cases import consent_rules
from passend.cases.models import Casus, Ouder, Sector, Toestemming, Wijk
from passend.cases.services import save_case


class CasusFactory(factory.django.DjangoModelFactory):
    """A synthetic case, saved through the service so derived fields are right."""

    class Meta:
        model = Casus
        skip_postgeneration_save = True  # the sectors hook writes the relation itself

    first_name = "Testkind"
    last_name = factory.Sequence(lambda n: f"Fictief{n}")
    birth_date = dt.date(2012, 5, 17)
    referrer_type = "01"
    question = "Wij zoeken een plek waar hij kan blijven."
    living_situation = "thuis"
    is_draft = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_case(model_class(*args, **kwargs))

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        """The sectors given (codes or items), else the region's 'ggz' (when seeded)."""
        if not create:
            return
        chosen = extracted if extracted is not None else ["ggz"]
        codes = [c for c in chosen if isinstance(c, str)]
        items = [c for c in chosen if not isinstance(c, str)]
        items += list(Sector.objects.filter(region_id=self.team.region_id, code__in=codes))
        self.sectors.set(items)


class OuderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ouder

    first_name = "Testouder"
    last_name = factory.Sequence(lambda n: f"Fictief{n}")
    relation = "moeder"
    has_gezag = True


class ToestemmingFactory(factory.django.DjangoModelFactory):
    """A consent of the young person (ouder None) or a parent, for information exchange."""

    class Meta:
        model = Toestemming

    method = "digitaal"
    given_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    scope_exchange = True


def with_consent(casus) -> Casus:
    """Give `casus` the consent its young person's age requires today: every parent with
    gezag (one is added when there is none) and, from 12, the young person (both when the
    birth date is unknown)."""
    if casus.birth_date is None:  # age unknown: everyone who may have to consent
        requirement = consent_rules.ConsentRequirement(0, True, True, False, "")
    else:
        requirement = consent_rules.requirement(casus.birth_date, timezone.localdate())
    if requirement.needs_parents_with_gezag:
        parents = list(casus.ouders.filter(has_gezag=True)) or [OuderFactory(casus=casus)]
        for ouder in parents:
            ToestemmingFactory(casus=casus, ouder=ouder)
    if requirement.needs_young_person:
        ToestemmingFactory(casus=casus, ouder=None)
    return casus


class WijkFactory(factory.django.DjangoModelFactory):
    """A wijk of `gemeente`, in the gemeente's region."""

    class Meta:
        model = Wijk

    gemeente = factory.SubFactory("passend.core.tests.factories.GemeenteFactory")
    region = factory.LazyAttribute(lambda o: o.gemeente.region)
    code = factory.Sequence(lambda n: f"wijk-{n}")
    label_nl = factory.Sequence(lambda n: f"Testwijk {n}")
    label_en = factory.Sequence(lambda n: f"Test district {n}")
