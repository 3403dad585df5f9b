"""Dutch wording: a count agrees with its noun ("1 week", "2 weken"), month and day names are
lowercase ("3 december 2026", "donderdag") and numeric dates read dd-mm-jjjj."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation

from passend.accounts.roles import Role
from passend.socialmap.tests.io_helpers import build, coordinator, dry_run, offer_row

TEMPLATES = Path(settings.BASE_DIR) / "passend" / "templates"
COUNTED_NOUNS = r"(weken|dagen|rijen|maanden|overleggen|regels|casussen|wachttijden|fouten)"


def _outside_plural_blocks(source: str) -> str:
    """The template without its {% blocktranslate count %} blocks and pluralize filters: what is
    left joins a number to a noun without knowing the number."""
    source = re.sub(
        r"\{% blocktrans(late)? [^%]*count .*?\{% endblocktrans(late)? %\}", "", source, flags=re.S
    )
    return re.sub(r"\{\{[^}]*\|pluralize[^}]*\}\}", "", source)


def test_no_template_joins_a_number_to_a_plural_noun():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        rest = _outside_plural_blocks(path.read_text(encoding="utf-8"))
        for match in re.finditer(r"\{\{[^}]+\}\} " + COUNTED_NOUNS + r"\b", rest):
            offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == [], "use {% blocktranslate count %} (or |pluralize in the Dutch PDFs)"


@pytest.mark.parametrize(("count", "expected"), [(1, "(1 rij)"), (2, "(2 rijen)")])
def test_import_check_counts_rows(tenancy, as_user, count, expected):
    gemeente = tenancy.a.team.gemeenten.get()
    rows = [offer_row(gemeente, aanbod=f"Aanbod {i}") for i in range(count)]
    response = dry_run(as_user(coordinator(tenancy)), tenancy.a.team, *build("csv", rows))
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 overleg gepland volgens de cadans."), (2, "2 overleggen gepland volgens de cadans.")],
)
def test_planned_series_message_counts_meetings(tenancy, as_user, count, expected):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    response = client.post(
        f"/teams/{team.slug}/overleggen/reeks-plannen/",
        {"count": str(count), "start": "13:00", "duration_minutes": "90", "location": "Stadhuis"},
        follow=True,
    )
    assert expected in response.content.decode()


@pytest.mark.parametrize(("days", "expected"), [(1, "elke 1 dag<"), (2, "elke 2 dagen<")])
def test_team_page_states_the_cadence_in_days(tenancy, as_user, days, expected):
    team = tenancy.a.team
    team.meeting_cadence_days = days
    team.save()
    page = as_user(tenancy.a.users[Role.TEAMLID]).get(f"/teams/{team.slug}/")
    assert expected in page.content.decode()


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [(1, "tot intake 1 week, tot de hulp begint 1 week"), (2, "tot intake 2 weken")],
)
def test_letter_waiting_time_in_weeks(weeks, expected):
    waiting = {"weeks_to_registration": weeks, "weeks_to_intake": weeks}
    waiting["weeks_to_treatment"] = weeks
    html = render_to_string("advice/letter_pdf.html", {"offers": [{"waiting_times": [waiting]}]})
    assert expected in html


@pytest.mark.parametrize(("age", "expected"), [(1, "is 1 year old"), (2, "is 2 years old")])
def test_age_in_english_agrees_with_the_number(age, expected):
    from passend.cases.consent_rules import requirement

    with translation.override("en"):
        text = requirement(date(2026, 6, 1).replace(year=2026 - age), date(2026, 6, 1))
    assert expected in text.explanation


def test_dutch_dates_have_lowercase_names_and_numeric_dates_are_dd_mm_yyyy():
    day = date(2026, 12, 3)
    assert formats.date_format(day) == "3 december 2026"
    assert formats.date_format(day, "l j F Y") == "donderdag 3 december 2026"
    assert formats.date_format(day, "SHORT_DATE_FORMAT") == "03-12-2026"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "03-12-2026"


def test_no_template_formats_dates_as_iso_or_with_a_capitalised_month():
    # "M" is Django's title-cased month abbreviation ("Dec"); ISO is for machines, not readers.
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for fmt in re.findall(r'\|date:"([^"]*)"', path.read_text(encoding="utf-8")):
            if "M" in fmt or fmt.startswith("Y-m-d"):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert offenders == []


def test_the_gender_field_is_called_geslacht(tenancy):
    from passend.cases.forms.registration import YoungPersonForm

    form = YoungPersonForm(team=tenancy.a.team)
    assert form.fields["gender"].label == "Geslacht"
    with translation.override("en"):
        assert str(YoungPersonForm(team=tenancy.a.team).fields["gender"].label) == "Gender"


def test_no_page_labels_the_gender_field_gender_in_dutch():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in sorted(TEMPLATES.rglob("*.html"))
        if re.search(r'translate "Gender"', path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "the Dutch label is 'Geslacht'"
