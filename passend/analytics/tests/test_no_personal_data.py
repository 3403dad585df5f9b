"""No analytics row holds a name, BSN, birth date, address or free text: every text column is
a code (of its choices, or a slug) or the random hex key, and a case full of distinctive
personal values and free text leaves none of them in any column of the raw tables."""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.db import connection, models

from passend.accounts.roles import Role
from passend.advice.codes import AdviesStatus
from passend.advice.models import ImplementationStatus
from passend.analytics.models import CasusFeit
from passend.cases import services as cases
from passend.cases.codes import ClosureOutcome
from passend.meetings.codes import Participation
from passend.procesregie.codes import Level

from .test_rebuild import closed_case

pytestmark = pytest.mark.django_db

SLUG = re.compile(r"^[-a-z0-9_]*$")
HEX_KEY = re.compile(r"^[0-9a-f]{32}$")
# Text columns without choices, and the codes they may hold.
FREE_OF_CHOICES = {
    ("CasusFeit", "key"): HEX_KEY,
    ("CasusFeit", "advice_status"): set(AdviesStatus.values) | {""},
    ("CasusFeit", "implementation_status"): set(ImplementationStatus.values) | {""},
    ("FeitCode", "code"): SLUG,
    ("GebeurtenisFeit", "code"): set(Participation.values)
    | set(AdviesStatus.values)
    | set(ImplementationStatus.values)
    | set(ClosureOutcome.values)
    | set(Level.values)
    | {""},
}

PERSONAL = {
    "first_name": "Zwanhildeqx",
    "last_name": "Oosterwold-Krabbendam",
    "bsn": "123456782",
    "address": "Pruimenboomgaardsteeg 77, 9999 ZZ Nergenshuizen",
    "question": "Vrijetekstvraag-Kwispelstaart over de hulp",
    "care_history": "Hulpverleningsgeschiedenis-Zeppelinmuts",
    "reason_other": "Anderereden-Tamboerijn",
    "youth_wish": "Jeugdwens-Kaneelbroodje",
    "legal_basis_reason": "Grondslagtekst-Ooievaarsnest",
}
BIRTH = dt.date(2012, 5, 17)


def analytics_models():
    return list(apps.get_app_config("analytics").get_models())


def text_fields(model):
    return [
        f
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and isinstance(f, models.CharField | models.TextField)
    ]


def test_every_text_column_is_a_code_or_the_key(tenancy):
    closed_case(tenancy, 0)
    checked = 0
    for model in analytics_models():
        assert model.objects.exists(), model
        for field in text_fields(model):
            rule = FREE_OF_CHOICES.get((model.__name__, field.name))
            if field.choices:
                rule = {value for value, _label in field.flatchoices} | {""}
            assert rule is not None, f"{model.__name__}.{field.name}: no rule for this column"
            for value in model.objects.values_list(field.name, flat=True):
                ok = rule.match(value) if isinstance(rule, re.Pattern) else value in rule
                assert ok, f"{model.__name__}.{field.name} = {value!r}"
                checked += 1
    assert checked > 20


def test_no_personal_value_or_free_text_in_any_raw_column(tenancy):
    casus = closed_case(tenancy, 0)
    u = tenancy.a.users
    # The registration edit goes through the service (a closed case is reopened first: the
    # screener edits an open case), and the record is written again each time.
    cases.transition(casus, to="heropend", actor=u[Role.PROCESREGISSEUR], reason="Heropend-Tekst")
    stored = type(casus).objects.get(pk=casus.pk)
    for name, value in PERSONAL.items():
        setattr(stored, name, value)
    cases.register(stored, actor=u[Role.SCREENER])
    fact = CasusFeit.objects.get(casus=casus)
    assert fact.state == "heropend"

    needles = [
        *PERSONAL.values(),
        "Heropend-Tekst",
        "Opa Fictief",  # the spokesperson of the discussion
        "Gezinshuis in de buurt",  # the advice text
        BIRTH.isoformat(),
        f"{BIRTH:%d-%m-%Y}",
        f"{BIRTH:%Y%m%d}",
    ]
    with connection.cursor() as cursor:
        for model in analytics_models():
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            rows = cursor.fetchall()
            assert rows, model
            for row in rows:
                for cell in row:
                    text = str(cell).lower()
                    for needle in needles:
                        assert needle.lower() not in text, (model.__name__, cell)
    # The age is kept, the birth date not: 13 at registration.
    assert (fact.age_years, fact.age_group) == (13, "12-15")


def test_the_key_is_random_not_derived_from_the_case(tenancy):
    first = closed_case(tenancy, 0)
    key = CasusFeit.objects.get(casus=first).key
    assert HEX_KEY.match(key)
    assert str(first.pk) != key and first.bsn_pseudonym[:32] != key
    CasusFeit.objects.all().delete()
    from passend.analytics.services import rebuild

    rebuild()
    assert CasusFeit.objects.get(casus=first).key != key
