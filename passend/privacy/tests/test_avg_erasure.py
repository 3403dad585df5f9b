"""Erasure on request: the retention anonymisation now (the young person), one parent removed
(a parent), or the refusal recorded with its legal ground and explanation; only for a closed
case; only the voorzitter and the beheerder; the page, the API and the access log."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Action
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Ouder, Toestemming
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.privacy import avg
from passend.privacy.models import AvgVerzoek

from .avg_seed import OTHER_PARENT, PARENT, RECORDS, YOUNG_PERSON, seeded_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(tenancy):
    return tenancy.a.users[Role.VOORZITTER]


@pytest.fixture
def casus(tenancy, chair):
    return seeded_case(tenancy.a.team, actor=chair, state=CaseState.AFGESLOTEN)


def page(tenancy, casus) -> str:
    return reverse("privacy:avg-case", args=[tenancy.a.team.slug, casus.pk])


API_PARTS = {"export": "data-export", "erasure": "erasure-requests", "requests": "avg-requests"}


def api(casus, part: str) -> str:
    return f"/api/v1/cases/{casus.pk}/{API_PARTS[part]}"


def test_erasing_the_young_person_anonymises_the_case_and_records_the_request(chair, casus):
    verzoek = avg.erase_person(casus, person="jeugdige", actor=chair)
    casus.refresh_from_db()
    assert casus.anonymised_at is not None
    assert (casus.first_name, casus.last_name, casus.bsn, casus.birth_date) == ("", "", None, None)
    assert not casus.ouders.exists() and not casus.bijlagen.exists()
    text = json.dumps(avg.export_person(casus, person="jeugdige", actor=chair), ensure_ascii=False)
    for value in [*YOUNG_PERSON.values(), *PARENT.values(), *RECORDS.values()]:
        assert value not in text
    assert (verzoek.kind, verzoek.status, verzoek.person) == ("wissen", "uitgevoerd", "jeugdige")
    assert verzoek.handled_by == chair and verzoek.refusal_ground == ""
    deleted = AccessLogEntry.objects.filter(subject_id=str(casus.pk), action=Action.DELETE)
    assert deleted.filter(purpose="AVG-verzoek", user=chair).count() == 1
    with pytest.raises(StateConflict):  # a second request finds nothing left to erase
        avg.erase_person(casus, person="jeugdige", actor=chair)


def test_erasing_a_parent_removes_that_parent_and_their_consents_only(chair, casus):
    father = casus.ouders.get(has_gezag=False)
    consents = casus.consents.count()
    avg.erase_person(casus, person=f"ouder:{father.pk}", actor=chair)
    assert not Ouder.objects.filter(pk=father.pk).exists()
    assert not Toestemming.objects.filter(ouder_id=father.pk).exists()
    assert casus.consents.count() == consents - 1
    casus.refresh_from_db()
    assert casus.anonymised_at is None and casus.first_name == YOUNG_PERSON["first_name"]
    assert casus.ouders.get().first_name == PARENT["first_name"]
    text = json.dumps(avg.export_person(casus, person="jeugdige", actor=chair), ensure_ascii=False)
    for value in OTHER_PARENT.values():
        assert value not in text
    assert AvgVerzoek.objects.filter(person=f"ouder:{father.pk}", status="uitgevoerd").exists()
    assert AccessLogEntry.objects.filter(
        subject_id=str(casus.pk), action=Action.DELETE, purpose="AVG-verwijdering"
    ).exists()


@pytest.mark.parametrize("state", [CaseState.IN_BEHANDELING, CaseState.AANGEMELD])
def test_an_open_case_is_not_erased(tenancy, chair, state):
    casus = seeded_case(tenancy.a.team, actor=chair, state=state)
    with pytest.raises(StateConflict, match="Casus loopt nog"):
        avg.erase_person(casus, person="jeugdige", actor=chair)
    casus.refresh_from_db()
    assert casus.anonymised_at is None and casus.ouders.count() == 2
    assert not AvgVerzoek.objects.filter(casus=casus).exists()


def test_a_refusal_needs_a_ground_and_an_explanation_and_is_recorded(chair, casus):
    with pytest.raises(InvalidInput) as refused:
        avg.erase_person(casus, person="jeugdige", actor=chair, refuse_ground="rechtsvordering")
    assert set(refused.value.errors) == {"explanation"}
    with pytest.raises(InvalidInput) as refused:
        avg.erase_person(
            casus, person="jeugdige", actor=chair, refuse_ground="zomaar", explanation="x"
        )
    assert set(refused.value.errors) == {"refuse_ground"}
    assert not AvgVerzoek.objects.exists()
    verzoek = avg.erase_person(
        casus,
        person="jeugdige",
        actor=chair,
        refuse_ground=avg.Weigeringsgrond.RECHTSVORDERING,
        explanation="Er loopt een klachtprocedure over het advies.",
    )
    assert (verzoek.status, verzoek.refusal_ground) == ("geweigerd", "rechtsvordering")
    assert verzoek.refusal_explanation == "Er loopt een klachtprocedure over het advies."
    casus.refresh_from_db()
    assert casus.anonymised_at is None and casus.first_name == YOUNG_PERSON["first_name"]
    assert AccessLogEntry.objects.filter(
        subject_id=str(casus.pk), purpose="AVG-verwijdering geweigerd", user=chair
    ).exists()


def test_a_refusal_may_be_recorded_for_an_open_case(tenancy, chair):
    casus = seeded_case(tenancy.a.team, actor=chair, state=CaseState.IN_BEHANDELING)
    verzoek = avg.erase_person(
        casus,
        person="jeugdige",
        actor=chair,
        refuse_ground=avg.Weigeringsgrond.ALGEMEEN_BELANG,
        explanation="De casus loopt nog; het team werkt aan het advies.",
    )
    assert verzoek.status == "geweigerd"


@pytest.mark.parametrize("person", ["", "ouder", "ouder:", "ouder:abc", "ouder:0", "iemand"])
def test_an_unknown_person_is_bad_input(chair, casus, person):
    with pytest.raises(InvalidInput) as refused:
        avg.erase_person(casus, person=person, actor=chair)
    assert set(refused.value.errors) == {"person"}
    with pytest.raises(InvalidInput):
        avg.export_person(casus, person=person, actor=chair)


def test_a_parent_of_another_case_is_an_unknown_person(tenancy, chair, casus):
    other = seeded_case(tenancy.a.team, actor=chair, state=CaseState.AFGESLOTEN)
    with pytest.raises(InvalidInput):
        avg.erase_person(casus, person=f"ouder:{other.ouders.first().pk}", actor=chair)
    assert other.ouders.count() == 2


@pytest.mark.parametrize("role", [Role.TEAMLID, Role.SCREENER, Role.PROCESREGISSEUR])
def test_other_roles_may_not_handle_requests(tenancy, as_user, casus, role):
    user = tenancy.a.users[role]
    with pytest.raises(NotAllowed):
        avg.export_person(casus, person="jeugdige", actor=user)
    with pytest.raises(NotAllowed):
        avg.erase_person(casus, person="jeugdige", actor=user)
    client = as_user(user)
    url = page(tenancy, casus)
    assert client.get(url).status_code in (403, 404)
    assert client.get(f"{url}inzage.json?persoon=jeugdige").status_code in (403, 404)
    response = client.post(url, {"person": "jeugdige", "decision": "uitvoeren", "confirm": "on"})
    assert response.status_code in (403, 404)
    assert client.get(api(casus, "export") + "?person=jeugdige").status_code in (403, 404)
    assert client.post(api(casus, "erasure"), {"person": "jeugdige"}).status_code in (403, 404)
    casus.refresh_from_db()
    assert casus.anonymised_at is None and not AvgVerzoek.objects.exists()


def test_the_beheerder_reaches_a_case_only_here(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    assert client.get(reverse("cases:detail", args=[tenancy.a.team.slug, casus.pk])).status_code
    response = client.get(page(tenancy, casus))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Download PDF" in body and YOUNG_PERSON["first_name"] in body
    assert 'name="decision"' in body
    assert client.get(f"{page(tenancy, casus)}inzage.json?persoon=jeugdige").status_code == 200


def test_the_case_page_links_to_the_avg_page_for_the_chair_only(tenancy, as_user, casus):
    detail = reverse("cases:detail", args=[tenancy.a.team.slug, casus.pk])
    link = f'href="{page(tenancy, casus)}"'
    assert link in as_user(tenancy.a.users[Role.VOORZITTER]).get(detail).content.decode()
    assert link not in as_user(tenancy.a.users[Role.TEAMLID]).get(detail).content.decode()


def test_the_page_refuses_with_the_form_again(tenancy, as_user, chair, casus):
    client = as_user(chair)
    url = page(tenancy, casus)
    response = client.post(url, {"person": "jeugdige", "decision": "weigeren", "confirm": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies een grond voor de weigering" in body and "Leg uit waarom" in body
    response = client.post(url, {"person": "jeugdige", "decision": "uitvoeren"})
    assert response.status_code == 200 and 'id="form-errors"' in response.content.decode()
    assert not AvgVerzoek.objects.exists()
    casus.refresh_from_db()
    assert casus.anonymised_at is None


def test_the_page_records_a_refusal_and_performs_an_erasure(tenancy, as_user, chair, casus):
    client = as_user(chair)
    url = page(tenancy, casus)
    refusal = {
        "person": "jeugdige",
        "received_on": "2026-11-30",
        "decision": "weigeren",
        "ground": "wettelijke_plicht",
        "explanation": "Het dossier valt onder de bewaarplicht van de Jeugdwet.",
        "confirm": "on",
    }
    assert client.post(url, refusal).status_code == 302
    verzoek = AvgVerzoek.objects.get()
    assert (verzoek.status, str(verzoek.received_on)) == ("geweigerd", "2026-11-30")
    body = client.get(url).content.decode()
    assert "bewaarplicht van de Jeugdwet" in body and "art. 7.3.8 Jeugdwet" in body
    father = casus.ouders.get(has_gezag=False)
    erase = {
        "person": f"ouder:{father.pk}",
        "received_on": "2026-12-01",
        "decision": "uitvoeren",
        "confirm": "on",
    }
    assert client.post(url, erase).status_code == 302
    assert not Ouder.objects.filter(pk=father.pk).exists()
    assert "ouder of verzorger (verwijderd)" in client.get(url).content.decode()
    assert client.post(url, {**erase, "person": "jeugdige"}).status_code == 302
    assert Casus.objects.get(pk=casus.pk).anonymised_at is not None


def test_the_api_exports_erases_and_lists(tenancy, as_user, chair, casus):
    client = as_user(chair)
    client.get(reverse("cases:detail", args=[tenancy.a.team.slug, casus.pk]))
    exported = client.get(api(casus, "export") + "?person=jeugdige")
    assert exported.status_code == 200
    data = exported.json()
    assert data["caseReference"] == casus.reference
    assert YOUNG_PERSON["bsn"] in json.dumps(data) and data["accessLog"]
    pdf = client.get(api(casus, "export") + "?person=jeugdige", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    missing = client.get(api(casus, "export"))
    assert missing.status_code == 400 and missing["Content-Type"] == "application/problem+json"
    bad = client.post(api(casus, "erasure"), {"person": "ouder:0"}, content_type="application/json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in bad.json()["invalidParams"]] == ["person"]
    no_reason = client.post(
        api(casus, "erasure"),
        {"person": "jeugdige", "refusalGround": "rechtsvordering"},
        content_type="application/json",
    )
    assert no_reason.status_code == 400
    assert [p["name"] for p in no_reason.json()["invalidParams"]] == ["explanation"]
    bad_ground = client.post(
        api(casus, "erasure"),
        {"person": "jeugdige", "refusalGround": "zomaar", "explanation": "x"},
        content_type="application/json",
    )
    assert bad_ground.status_code == 400
    refused = client.post(
        api(casus, "erasure"),
        {"person": "jeugdige", "refusalGround": "rechtsvordering", "explanation": "Klacht."},
        content_type="application/json",
    )
    assert refused.status_code == 201 and refused.json()["status"] == "geweigerd"
    erased = client.post(
        api(casus, "erasure"), {"person": "jeugdige"}, content_type="application/json"
    )
    assert erased.status_code == 201 and erased.json()["status"] == "uitgevoerd"
    again = client.post(
        api(casus, "erasure"), {"person": "jeugdige"}, content_type="application/json"
    )
    assert again.status_code == 409
    listed = client.get(api(casus, "requests")).json()
    assert [(r["kind"], r["status"]) for r in listed] == [
        ("wissen", "uitgevoerd"),
        ("wissen", "geweigerd"),
        ("inzage", "uitgevoerd"),
        ("inzage", "uitgevoerd"),
    ]


def test_the_beheerder_finds_a_case_by_its_number(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    url = reverse("privacy:avg-team", args=[tenancy.a.team.slug])
    assert (
        f'href="{url}"'
        in client.get(reverse("regions:beheer", args=[tenancy.a.team.slug])).content.decode()
    )
    found = client.get(url, {"casusnummer": casus.reference})
    assert found.status_code == 302 and found["Location"] == page(tenancy, casus)
    unknown = client.get(url, {"casusnummer": "2099-999999"})
    assert unknown.status_code == 200 and "Geen casus met dit nummer" in unknown.content.decode()
    other_team = seeded_case(tenancy.b.team, actor=tenancy.b.users[Role.VOORZITTER])
    elsewhere = client.get(url, {"casusnummer": other_team.reference})
    assert (
        elsewhere.status_code == 200 and "Geen casus met dit nummer" in elsewhere.content.decode()
    )
    avg.export_person(casus, person="jeugdige", actor=tenancy.a.users[Role.BEHEERDER])
    listing = client.get(url).content.decode()
    assert casus.reference in listing and YOUNG_PERSON["last_name"] not in listing
    assert as_user(tenancy.a.users[Role.TEAMLID]).get(url).status_code == 404


def test_a_request_cannot_be_received_in_the_future(tenancy, as_user, chair, casus):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        avg.erase_person(casus, person="jeugdige", actor=chair, received_on=tomorrow)
    assert set(refused.value.errors) == {"received_on"}
    response = as_user(chair).post(
        page(tenancy, casus),
        {
            "person": "jeugdige",
            "received_on": tomorrow.isoformat(),
            "decision": "uitvoeren",
            "confirm": "on",
        },
    )
    assert response.status_code == 200
    assert "niet in de toekomst" in response.content.decode()
    assert (
        avg.erase_person(
            casus, person="jeugdige", actor=chair, received_on=timezone.localdate()
        ).received_on
        == timezone.localdate()
    )
