"""The meeting pages through plain HTML forms: plan → agenda → attendance → discussion."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.tests.factories import CasusFactory
from passend.meetings import rules, selectors
from passend.meetings.codes import MeetingStatus, Participation
from passend.meetings.models import Casusbespreking, Overleg

pytestmark = pytest.mark.django_db


def meeting_url(team, overleg, rest=""):
    return f"/teams/{team.slug}/overleggen/{overleg.pk}/{rest}"


def test_plan_agenda_attendance_participation_minutes_and_evaluation(tenancy, as_user, active_case):
    team, chair = tenancy.a.team, tenancy.a.users[Role.VOORZITTER]
    client = as_user(chair)
    today = timezone.localdate()
    form = client.get(f"/teams/{team.slug}/overleggen/plannen/")
    assert form.status_code == 200
    response = client.post(
        f"/teams/{team.slug}/overleggen/plannen/",
        {
            "day": today.isoformat(),
            "start": "09:30",
            "duration_minutes": "120",
            "location": "online",
            "chair": chair.pk,
        },
    )
    overleg = Overleg.objects.get(team=team)
    assert response.status_code == 302 and response["Location"].endswith(f"/{overleg.pk}/")
    assert overleg.chair == chair and overleg.status == MeetingStatus.GEPLAND

    response = client.post(
        meeting_url(team, overleg, "agenda/"),
        {"casus": active_case.pk, "question": "Welke plek past bij Sanne?"},
    )
    assert response.status_code == 302
    item = Casusbespreking.objects.get(overleg=overleg)
    assert item.question == "Welke plek past bij Sanne?" and item.order == 1

    notulist = tenancy.a.users[Role.NOTULIST]
    response = client.post(
        meeting_url(team, overleg, "aanwezigheid/"),
        {f"member_{chair.pk}": "aanwezig", f"member_{notulist.pk}": "afgemeld"},
    )
    assert response.status_code == 302
    assert dict(overleg.attendance.values_list("user_id", "status")) == {
        chair.pk: "aanwezig",
        notulist.pk: "afgemeld",
    }

    response = client.post(
        meeting_url(team, overleg, "gasten/"),
        {"name": "Dr. Fictief", "function": "kinderpsychiater", "kind": "oproepbare_expert"},
    )
    assert response.status_code == 302 and overleg.guests.get().name == "Dr. Fictief"

    url = meeting_url(team, overleg, f"besprekingen/{item.pk}/")
    response = client.post(
        url,
        {
            "formulier": "bespreking",
            "participation": Participation.AANWEZIG,
            "minutes_part1": "Sanne wil naar school; de vraag achter de vraag is veiligheid.",
            "minutes_part2": "Het team adviseert een plek bij oma met ambulante steun.",
            "what_helped": "Sanne vertelde zelf haar verhaal.",
            "could_be_better": "Minder mensen aan tafel.",
            "family_view": "Oma voelde zich gehoord.",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    overleg.refresh_from_db()
    assert item.participation == Participation.AANWEZIG
    assert item.minutes_part2.startswith("Het team adviseert")
    assert item.minutes_recorded_at and item.evaluated_at and item.evaluated_by == chair
    assert item.discussed_at == overleg.starts_at
    assert overleg.status == MeetingStatus.GEHOUDEN

    page = client.get(meeting_url(team, overleg)).content.decode()
    assert "Deel 1 – met het gezin" in page and "Deel 2 – besloten" in page
    assert "de vraag achter de vraag is veiligheid" in page
    assert "Oma voelde zich gehoord." in page and "Dr. Fictief" in page


def test_perspectief_is_on_top_of_every_agenda_item(tenancy, as_user, todays_meeting):
    cases = [
        CasusFactory(team=tenancy.a.team, state=CaseState.IN_BEHANDELING, youth_wish=wish)
        for wish in ("Ik wil bij mijn broer blijven.", "Ik wil een eigen kamer.")
    ]
    for order, casus in enumerate(cases, start=1):
        Casusbespreking.objects.create(overleg=todays_meeting, casus=casus, order=order)
    page = (
        as_user(tenancy.a.users[Role.TEAMLID])
        .get(meeting_url(tenancy.a.team, todays_meeting))
        .content.decode()
    )
    articles = page.split("<article")[1:]
    assert len(articles) == 2
    for casus, article in zip(cases, articles, strict=True):
        top = article.index("Perspectief van de jeugdige")
        assert top < article.index(casus.youth_wish) < article.index("Vraag aan het overleg")


def test_policy_errors_keep_what_was_entered(tenancy, as_user, active_case, todays_meeting):
    team = tenancy.a.team
    team.participation_required = True
    team.save()
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    client = as_user(tenancy.a.users[Role.NOTULIST])
    url = meeting_url(team, todays_meeting, f"besprekingen/{item.pk}/")
    response = client.post(
        url,
        {
            "participation": Participation.AFWEZIG,
            "minutes_part1": "Wens van het gezin: een plek dichtbij school.",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["absence_reason"] == [rules.REQUIRED_REASON]
    assert "Wens van het gezin: een plek dichtbij school." in response.content.decode()

    response = client.post(
        url, {"participation": Participation.WOORDVOERDER, "spokesperson_name": "Tante Els"}
    )
    assert list(response.context["form"].errors) == ["spokesperson_relation"]
    assert 'value="Tante Els"' in response.content.decode()

    response = client.post(url, {"minutes_part2": "Besloten deel"})
    assert response.context["form"].errors["participation"] == [rules.PARTICIPATION_FIRST]
    item.refresh_from_db()
    assert item.participation == "" and item.minutes_recorded_at is None

    response = client.post(
        url,
        {
            "participation": Participation.WOORDVOERDER,
            "spokesperson_name": "Tante Els",
            "spokesperson_relation": "tante",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.spokesperson_name, item.spokesperson_relation) == ("Tante Els", "tante")


def test_absent_without_reason_is_refused_also_when_participation_is_not_required(
    tenancy, as_user, active_case, todays_meeting
):
    assert not tenancy.a.team.participation_required
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = meeting_url(tenancy.a.team, todays_meeting, f"besprekingen/{item.pk}/")
    response = client.post(url, {"participation": Participation.AFWEZIG, "what_helped": "Rust"})
    assert response.status_code == 200
    assert response.context["form"].errors["absence_reason"] == [rules.REASON_NEEDED]
    assert "Rust" in response.content.decode(), "what was entered stays"
    item.refresh_from_db()
    assert item.participation == ""
    response = client.post(
        url, {"participation": Participation.AFWEZIG, "absence_reason": "Opgenomen"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.participation, item.absence_reason) == (Participation.AFWEZIG, "Opgenomen")


def test_the_api_refuses_absent_without_reason_when_participation_is_not_required(
    tenancy, as_user, active_case, todays_meeting
):
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    response = as_user(tenancy.a.users[Role.NOTULIST]).patch(
        f"/api/v1/meetings/{todays_meeting.pk}/case-discussions/{item.pk}",
        {"participation": "afwezig"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["absenceReason"]
    item.refresh_from_db()
    assert item.participation == ""


def test_a_future_meeting_cannot_get_minutes_yet(tenancy, as_user, active_case, future_meeting):
    item = Casusbespreking.objects.create(overleg=future_meeting, casus=active_case, order=1)
    response = as_user(tenancy.a.users[Role.NOTULIST]).post(
        meeting_url(tenancy.a.team, future_meeting, f"besprekingen/{item.pk}/"),
        {"participation": Participation.AANWEZIG},
    )
    assert response.status_code == 200
    assert "moet nog plaatsvinden" in response.content.decode()
    item.refresh_from_db()
    assert item.discussed_at is None


def test_only_active_cases_of_the_team_go_on_the_agenda(tenancy, as_user, future_meeting):
    team = tenancy.a.team
    new = CasusFactory(team=team)  # aangemeld
    other_team = CasusFactory(team=tenancy.b.team, state=CaseState.IN_BEHANDELING)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    for casus in (new, other_team):
        response = client.post(meeting_url(team, future_meeting, "agenda/"), {"casus": casus.pk})
        assert response.status_code == 200 and response.context["form"].errors["casus"]
    assert not future_meeting.discussions.exists()


def test_case_tab_lists_discussions_and_puts_the_case_on_a_meeting(
    tenancy, as_user, active_case, future_meeting
):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/teams/{team.slug}/casussen/{active_case.pk}/overleg/"
    response = client.post(url, {"overleg": future_meeting.pk, "question": "Vervolg?"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert f"/overleggen/{future_meeting.pk}/#bespreking-" in page
    # the notulist sees the list but cannot plan
    notulist = as_user(tenancy.a.users[Role.NOTULIST])
    assert "Op de agenda zetten" not in notulist.get(url).content.decode()
    assert notulist.post(url, {"overleg": future_meeting.pk}).status_code == 403


def test_plan_series_on_the_cadence(tenancy, as_user):
    team = tenancy.a.team
    team.meeting_cadence_days = 7
    team.save()
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    response = client.post(
        f"/teams/{team.slug}/overleggen/reeks-plannen/",
        {"count": "4", "start": "13:00", "duration_minutes": "90", "location": "Stadhuis"},
    )
    assert response.status_code == 302
    days = [m.local_date for m in Overleg.objects.filter(team=team)]
    assert len(days) == 4
    assert [(b - a).days for a, b in itertools.pairwise(days)] == [7, 7, 7]
    assert days[0] == rules.suggest_next(None, 7, timezone.localdate())
    assert selectors.next_meeting_date(team, timezone.localdate()) == days[-1] + timedelta(days=7)
    listing = client.get(f"/teams/{team.slug}/overleggen/").content.decode()
    assert "Volgende overleg volgens cadans" in listing


def test_notulist_writes_but_does_not_plan(tenancy, as_user, active_case, todays_meeting):
    team = tenancy.a.team
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    client = as_user(tenancy.a.users[Role.NOTULIST])
    assert client.get(f"/teams/{team.slug}/overleggen/").status_code == 200
    refused = client.get(f"/teams/{team.slug}/overleggen/plannen/")
    assert refused.status_code == 403
    assert "Alleen de voorzitter plant overleggen" in refused.content.decode()
    assert client.get(meeting_url(team, todays_meeting, "agenda/")).status_code == 403
    assert client.post(meeting_url(team, todays_meeting, "wijzigen/")).status_code == 403
    response = client.post(
        meeting_url(team, todays_meeting, f"agenda/{item.pk}/"), {"actie": "verwijderen"}
    )
    assert response.status_code == 403 and todays_meeting.discussions.exists()
    assert (
        client.get(meeting_url(team, todays_meeting, f"besprekingen/{item.pk}/")).status_code == 200
    )
    # a procesregisseur reads the meeting but records nothing
    director = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    assert director.get(meeting_url(team, todays_meeting)).status_code == 200
    url = meeting_url(team, todays_meeting, f"besprekingen/{item.pk}/")
    assert director.post(url, {"participation": "aanwezig"}).status_code == 403


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.BELEIDSADVISEUR, Role.COORDINATOR_SK])
def test_referrer_and_policy_adviser_never_see_meetings(
    tenancy, as_user, role, active_case, todays_meeting
):
    team = tenancy.a.team
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    active_case.aanmelder = tenancy.a.users[Role.AANMELDER]
    active_case.save()
    client = as_user(tenancy.a.users[role])
    for url in (
        f"/teams/{team.slug}/overleggen/",
        meeting_url(team, todays_meeting),
        meeting_url(team, todays_meeting, f"besprekingen/{item.pk}/"),
        f"/teams/{team.slug}/casussen/{active_case.pk}/overleg/",
        "/api/v1/meetings/" + str(todays_meeting.pk),
    ):
        assert client.get(url).status_code == 404, url


def test_cancelling_a_meeting_with_recorded_discussions_is_refused(
    tenancy, as_user, active_case, todays_meeting
):
    Casusbespreking.objects.create(
        overleg=todays_meeting, casus=active_case, order=1, participation="aanwezig"
    )
    start = timezone.localtime(todays_meeting.starts_at)
    response = as_user(tenancy.a.users[Role.VOORZITTER]).post(
        meeting_url(tenancy.a.team, todays_meeting, "wijzigen/"),
        {
            "day": start.date().isoformat(),
            "start": start.strftime("%H:%M"),
            "duration_minutes": "120",
            "status": MeetingStatus.GEANNULEERD,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["status"]
    todays_meeting.refresh_from_db()
    assert todays_meeting.status == MeetingStatus.GEPLAND
    assert todays_meeting.starts_at.date() <= timezone.now().date() + timedelta(days=1)


def test_a_meeting_day_the_domain_cannot_have_is_refused_on_the_day_field(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    for day in ("0001-01-01", "9999-12-31", "1999-12-31"):
        response = client.post(
            f"/teams/{team.slug}/overleggen/plannen/",
            {"day": day, "start": "09:30", "duration_minutes": "120", "location": "Zaal 3"},
        )
        assert response.status_code == 200, day
        assert list(response.context["form"].errors) == ["day"], day
        assert 'value="Zaal 3"' in response.content.decode(), "what was entered stays"
    assert not Overleg.objects.exists()
