"""The Procesregie tab, its form pages and 'Mijn acties'."""

import calendar
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.accounts.roles import Role
from passend.procesregie.models import Actie, Doel, Escalatie

from .factories import ActieFactory, DoelFactory, ToekomstplanFactory, case_at_work

pytestmark = pytest.mark.django_db


def months_ago(months: int) -> dt.date:
    today = timezone.localdate()
    index = today.month - 1 - months
    year, month = today.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def tab(casus) -> str:
    return f"/teams/{casus.team.slug}/casussen/{casus.pk}/procesregie/"


def test_tab_shows_the_case_director_sentence_for_voluntary_and_ots(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    voluntary = case_at_work(tenancy.a.team, legal_framework="vrijwillig")
    ots = case_at_work(tenancy.a.team, legal_framework="ots")
    page = client.get(tab(voluntary)).content.decode()
    assert "gemeente (CJG/wijkteam)" in page
    assert "in het vrijwillig kader is zowel voor 18- als 18+ de gemeente" in page
    page = client.get(tab(ots)).content.decode()
    assert "gecertificeerde instelling (GI)" in page
    assert "bij een juridisch kader voor kinderen onder de 18 jaar is de GI casusregisseur" in page
    assert reverse("cases:direction", kwargs={"team": ots.team.slug, "pk": ots.pk}) in page


def test_tab_without_birth_date_explains_the_director_is_unknown(tenancy, as_user):
    casus = case_at_work(tenancy.a.team, birth_date=None)
    page = as_user(tenancy.a.users[Role.TEAMLID]).get(tab(casus)).content.decode()
    assert "geboortedatum van de jeugdige is niet bekend" in page


def test_toekomstplan_removes_the_16_5_alert(tenancy, as_user):
    casus = case_at_work(
        tenancy.a.team, birth_date=months_ago(16 * 12 + 7), in_closed_youth_care=True
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    page = client.get(tab(casus)).content.decode()
    assert "16,5 jaar zonder toekomstplan" in page
    assert "Toekomstplan opstellen" in page
    assert "18-grens nadert" not in page
    ToekomstplanFactory(casus=casus)
    page = client.get(tab(casus)).content.decode()
    assert "16,5 jaar zonder toekomstplan" not in page
    assert "Toekomstplan wijzigen" in page


def test_17_5_alert_and_wlz_flag(tenancy, as_user):
    casus = case_at_work(tenancy.a.team, birth_date=months_ago(17 * 12 + 8), wlz_transition=True)
    page = as_user(tenancy.a.users[Role.TEAMLID]).get(tab(casus)).content.decode()
    assert "18-grens nadert" in page
    assert "16,5 jaar zonder toekomstplan" not in page  # not in closed youth care
    assert "Overgang Jeugdwet–Wlz speelt." in page
    assert "zorgkantoor" in page


def test_overdue_actions_say_te_laat_and_plan_is_grouped_by_term(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    goal = DoelFactory(casus=casus, term="middellang", description="Passende school vinden")
    ActieFactory(
        casus=casus,
        goal=goal,
        description="Leerplicht bellen",
        owner=tenancy.a.users[Role.TEAMLID],
        deadline=timezone.localdate() - dt.timedelta(days=1),
    )
    ActieFactory(casus=casus, description="Netwerkberaad plannen", owner_name="Wijkteam")
    page = as_user(tenancy.a.users[Role.TEAMLID]).get(tab(casus)).content.decode()
    assert page.count("te laat") == 1
    assert page.index("Middellange termijn") < page.index("Passende school vinden")
    assert page.index("Passende school vinden") < page.index("Leerplicht bellen")
    assert "Netwerkberaad plannen" in page and "buiten het team" in page


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.BELEIDSADVISEUR])
def test_referrer_and_policy_adviser_see_nothing(tenancy, as_user, role):
    casus = case_at_work(tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])
    action = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID])
    client = as_user(tenancy.a.users[role])
    for url in (
        tab(casus),
        f"{tab(casus)}toekomstplan/",
        f"{tab(casus)}acties/{action.pk}/",
        f"/teams/{tenancy.a.team.slug}/mijn-acties/",
        f"/api/v1/cases/{casus.pk}/goals",
        f"/api/v1/cases/{casus.pk}/direction-checks",
        f"/api/v1/actions/{action.pk}",
    ):
        assert client.get(url).status_code == 404, url


def test_notulist_reads_but_does_not_edit(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    DoelFactory(casus=casus)
    client = as_user(tenancy.a.users[Role.NOTULIST])
    page = client.get(tab(casus)).content.decode()
    assert "Binnen twee weken een veilige slaapplek." in page
    assert "Doel toevoegen" not in page and "Actie toevoegen" not in page
    for path in ("doelen/nieuw/", "acties/nieuw/", "escalaties/nieuw/", "toekomstplan/"):
        assert client.get(tab(casus) + path).status_code == 403
        assert client.post(tab(casus) + path, {"term": "kort"}).status_code == 403
    assert Doel.objects.count() == 1


def test_goal_form_keeps_input_and_shows_dutch_errors(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    future = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = client.post(
        f"{tab(casus)}doelen/nieuw/",
        {"term": "kort", "description": "Dagbesteding starten", "achieved_on": future},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Deze datum kan niet in de toekomst liggen." in page
    assert "Dagbesteding starten" in page
    response = client.post(
        f"{tab(casus)}doelen/nieuw/", {"term": "kort", "description": "Dagbesteding starten"}
    )
    assert response.status_code == 302
    assert Doel.objects.get(casus=casus).description == "Dagbesteding starten"


def test_escalation_form_refuses_a_lower_level(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    data = {
        "from_level": "expertteam",
        "to_level": "procesregisseur",
        "reason": "Aanbieders komen er samen niet uit.",
        "escalated_on": timezone.localdate().isoformat(),
    }
    response = client.post(f"{tab(casus)}escalaties/nieuw/", data)
    assert response.status_code == 200
    assert "Opschalen gaat naar een hoger niveau" in response.content.decode()
    assert "Aanbieders komen er samen niet uit." in response.content.decode()
    data["to_level"] = "bovenregionaal"
    assert client.post(f"{tab(casus)}escalaties/nieuw/", data).status_code == 302
    escalation = Escalatie.objects.get(casus=casus)
    response = client.post(
        f"{tab(casus)}escalaties/{escalation.pk}/",
        {
            **data,
            "outcome": "Expertisecentrum financiert maatwerk.",
            "outcome_on": data["escalated_on"],
        },
    )
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.outcome == "Expertisecentrum financiert maatwerk."


def test_action_form_refuses_an_owner_outside_the_team(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.post(
        f"{tab(casus)}acties/nieuw/",
        {
            "description": "Plek zoeken",
            "owner": tenancy.b.users[Role.TEAMLID].pk,
            "deadline": timezone.localdate().isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "Plek zoeken" in response.content.decode()
    assert not Actie.objects.exists()


def test_toekomstplan_form_saves_rows_and_double_check(tenancy, as_user):
    casus = case_at_work(tenancy.a.team, in_closed_youth_care=True)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert client.get(f"{tab(casus)}toekomstplan/").status_code == 200
    data = {f"{d}_status": "niet_geregeld" for d in ("wonen", "onderwijs_werk", "financien")}
    data.update(
        {
            f"{d}_status": "niet_geregeld"
            for d in ("gezondheid", "netwerk", "praktisch", "juridisch", "vervolgzorg")
        }
    )
    data.update(
        dream="Kok worden",
        wonen_supporter="Mentor van de groep",
        wonen_arrangement="Aanmelding kamertraining",
        wonen_status="in_gang",
        check_own_plan="ja",
    )
    response = client.post(f"{tab(casus)}toekomstplan/", data)
    assert response.status_code == 302
    plan = casus.toekomstplan
    assert plan.dream == "Kok worden" and plan.check_own_plan == "ja"
    row = plan.rows.get(domain="wonen")
    assert (row.supporter, row.status) == ("Mentor van de groep", "in_gang")
    page = client.get(tab(casus)).content.decode()
    assert "Aanmelding kamertraining" in page


def test_my_actions_page_shows_only_own_actions_and_marks_done(tenancy, as_user):
    me = tenancy.a.users[Role.TEAMLID]
    casus = case_at_work(tenancy.a.team)
    mine = ActieFactory(
        casus=casus, owner=me, description="Mijn klus", deadline=timezone.localdate()
    )
    ActieFactory(casus=casus, owner=tenancy.a.users[Role.SCREENER], description="Andermans klus")
    other = case_at_work(tenancy.b.team)
    ActieFactory(casus=other, owner=me, description="Klus in ander team")
    client = as_user(me)
    url = f"/teams/{tenancy.a.team.slug}/mijn-acties/"
    page = client.get(url).content.decode()
    assert "Mijn klus" in page and casus.reference in page
    assert "Andermans klus" not in page and "Klus in ander team" not in page
    response = client.post(f"{tab(casus)}acties/{mine.pk}/gedaan/", {"terug": "mijn-acties"})
    assert response.status_code == 302 and response["Location"] == url
    mine.refresh_from_db()
    assert mine.status == "gedaan"
    assert "Mijn klus" not in client.get(url).content.decode()


def test_notulist_marks_own_action_done_but_not_others(tenancy, as_user):
    notulist = tenancy.a.users[Role.NOTULIST]
    casus = case_at_work(tenancy.a.team)
    own = ActieFactory(casus=casus, owner=notulist)
    other = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID])
    client = as_user(notulist)
    assert client.post(f"{tab(casus)}acties/{own.pk}/gedaan/").status_code == 302
    assert client.post(f"{tab(casus)}acties/{other.pk}/gedaan/").status_code == 403
    own.refresh_from_db(), other.refresh_from_db()
    assert (own.status, other.status) == ("gedaan", "open")
