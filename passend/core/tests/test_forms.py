"""Shared form conventions."""

import datetime as dt

import pytest
from django.utils import translation

from passend.audit.forms import AccessLogFilterForm
from passend.cases.forms.case import ConsentForm, WithdrawForm
from passend.cases.tests.factories import CasusFactory
from passend.core.tests.factories import TeamFactory

DAY = dt.date(2026, 3, 9)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_date_fields_render_the_iso_value_a_date_picker_accepts(language):
    """A browser's date input shows nothing for "09-03-2026"; the consent date was empty."""
    casus = CasusFactory(team=TeamFactory())
    forms = [
        ConsentForm(casus=casus, initial={"given_on": DAY}),
        WithdrawForm(initial={"withdrawn_on": DAY, "consent": 1}),
        AccessLogFilterForm(initial={"van": DAY, "tot": DAY}),
    ]
    with translation.override(language):
        for form in forms:
            html = str(form)
            assert 'type="date"' in html
            assert 'value="2026-03-09"' in html, type(form).__name__
            assert "09-03-2026" not in html and "03/09/2026" not in html
