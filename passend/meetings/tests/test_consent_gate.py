"""No meetings without valid consent (spec §2.1): the agenda, the question, the record of a
discussion and a guest at it are refused for a case whose consent is withdrawn or lapsed on a
birthday, unless a compulsory framework with a reason is recorded."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.services import withdraw_consent
from passend.cases.tests.factories import CasusFactory, OuderFactory, ToestemmingFactory
from passend.cases.workflow import case_work_refusal
from passend.core.refusals import StateConflict
from passend.meetings import services
from passend.meetings.models import Casusbespreking, Gast

from .conftest import at

pytestmark = pytest.mark.django_db


def withdraw(casus):
    consent = casus.consents.get(ouder=None)
    screener = casus.team.memberships.get(role=Role.SCREENER).user
    withdraw_consent(consent, actor=screener, withdrawn_on=timezone.localdate())
    return case_work_refusal(casus)


def test_agenda_page_does_not_offer_a_blocked_case_and_refuses_it_with_the_reason(
    tenancy, as_user, active_case, future_meeting
):
    team = tenancy.a.team
    other = CasusFactory(team=team, state=CaseState.IN_BEHANDELING, first_name="Daan")
    other.legal_framework, other.legal_basis_reason = "voogdij", "Voogdij bij de GI."
    other.save()
    message = withdraw(active_case)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/teams/{team.slug}/overleggen/{future_meeting.pk}/agenda/"
    page = client.get(url)
    options = [str(v) for v, _label in page.context["form"].fields["casus"].widget.choices]
    assert str(active_case.pk) not in options and str(other.pk) in options
    assert "Niet te agenderen" in page.content.decode() and message in page.content.decode()
    response = client.post(url, {"casus": active_case.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message], "the reason, not 'kies'"
    assert client.post(url, {"casus": other.pk}).status_code == 302
    assert [d.casus for d in future_meeting.discussions.all()] == [other]


def test_case_tab_shows_why_the_case_cannot_go_on_an_agenda(
    tenancy, as_user, active_case, future_meeting
):
    message = withdraw(active_case)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{active_case.pk}/overleg/"
    page = client.get(url).content.decode()
    assert message in page and "Agenderen</button>" not in page


def test_question_guest_and_record_are_refused_but_leaving_the_agenda_is_not(
    tenancy, active_case, todays_meeting
):
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    chair, writer = tenancy.a.users[Role.VOORZITTER], tenancy.a.users[Role.NOTULIST]
    message = withdraw(active_case)
    with pytest.raises(StateConflict, match="geen geldige toestemming"):
        services.update_question(item, actor=chair, question="Nieuwe vraag")
    with pytest.raises(StateConflict, match="geen geldige toestemming"):
        services.record_discussion(item, actor=writer, participation="aanwezig")
    with pytest.raises(StateConflict) as refused:
        services.add_guest(todays_meeting, actor=writer, name="Dr. Fictief", discussion=item)
    assert str(refused.value) == message
    assert not Gast.objects.exists()
    services.add_guest(todays_meeting, actor=writer, name="Dr. Fictief")  # the whole meeting
    services.remove_from_agenda(item, actor=chair)
    assert not todays_meeting.discussions.exists()


def test_meeting_page_marks_the_blocked_discussion_and_offers_no_recording(
    tenancy, as_user, active_case, todays_meeting
):
    item = Casusbespreking.objects.create(overleg=todays_meeting, casus=active_case, order=1)
    message = withdraw(active_case)
    client = as_user(tenancy.a.users[Role.NOTULIST])
    team = tenancy.a.team
    page = client.get(f"/teams/{team.slug}/overleggen/{todays_meeting.pk}/").content.decode()
    assert message in page and f"besprekingen/{item.pk}/" not in page
    url = f"/teams/{team.slug}/overleggen/{todays_meeting.pk}/besprekingen/{item.pk}/"
    page = client.get(url).content.decode()
    assert message in page and 'name="minutes_part1"' not in page, "read, not write"


def _case_of_age(team, years: int, days_after_birthday: int):
    """A case in behandeling whose young person turns `years` `days_after_birthday` days from
    today (negative: already that age)."""
    today = timezone.localdate()
    born = today.replace(year=today.year - years) + dt.timedelta(days=days_after_birthday)
    casus = CasusFactory(team=team, state=CaseState.IN_BEHANDELING, birth_date=born)
    return casus


def _agenda(client, overleg, casus):
    return client.post(
        f"/api/v1/meetings/{overleg.pk}/case-discussions",
        {"case": casus.pk},
        content_type="application/json",
    )


def test_parents_consent_alone_lapses_on_the_twelfth_birthday(tenancy, as_user, future_meeting):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    given = timezone.localdate() - dt.timedelta(days=60)
    for days, expected in ((1, 201), (0, 409)):  # 11 years 364 days; 12 today
        casus = _case_of_age(team, 12, days)
        ouder = OuderFactory(casus=casus, has_gezag=True)
        ToestemmingFactory(casus=casus, ouder=ouder, given_on=given)
        response = _agenda(client, future_meeting, casus)
        assert response.status_code == expected, (days, response.json())
        if expected == 409:
            assert "ontbreekt nog van: de jeugdige" in response.json()["detail"]


def test_from_sixteen_the_young_persons_consent_alone_suffices(tenancy, as_user, future_meeting):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    given = timezone.localdate() - dt.timedelta(days=60)
    for days, expected in ((1, 409), (0, 201)):  # 15 years 364 days; 16 today
        casus = _case_of_age(team, 16, days)
        OuderFactory(casus=casus, has_gezag=True)
        ToestemmingFactory(casus=casus, ouder=None, given_on=given)
        assert _agenda(client, future_meeting, casus).status_code == expected, days


def test_an_earlier_meeting_of_the_case_stays_readable(tenancy, as_user, active_case):
    overleg = services.plan_meeting(
        tenancy.a.team,
        actor=tenancy.a.users[Role.VOORZITTER],
        starts_at=at(timezone.localdate()),
    )
    item = services.add_to_agenda(
        overleg, casus=active_case, actor=tenancy.a.users[Role.VOORZITTER]
    )
    services.record_discussion(
        item, actor=tenancy.a.users[Role.NOTULIST], participation="aanwezig", minutes_part1="Wens"
    )
    withdraw(active_case)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(f"/api/v1/meetings/{overleg.pk}/case-discussions/{item.pk}")
    assert response.status_code == 200 and response.json()["minutesPart1"] == "Wens"
