"""The `{% field %}` tag: Utrecht fieldsets, radios as radios, widths that fit the value,
"Kies …" for a select's empty choice, and no "(niet verplicht)" next to "Verplicht bij …"."""

import re

import pytest
from django import forms
from django.template import Context, Template

from passend.advice.forms import AdviesForm, DeclarationForm
from passend.cases.forms.case import ConsentForm, ScreeningForm, TransitionForm
from passend.cases.forms.registration import ParentForm
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.core.tests.factories import TeamFactory
from passend.meetings.forms import DiscussionForm
from passend.socialmap.forms.search import SearchForm


def render(form, *names) -> str:
    names = names or list(form.fields)
    source = "{% load passend %}" + "".join(f"{{% field form.{n} %}}" for n in names)
    return Template(source).render(Context({"form": form}))


def input_tag(html: str, name: str) -> str:
    return re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html).group(0)


class Choices(forms.Form):
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, required=False
    )
    pick = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    named = forms.ChoiceField(choices=[("", "alle"), ("a", "A")], required=False)


def test_radios_render_as_radios_and_checkboxes_as_checkboxes_in_an_utrecht_fieldset():
    html = render(Choices(), "one", "many")
    radios, boxes = html.split("</fieldset>")[:2]
    assert radios.count('class="utrecht-radio-button utrecht-radio-button--html-input"') == 2
    assert "utrecht-form-label--radio" in radios and "utrecht-form-field--radio" in radios
    assert "checkbox" not in radios
    assert 'type="checkbox"' in boxes and "utrecht-checkbox utrecht-checkbox--html-input" in boxes
    assert "utrecht-form-label--checkbox" in boxes and "radio" not in boxes
    for group in (radios, boxes):
        assert "utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" in group
        legend = "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"
        assert f'<legend class="{legend}">' in group


def test_an_invalid_radio_group_is_marked_only_after_a_submit():
    assert "aria-invalid" not in render(Choices(), "one")
    html = render(Choices({}), "one")
    assert html.count('aria-invalid="true"') == 2 and "utrecht-radio-button--invalid" in html
    assert " required" not in html, "no native required: nothing red before it is touched"


@pytest.mark.django_db
def test_input_widths_follow_the_kind_of_value():
    search = render(SearchForm(team=TeamFactory()), "leeftijd", "max_weken")
    assert "passend-textbox--xs" in input_tag(search, "leeftijd"), "age: 2 digits, not 72rem"
    assert "passend-textbox--xs" in input_tag(search, "max_weken")
    parent = render(ParentForm(), "phone", "email", "first_name", "address")
    assert "passend-textbox--m" in input_tag(parent, "phone")
    assert "passend-textbox--l" in input_tag(parent, "email")
    assert "passend-textbox--" not in input_tag(parent, "address"), "free text: form width"
    consent = render(ConsentForm(casus=CasusFactory(team=TeamFactory())), "given_on", "witness")
    assert "passend-textbox--s" in input_tag(consent, "given_on")
    assert "passend-textbox--" not in input_tag(consent, "witness"), "a name: full width"

    class Times(forms.Form):
        start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))

    assert "passend-textbox--s" in input_tag(render(Times()), "start")


@pytest.mark.django_db
def test_every_select_offers_kies_instead_of_dashes():
    html = render(Choices(), "pick", "named")
    assert "---------" not in html and '<option value="" selected>Kies …</option>' in html
    assert '<option value="" selected>alle</option>' in html, "a form's own label stays"
    casus = CasusFactory(team=TeamFactory())
    model_fields = render(ParentForm(), "relation") + render(ScreeningForm(casus=casus))
    assert "---------" not in model_fields and model_fields.count(">Kies …</option>") == 3


@pytest.mark.django_db
def test_no_niet_verplicht_next_to_a_verplicht_bij_hint():
    casus = CasusFactory(team=TeamFactory())
    OuderFactory(casus=casus)
    cases = [
        (ScreeningForm(casus=casus), {"reason", "redirected_to"}),
        (ConsentForm(casus=casus), {"witness"}),
        (DiscussionForm(required=True), {"absence_reason"}),
        (TransitionForm(), {"reason"}),
        (AdviesForm(team=casus.team), {"most_fitting_care", "status_reason"}),
        (DeclarationForm(), {"explanation"}),
    ]
    for form, conditional in cases:
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            html = render(form, name)
            label = re.search(r"<(?:label|legend)[^>]*>.*?</(?:label|legend)>", html, re.S).group(0)
            if re.search(r"\bVerplicht (bij|als|voor)\b", str(field.help_text)):
                assert name in conditional, f"{type(form).__name__}.{name} is not marked"
            if name in conditional:
                assert "niet verplicht" not in label, f"{type(form).__name__}.{name}"
    plain = render(DiscussionForm(required=False), "absence_reason")
    assert "(niet verplicht)" in plain, "without the team setting it is optional"
    assert "(niet verplicht)" in render(ScreeningForm(casus=casus), "procesregisseur")
