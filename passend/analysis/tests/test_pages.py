"""The 'Tijdlijn en analyse' tab: a team member builds the care history and the analysis."""

import re

import pytest

from passend.accounts.roles import Role
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.codes import CaseState

from .conftest import in_state

pytestmark = pytest.mark.django_db


def urls(tenancy, casus):
    case = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/tijdlijn/"
    return case, f"{case}periodes/nieuw/"


def episode_post(**overrides):
    data = {
        "organisation": "",
        "provider_name": "",
        "hulpvorm": "02",
        "productcategorie": "",
        "description": "",
        "start": "2021-01-04",
        "end": "2021-06-30",
        "life_domain": "",
        "outcome": "",
    }
    data.update(overrides)
    return data


def test_journey_three_times_the_same_provider_is_flagged_on_timeline_and_table(
    tenancy, as_user, casus, org
):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    case, add = urls(tenancy, casus)
    form = client.get(add).content.decode()
    assert org.name in form, "organisations of the team's region to choose from"
    periods = [("2019-02-01", "2019-08-01"), ("2020-01-06", "2020-05-01"), ("2021-03-01", "")]
    for start, end in periods:
        response = client.post(
            add, episode_post(organisation=org.pk, start=start, end=end, outcome="Geen effect.")
        )
        assert response.status_code == 302 and response["Location"].endswith("#tijdlijn")
    response = client.post(
        add,
        episode_post(
            provider_name="pleeggezin via Pleegzorg Duinland",
            hulpvorm="11",
            start="2018-05-01",
            end="2019-01-31",
        ),
    )
    assert response.status_code == 302
    assert TijdlijnEpisode.objects.get(hulpvorm="11").with_stay, "pleegzorg is a stay"

    page = client.get(case).content.decode()

    alert = page[page.index('id="signalen"') : page.index("</ul>", page.index('id="signalen"'))]
    assert "utrecht-alert--warning" in page
    assert f"Dezelfde aanbieder is 3 keer ingezet: {org.name}." in alert
    assert "Dezelfde vorm van hulp is 3 keer ingezet: ambulant op locatie aanbieder." in alert
    assert '<div class="passend-timeline" aria-hidden="true">' in page
    assert page.count('class="passend-timeline__bar') == 4
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page
    table = page[page.index("<table") : page.index("</table>")]
    assert table.count("<tr") == 5 and "pleeggezin via Pleegzorg Duinland" in table
    assert "loopt nog" in table and "Geen effect." in table
    assert table.index("pleeggezin via Pleegzorg") < table.index(org.name), "oldest first"
    assert "Periode van hulp toevoegen" in page
    assert re.search(r'x="\d+\.\d\d%"', page), "bar geometry without decimal comma"


def test_invalid_episode_shows_dutch_errors_next_to_the_field_and_keeps_values(
    tenancy, as_user, casus
):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    _case, add = urls(tenancy, casus)
    response = client.post(
        add,
        episode_post(
            provider_name="Praktijk Zeewind",
            start="2022-05-01",
            end="2022-01-01",
            outcome="Moeder haakte af.",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_end-error"' in page and "De einddatum ligt vóór de begindatum." in page
    assert 'value="Praktijk Zeewind"' in page and "Moeder haakte af." in page
    assert 'value="2022-05-01"' in page
    assert not TijdlijnEpisode.objects.exists()


def test_edit_and_delete_after_confirmation(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.SCREENER])
    case, add = urls(tenancy, casus)
    client.post(add, episode_post(provider_name="Jeugd-GGZ kliniek"))
    episode = TijdlijnEpisode.objects.get()
    edit = f"{case}periodes/{episode.pk}/wijzigen/"
    assert 'value="Jeugd-GGZ kliniek"' in client.get(edit).content.decode()
    response = client.post(edit, episode_post(provider_name="Jeugd-GGZ kliniek", end=""))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.end is None
    delete = f"{case}periodes/{episode.pk}/verwijderen/"
    confirm = client.get(delete).content.decode()
    assert "Weet u zeker" in confirm and "Jeugd-GGZ kliniek" in confirm
    assert TijdlijnEpisode.objects.exists(), "GET only asks"
    assert client.post(delete).status_code == 302
    assert not TijdlijnEpisode.objects.exists()


def test_episode_of_another_case_is_not_reachable_through_this_case(tenancy, as_user, casus):
    other = in_state(tenancy.a.team)
    episode = TijdlijnEpisode.objects.create(
        casus=other, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    case, _add = urls(tenancy, casus)
    assert client.get(f"{case}periodes/{episode.pk}/wijzigen/").status_code == 404
    assert client.post(f"{case}periodes/{episode.pk}/verwijderen/").status_code == 404
    assert TijdlijnEpisode.objects.filter(pk=episode.pk).exists()
    assert AccessLogEntry.objects.filter(
        outcome=Outcome.DENIED, subject_type="tijdlijnepisode"
    ).exists()


def test_analysis_steps_keep_earlier_versions_with_author_and_date(tenancy, as_user, casus):
    member = tenancy.a.users[Role.TEAMLID]
    client = as_user(member)
    case, _add = urls(tenancy, casus)
    page = client.get(case).content.decode()
    for label in (
        "1. Informatie verzamelen en ordenen met het gezin",
        "2. Verbanden en verklaringen: wat betekent dit gedrag, nu, in deze situatie?",
        "3. Doelen en gekozen interventies",
    ):
        assert label in page
    for text in (
        "Boosheid als reactie op wisselingen.",
        "Boosheid is angst om weer te moeten verhuizen.",
    ):
        response = client.post(case, {"stap": "2", "stap2-text": text})
        assert response.status_code == 302 and response["Location"].endswith("#stap-2")
    page = client.get(case).content.decode()
    assert "Boosheid is angst om weer te moeten verhuizen." in page
    assert "Eerdere versies (1)" in page and "Boosheid als reactie op wisselingen." in page
    assert f"Geschreven door {member}" in page
    assert AnalyseStap.objects.filter(step=2).count() == 2


def test_empty_step_shows_error_at_that_step(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    case, _add = urls(tenancy, casus)
    response = client.post(case, {"stap": "3", "stap3-text": "  "})
    assert response.status_code == 200
    assert 'id="id_stap3-text-error"' in response.content.decode()
    assert "Schrijf de tekst van deze stap." in response.content.decode()


def test_notulist_reads_but_cannot_change(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.NOTULIST])
    case, add = urls(tenancy, casus)
    page = client.get(case)
    assert page.status_code == 200
    assert "Periode van hulp toevoegen" not in page.content.decode()
    assert "<textarea" not in page.content.decode()
    assert client.get(add).status_code == 403
    assert client.post(add, episode_post(provider_name="X")).status_code == 403
    refused = client.post(case, {"stap": "1", "stap1-text": "x"})
    assert refused.status_code == 403
    assert "U mag de verklarende analyse van deze casus niet wijzigen." in refused.content.decode()
    assert not TijdlijnEpisode.objects.exists() and not AnalyseStap.objects.exists()


def test_closed_case_is_read_only(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.AFGESLOTEN)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    case, add = urls(tenancy, casus)
    page = client.get(case).content.decode()
    assert "alleen in te zien" in page and "Periode van hulp toevoegen" not in page
    response = client.post(add, episode_post(provider_name="X"))
    assert response.status_code == 200
    assert "zolang het team aan de casus werkt" in response.content.decode()
    assert not TijdlijnEpisode.objects.exists()


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.BELEIDSADVISEUR])
def test_referrer_and_policy_adviser_do_not_see_the_analysis(tenancy, as_user, casus, role):
    client = as_user(tenancy.a.users[role])
    case, _add = urls(tenancy, casus)
    assert client.get(case).status_code == 404
    assert AccessLogEntry.objects.filter(
        outcome=Outcome.DENIED, user=tenancy.a.users[role]
    ).exists()
