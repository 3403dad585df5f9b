"""A beheerder queries the access log per subject, per user and per period."""

import datetime as dt

import pytest

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_query_per_subject_user_and_period(tenancy, as_user):
    a = tenancy.a
    member = a.users[Role.TEAMLID]
    as_user(a.users[Role.SCREENER]).get(f"/teams/{a.team.slug}/leden/{member.pk}/")
    client = as_user(a.users[Role.BEHEERDER])
    url = f"/teams/{a.team.slug}/toegangslog/"

    per_subject = client.get(url, {"soort": "medewerker", "kenmerk": member.pk}).content.decode()
    assert "screener.alfa" in per_subject

    per_user = client.get(url, {"gebruiker": "screener.alfa"}).context["page"]
    assert per_user.paginator.count >= 1
    assert {e.username for e in per_user.object_list} == {"screener.alfa"}

    today = dt.date.today()
    empty = client.get(
        url,
        {
            "van": (today - dt.timedelta(days=10)).isoformat(),
            "tot": (today - dt.timedelta(days=9)).isoformat(),
        },
    )
    assert empty.context["page"].paginator.count == 0

    # Querying the log is itself logged, with the query as the subject.
    assert AccessLogEntry.objects.filter(
        user=a.users[Role.BEHEERDER],
        subject_type="toegangslog",
        subject_id__contains="screener.alfa",
    ).exists()


def test_bad_dates_get_a_dutch_message_and_keep_input(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    url = f"/teams/{tenancy.a.team.slug}/toegangslog/"
    response = client.get(url, {"van": "31-13-2026", "gebruiker": "iemand"})
    assert response.context["page"].paginator.count == 0, "no unfiltered rows on a bad filter"
    body = response.content.decode()
    assert "Vul een geldige datum in" in body
    assert 'value="31-13-2026"' in body and 'value="iemand"' in body
    reversed_range = client.get(url, {"van": "2026-05-02", "tot": "2026-05-01"}).content.decode()
    assert "De einddatum ligt voor de begindatum." in reversed_range


def test_subject_page_shows_who_viewed_it_via_htmx(tenancy, as_user):
    a = tenancy.a
    member = a.users[Role.NOTULIST]
    as_user(a.users[Role.TEAMLID]).get(f"/teams/{a.team.slug}/leden/{member.pk}/")
    client = as_user(a.users[Role.VOORZITTER])
    page = client.get(f"/teams/{a.team.slug}/leden/{member.pk}/").content.decode()
    assert "Wie heeft dit dossier ingezien" in page and "hx-get" in page
    panel = client.get(
        f"/teams/{a.team.slug}/toegangslog/inzage/",
        {"soort": "medewerker", "kenmerk": member.pk},
        HTTP_HX_REQUEST="true",
    )
    body = panel.content.decode()
    assert "<html" not in body, "htmx gets a fragment"
    assert "teamlid.alfa" in body and "voorzitter.alfa" in body


def test_teamlid_cannot_see_who_viewed(tenancy, as_user):
    a = tenancy.a
    client = as_user(a.users[Role.TEAMLID])
    page = client.get(f"/teams/{a.team.slug}/leden/{a.users[Role.NOTULIST].pk}/").content.decode()
    assert "Wie heeft dit dossier ingezien" not in page
    assert client.get(f"/teams/{a.team.slug}/toegangslog/").status_code == 404
