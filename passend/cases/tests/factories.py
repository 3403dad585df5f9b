import datetime as dt

import factory

from passend.cases.models import Casus, Ouder
from passend.cases.services import save_case


class CasusFactory(factory.django.DjangoModelFactory):
    """A synthetic case, saved through the service so derived fields are right."""

    class Meta:
        model = Casus

    first_name = "Testkind"
    last_name = factory.Sequence(lambda n: f"Fictief{n}")
    birth_date = dt.date(2012, 5, 17)
    referrer_type = "01"
    question = "Wij zoeken een plek waar hij kan blijven."
    is_draft = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_case(model_class(*args, **kwargs))


class OuderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ouder

    first_name = "Testouder"
    last_name = factory.Sequence(lambda n: f"Fictief{n}")
    relation = "moeder"
    has_gezag = True
