"""The printable consent form: which signature blocks, which texts. Synthetic data only.

The PDF text is read with pypdf (a locked dependency, so no test skips for a missing tool). The
block selection is also checked on the template context.
"""

import io
import sys
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from passend.cases.pdf import consent_form_context, render_consent_form
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.core.pdf import PdfUnavailable

ON = date(2026, 3, 1)
YOUNG_BLOCK = "Ondertekening door de jongere"
PARENT_BLOCK = "Ondertekening door ouder of voogd met gezag"
COORDINATE_NOTE = "afstemmen met de ouders"


def born(age: int) -> date:
    """A birth date that makes the young person exactly ``age`` on ``ON``."""
    return date(ON.year - age, 1, 15)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, whitespace collapsed."""
    assert pdf.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def team(tenancy):
    team = tenancy.a.team
    team.retention_months = 18
    team.email = "expertteam@kustland.example"
    team.save()
    return team


def family(team, *, age: int | None, with_parents: bool = True):
    """A case with two parents with gezag and one stepparent without gezag."""
    casus = CasusFactory(
        team=team,
        first_name="Sam",
        last_name="Voorbeeld",
        birth_date=born(age) if age is not None else None,
        address="Zeeweg 12\n1234 AB Kustdorp",
    )
    if with_parents:
        OuderFactory(casus=casus, first_name="Anna", last_name="Voorbeeld", relation="moeder")
        OuderFactory(casus=casus, first_name="Bart", last_name="Proef", relation="vader")
        OuderFactory(
            casus=casus,
            first_name="Carla",
            last_name="Zondergezag",
            relation="stiefouder",
            has_gezag=False,
        )
    return casus


@pytest.mark.django_db
def test_output_is_a_pdf(team):
    pdf = render_consent_form(family(team, age=10), on=ON)
    assert pdf.startswith(b"%PDF")


@pytest.mark.django_db
def test_default_date_is_today(team):
    today = timezone.localdate()
    assert f"Datum formulier: {today:%d-%m-%Y}" in pdf_text(
        render_consent_form(family(team, age=10))
    )
    dated = pdf_text(render_consent_form(family(team, age=10), on=ON))
    assert f"Datum formulier: {ON:%d-%m-%Y}" in dated and f"{today:%d-%m-%Y}" not in dated


@pytest.mark.django_db
def test_under_12_only_the_parents_with_gezag_sign(team):
    text = pdf_text(render_consent_form(family(team, age=10), on=ON))
    assert text.count(PARENT_BLOCK) == 2
    assert YOUNG_BLOCK not in text
    assert "Anna Voorbeeld" in text
    assert "Bart Proef" in text
    assert COORDINATE_NOTE not in text


@pytest.mark.django_db
def test_12_to_16_parents_and_young_person_sign(team):
    text = pdf_text(render_consent_form(family(team, age=13), on=ON))
    assert text.count(PARENT_BLOCK) == 2
    assert text.count(YOUNG_BLOCK) == 1
    assert COORDINATE_NOTE not in text


@pytest.mark.django_db
def test_from_16_only_the_young_person_signs_and_team_coordinates(team):
    text = pdf_text(render_consent_form(family(team, age=17), on=ON))
    assert text.count(YOUNG_BLOCK) == 1
    assert PARENT_BLOCK not in text
    assert COORDINATE_NOTE in text


@pytest.mark.django_db
@pytest.mark.parametrize("age", [10, 13, 17])
def test_parent_without_gezag_never_gets_a_signature_block(team, age):
    casus = family(team, age=age)
    context = consent_form_context(casus, on=ON)
    names = [block["name"] for block in context["parent_blocks"]]
    assert "Carla Zondergezag" not in names
    assert len(names) == (2 if age < 16 else 0)
    text = pdf_text(render_consent_form(casus, on=ON))
    assert "Zondergezag" not in text
    assert "stiefouder" not in text


@pytest.mark.django_db
def test_context_selects_blocks_by_age(team):
    expected = {10: (False, True, False), 13: (True, True, False), 17: (True, False, True)}
    for age, (young, parents, coordinate) in expected.items():
        context = consent_form_context(family(team, age=age), on=ON)
        assert context["age"] == age
        assert context["show_young_person"] is young
        assert context["show_parents"] is parents
        assert context["coordinate_with_parents"] is coordinate


@pytest.mark.django_db
def test_team_retention_and_case_details_appear(team):
    casus = family(team, age=13)
    text = pdf_text(render_consent_form(casus, on=ON))
    assert team.name in text
    assert team.email in text
    assert "18 maanden" in text
    assert casus.reference in text
    assert born(13).strftime("%d-%m-%Y") in text
    assert "Zeeweg 12" in text
    assert "01-03-2026" in text
    assert text.count("☐") == 6  # A and B for each of the three signatories


@pytest.mark.django_db
def test_unknown_birth_date_prints_both_blocks_and_a_note(team):
    casus = family(team, age=None)
    text = pdf_text(render_consent_form(casus, on=ON))
    assert text.count(YOUNG_BLOCK) == 1
    assert text.count(PARENT_BLOCK) == 2
    assert "De leeftijd bepaalt wie tekent" in text


@pytest.mark.django_db
def test_no_parent_with_gezag_recorded_prints_blank_parent_blocks(team):
    casus = family(team, age=8, with_parents=False)
    context = consent_form_context(casus, on=ON)
    assert [block["name"] for block in context["parent_blocks"]] == ["", ""]
    text = pdf_text(render_consent_form(casus, on=ON))
    assert text.count(PARENT_BLOCK) == 2
    assert "geen ouder of voogd met gezag bekend" in text


@pytest.mark.django_db
def test_withdrawal_without_team_email_says_to_contact_the_team(team):
    team.email = ""
    team.save()
    text = pdf_text(render_consent_form(family(team, age=10), on=ON))
    assert f"Neem dan contact op met {team.name}" in text


@pytest.mark.django_db
def test_missing_weasyprint_raises_pdf_unavailable(team, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import now raises ImportError
    with pytest.raises(PdfUnavailable, match="PDF maken lukt niet"):
        render_consent_form(family(team, age=10), on=ON)
