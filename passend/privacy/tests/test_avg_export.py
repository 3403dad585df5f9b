"""The AVG export holds every personal value the UI shows about the person (the acceptance
test of issue 12 §6): every case page of the URL conf is read as the voorzitter, and each
seeded value found on any of them must be in the JSON export and in the PDF's text."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Action
from passend.core.tests.authz.matrix import routes
from passend.privacy import avg
from passend.privacy.models import AvgVerzoek

from .avg_seed import (
    BIRTH_DATE_FORMS,
    OTHER_PARENT,
    PARENT,
    RECORDS,
    YOUNG_PERSON,
    personal_values,
    seeded_case,
)

pytestmark = pytest.mark.django_db

PDFTOTEXT = Path("/usr/bin/pdftotext")
# The attachment route hands out the file itself (the export lists its metadata); the AVG
# pages are what is being tested.
NOT_A_PAGE = {"cases:attachment"}


def page_text(content: bytes, content_type: str) -> str:
    if content_type.startswith("application/pdf"):
        return pdf_text(content)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def pdf_text(content: bytes) -> str:
    assert PDFTOTEXT.exists(), "pdftotext (poppler-utils) must be installed at /usr/bin/pdftotext"
    out = subprocess.run(
        [str(PDFTOTEXT), "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return out.stdout.decode()


def squeeze(text: str) -> str:
    """Without any whitespace: a PDF wraps long values over lines."""
    return re.sub(r"\s+", "", text)


def case_page_urls(team, casus) -> dict[str, str]:
    """Every page of the URL conf about this case: the case-nested pages and the pages of the
    meeting where it was discussed, filled with this case's records."""
    discussion = casus.discussions.get()
    kinds = {
        "team": team.slug,
        "pk": casus.pk,
        "meeting": discussion.overleg_id,
        "discussion": discussion.pk,
        "advies": casus.adviezen.get().pk,
        "episode": casus.episodes.get().pk,
        "goal": casus.goals.get().pk,
        "action": casus.actions.get().pk,
        "escalation": casus.escalations.get().pk,
        "gesprek": casus.regiegesprekken.get().pk,
    }
    urls = {}
    for route in routes():
        about_case = "casussen/<int:pk>" in route.route or "<int:meeting>" in route.route
        if route.is_api or not about_case or "get" not in route.methods:
            continue
        if route.name in NOT_A_PAGE or route.name.startswith("privacy:"):
            continue
        assert set(route.kwargs) <= set(kinds), f"{route.name}: fill {route.kwargs}"
        urls[route.name] = route.fill(kinds)
    return urls


@pytest.fixture
def chair(tenancy):
    return tenancy.a.users[Role.VOORZITTER]


@pytest.fixture
def casus(tenancy, chair):
    return seeded_case(tenancy.a.team, actor=chair)


def ui_texts(client, urls) -> dict[str, str]:
    texts = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 403), (name, response.status_code)
        if response.status_code == 200:
            texts[name] = page_text(response.content, response.get("Content-Type", ""))
    return texts


def test_the_export_holds_every_personal_value_any_case_page_shows(tenancy, as_user, chair, casus):
    client = as_user(chair)
    urls = case_page_urls(tenancy.a.team, casus)
    assert {"cases:detail", "analysis:case", "meetings:discussion", "advice:case"} <= set(urls)
    texts = ui_texts(client, urls)
    assert len(texts) >= 20, sorted(texts)
    everything = " ".join(texts.values())

    shown = {name: v for name, v in personal_values().items() if v in everything}
    # The comparison is not empty: the names, the BSN-less overview, the free texts are shown.
    assert len(shown) >= 25, sorted(set(personal_values()) - set(shown))
    birth_date_shown = [form for form in BIRTH_DATE_FORMS if form in everything]
    assert birth_date_shown

    base = reverse("privacy:avg-export-json", args=[tenancy.a.team.slug, casus.pk])
    exported = client.get(f"{base}?persoon=jeugdige")
    assert exported.status_code == 200
    export_text = json.dumps(json.loads(exported.content), ensure_ascii=False)
    missing = {name: v for name, v in shown.items() if v not in export_text}
    assert missing == {}
    assert "2014-02-19" in export_text
    assert YOUNG_PERSON["bsn"] in export_text  # held, even where no page shows it

    pdf_url = reverse("privacy:avg-export-pdf", args=[tenancy.a.team.slug, casus.pk])
    pdf = client.get(f"{pdf_url}?persoon=jeugdige")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = squeeze(pdf_text(pdf.content))
    missing = {name: v for name, v in shown.items() if squeeze(v) not in text}
    assert missing == {}
    assert "19-02-2014" in text
    assert "Wieheefthetdossieringezien" in text


def test_the_export_says_who_viewed_the_file(tenancy, as_user, chair, casus):
    teamlid = tenancy.a.users[Role.TEAMLID]
    as_user(teamlid).get(reverse("cases:detail", args=[tenancy.a.team.slug, casus.pk]))
    data = avg.export_person(casus, person="jeugdige", actor=chair)
    viewers = [e for e in data["access_log"] if teamlid.username in e["who"]]
    assert viewers, data["access_log"]
    entry = viewers[0]
    assert teamlid.get_full_name() in entry["who"]
    assert "teamlid" in entry["role"]
    assert entry["action"] == "ingezien" and entry["purpose"] and entry["timestamp"]


def test_an_export_is_logged_and_recorded(tenancy, as_user, chair, casus):
    client = as_user(chair)
    url = reverse("privacy:avg-export-json", args=[tenancy.a.team.slug, casus.pk])
    assert client.get(f"{url}?persoon=jeugdige").status_code == 200
    entry = AccessLogEntry.objects.filter(subject_type="casus", subject_id=str(casus.pk)).first()
    assert (entry.action, entry.purpose, entry.user) == (Action.EXPORT, "AVG-inzage", chair)
    verzoek = AvgVerzoek.objects.get(casus=casus)
    assert (verzoek.person, verzoek.kind, verzoek.status) == ("jeugdige", "inzage", "uitgevoerd")
    assert verzoek.handled_by == chair
    # A person the case does not have is refused, and nothing is recorded for it.
    assert client.get(f"{url}?persoon=ouder:0").status_code == 400
    assert client.get(url).status_code == 400
    assert AvgVerzoek.objects.filter(casus=casus).count() == 1


def test_a_parent_with_gezag_gets_the_case_without_the_other_parents_contact_details(
    tenancy, chair, casus
):
    mother = casus.ouders.get(has_gezag=True)
    text = json.dumps(avg.export_person(casus, person=f"ouder:{mother.pk}", actor=chair))
    for value in (PARENT["phone"], PARENT["email"], YOUNG_PERSON["bsn"], RECORDS["minutes1"]):
        assert value in text
    assert OTHER_PARENT["last_name"] in text  # who the other parent is
    for value in (OTHER_PARENT["phone"], OTHER_PARENT["email"], OTHER_PARENT["address"]):
        assert value not in text


def test_a_parent_without_gezag_gets_only_their_own_data(tenancy, chair, casus):
    father = casus.ouders.get(has_gezag=False)
    data = avg.export_person(casus, person=f"ouder:{father.pk}", actor=chair)
    text = json.dumps(data, ensure_ascii=False)
    assert data["scope"] == "eigen gegevens"
    for value in (OTHER_PARENT["phone"], OTHER_PARENT["email"], OTHER_PARENT["address"]):
        assert value in text
    for value in (YOUNG_PERSON["bsn"], YOUNG_PERSON["question"], PARENT["phone"], RECORDS["goal"]):
        assert value not in text
    assert data["access_log"] is not None


def test_from_16_a_parent_with_gezag_gets_only_their_own_data(tenancy, chair, casus):
    casus.birth_date = casus.birth_date.replace(year=2000)
    casus.save()
    mother = casus.ouders.get(has_gezag=True)
    data = avg.export_person(casus, person=f"ouder:{mother.pk}", actor=chair)
    assert data["scope"] == "eigen gegevens"
    assert YOUNG_PERSON["question"] not in json.dumps(data, ensure_ascii=False)


def test_every_record_of_a_case_is_exported_or_deliberately_left_out(chair, casus):
    """A model added later with a link to a case must be placed in the export or here."""
    from django.apps import apps

    from passend.cases.models import Casus
    from passend.privacy import avg_data

    exported = {
        "cases.casus", "cases.ouder", "cases.toestemming", "cases.statuswijziging",
        "cases.bijlage", "analysis.tijdlijnepisode", "analysis.analysestap",
        "meetings.casusbespreking", "advice.advies", "procesregie.doel", "procesregie.actie",
        "procesregie.regiegesprek", "procesregie.escalatie", "procesregie.toekomstplan",
        "privacy.avgverzoek",
    }  # fmt: skip
    left_out = {"cases.nametoken", "analytics.casusfeit"}  # keyed hashes; anonymised record
    linked = {
        m._meta.label_lower
        for m in apps.get_models()
        for f in m._meta.get_fields()
        if f.is_relation and f.concrete and f.related_model is Casus
    }
    assert linked - exported - left_out == set()
    data = avg_data.collect(casus, "jeugdige", actor=chair)
    assert exported <= {section["model"] for section in data["sections"]}


def test_who_read_the_minutes_on_the_meeting_page_is_in_the_export(tenancy, as_user, chair, casus):
    notulist = tenancy.a.users[Role.NOTULIST]
    discussion = casus.discussions.get()
    url = reverse(
        "meetings:discussion", args=[tenancy.a.team.slug, discussion.overleg_id, discussion.pk]
    )
    assert as_user(notulist).get(url).status_code == 200
    data = avg.export_person(casus, person="jeugdige", actor=chair)
    seen = [e for e in data["access_log"] if notulist.username in e["who"]]
    assert seen and seen[0]["subject"].startswith("overleg")
    other = seeded_case(tenancy.a.team, actor=chair)
    other_log = avg.export_person(other, person="jeugdige", actor=chair)["access_log"]
    assert not [e for e in other_log if notulist.username in e["who"]]
