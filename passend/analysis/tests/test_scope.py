"""The timeline and the analysis: one case scope, consent that gates the work, and no 500 or
meaningless date on any input (security review, issue 9)."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.tests.factories import CasusFactory
from passend.cases.workflow import case_work_refusal

from .conftest import in_state

pytestmark = pytest.mark.django_db
JSON = "application/json"


def denied():
    return AccessLogEntry.objects.filter(outcome=Outcome.DENIED)


def episode(**overrides):
    data = {"providerName": "Jeugd-GGZ kliniek", "hulpvorm": "02", "start": "2021-02-01"}
    return {**data, **overrides}


def page_episode(**overrides):
    data = {"provider_name": "Jeugd-GGZ kliniek", "hulpvorm": "02", "start": "2021-02-01"}
    return {**data, **overrides}


def all_routes(casus, episode_id):
    page = f"/teams/{casus.team.slug}/casussen/{casus.pk}/tijdlijn/"
    api = f"/api/v1/cases/{casus.pk}"
    return [
        ("get", page, None),
        ("post", page, {"stap": "1", "stap1-text": "x"}),
        ("get", f"{page}periodes/nieuw/", None),
        ("post", f"{page}periodes/nieuw/", page_episode()),
        ("get", f"{page}periodes/{episode_id}/wijzigen/", None),
        ("post", f"{page}periodes/{episode_id}/wijzigen/", page_episode()),
        ("get", f"{page}periodes/{episode_id}/verwijderen/", None),
        ("post", f"{page}periodes/{episode_id}/verwijderen/", {}),
        ("get", f"{api}/timeline-episodes", None),
        ("post-json", f"{api}/timeline-episodes", episode()),
        ("get", f"{api}/timeline-episodes/{episode_id}", None),
        ("patch", f"{api}/timeline-episodes/{episode_id}", {"end": "2021-03-01"}),
        ("delete", f"{api}/timeline-episodes/{episode_id}", None),
        ("get", f"{api}/timeline-flags", None),
        ("get", f"{api}/analysis-steps", None),
        ("post-json", f"{api}/analysis-steps", {"step": 1, "text": "x"}),
    ]


def call(client, method, url, body):
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, body)
    if method == "delete":
        return client.delete(url)
    verb = "post" if method == "post-json" else method
    return getattr(client, verb)(url, body, content_type=JSON)


@pytest.mark.parametrize("role", [Role.PROCESREGISSEUR, Role.TEAMLID])
def test_another_users_draft_is_404_with_one_denied_entry_on_every_route(tenancy, as_user, role):
    draft = CasusFactory(team=tenancy.a.team, is_draft=True)
    kept = TijdlijnEpisode.objects.create(
        casus=draft, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[role])
    for method, url, body in all_routes(draft, kept.pk):
        before = denied().count()
        response = call(client, method, url, body)
        assert response.status_code == 404, (method, url, response.status_code)
        assert denied().count() == before + 1, (method, url)
        entry = denied().order_by("-id").first()
        assert (entry.subject_type, entry.subject_id, entry.team) == (
            "casus",
            str(draft.pk),
            tenancy.a.team,
        )
    assert TijdlijnEpisode.objects.get() == kept and not AnalyseStap.objects.exists()


def test_an_episode_of_another_case_is_logged_as_the_episode(tenancy, as_user, casus):
    other = in_state(tenancy.a.team)
    foreign = TijdlijnEpisode.objects.create(
        casus=other, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    api = f"/api/v1/cases/{casus.pk}/timeline-episodes/{foreign.pk}"
    page = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/tijdlijn/periodes/{foreign.pk}"
    for response in (
        client.get(api),
        client.patch(api, {"end": "2021-01-01"}, content_type=JSON),
        client.delete(api),
        client.get(f"{page}/wijzigen/"),
        client.post(f"{page}/verwijderen/"),
    ):
        assert response.status_code == 404
        entry = denied().order_by("-id").first()
        assert (entry.subject_type, entry.subject_id) == ("tijdlijnepisode", str(foreign.pk))
    assert denied().count() == 5
    foreign.refresh_from_db()
    assert foreign.end is None


def withdraw(casus):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    casus.consents.filter(ouder=None).update(withdrawn_on=yesterday)
    return case_work_refusal(casus)


def test_withdrawn_consent_blocks_timeline_and_analysis_in_the_api_but_not_reading(
    tenancy, as_user, casus
):
    kept = TijdlijnEpisode.objects.create(
        casus=casus, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    message = withdraw(casus)
    assert message
    client = as_user(tenancy.a.users[Role.TEAMLID])
    api = f"/api/v1/cases/{casus.pk}"
    for response in (
        client.post(f"{api}/timeline-episodes", episode(), content_type=JSON),
        client.patch(
            f"{api}/timeline-episodes/{kept.pk}", {"end": "2021-01-01"}, content_type=JSON
        ),
        client.delete(f"{api}/timeline-episodes/{kept.pk}"),
        client.post(f"{api}/analysis-steps", {"step": 1, "text": "Gesprek."}, content_type=JSON),
    ):
        assert response.status_code == 409, response.content
        assert response.json()["detail"] == message
    kept.refresh_from_db()
    assert kept.end is None and not AnalyseStap.objects.exists()
    for rest in ("timeline-episodes", f"timeline-episodes/{kept.pk}", "timeline-flags"):
        before = AccessLogEntry.objects.count()
        assert client.get(f"{api}/{rest}").status_code == 200
        entry = AccessLogEntry.objects.order_by("-id").first()
        assert AccessLogEntry.objects.count() == before + 1
        assert (entry.outcome, entry.subject_type, entry.subject_id) == (
            Outcome.ALLOWED,
            "casus",
            str(casus.pk),
        )


def test_withdrawn_consent_shows_the_same_message_on_the_pages(tenancy, as_user, casus):
    kept = TijdlijnEpisode.objects.create(
        casus=casus, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    message = withdraw(casus)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    case = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/tijdlijn/"
    response = client.post(f"{case}periodes/nieuw/", page_episode(outcome="Moeder haakte af."))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Moeder haakte af." in response.content.decode(), "what was entered stays"
    response = client.post(case, {"stap": "2", "stap2-text": "Boosheid is angst."})
    assert response.status_code == 200
    assert message in response.content.decode()
    response = client.post(f"{case}periodes/{kept.pk}/verwijderen/", follow=True)
    assert message in response.content.decode()
    assert TijdlijnEpisode.objects.get() == kept and not AnalyseStap.objects.exists()
    page = client.get(case).content.decode()
    assert message in page and "Periode van hulp toevoegen" not in page


def test_a_start_before_1900_is_refused_also_without_a_birth_date(tenancy, as_user):
    """No date the domain cannot have: 0001-01-01 was accepted when the birth date is unknown."""
    casus = in_state(
        tenancy.a.team,
        birth_date=None,  # no consent can be valid: the basis is the OTS
        legal_framework="ots",
        legal_basis_reason="Ondertoezichtstelling, uitspraak kinderrechter.",
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/api/v1/cases/{casus.pk}/timeline-episodes"
    for start in ("0001-01-01", "1899-12-31"):
        response = client.post(url, episode(start=start), content_type=JSON)
        assert response.status_code == 400, response.content
        assert [p["name"] for p in response.json()["invalidParams"]] == ["start"]
    page = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/tijdlijn/periodes/nieuw/"
    response = client.post(page, page_episode(start="0001-01-01"))
    assert response.status_code == 200 and 'id="id_start-error"' in response.content.decode()
    assert not TijdlijnEpisode.objects.exists()


def test_malformed_bodies_are_400_with_invalid_params(tenancy, as_user, casus):
    kept = TijdlijnEpisode.objects.create(
        casus=casus, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    api = f"/api/v1/cases/{casus.pk}"
    writes = [
        ("post", f"{api}/timeline-episodes"),
        ("patch", f"{api}/timeline-episodes/{kept.pk}"),
        ("post", f"{api}/analysis-steps"),
    ]
    for method, url in writes:
        for body in ("[]", "true", "[{}]", '"x"', "null", "17"):
            response = getattr(client, method)(url, body, content_type=JSON)
            assert response.status_code == 400, (method, url, body, response.status_code)
            assert response.json()["invalidParams"], (url, body)
    for body in (
        {"offerId": 999999},
        {"offerId": 2**70},
        {"organisation": "x"},
        {"lifeDomain": "maan"},
        {"start": "0001-01-01"},
        {"end": "9999-12-31"},
    ):
        response = client.patch(f"{api}/timeline-episodes/{kept.pk}", body, content_type=JSON)
        assert response.status_code == 400, (body, response.content)
    kept.refresh_from_db()
    assert kept.end is None
