"""The access log reads as names and Dutch labels, not as "team 1", "medewerker 5" or role codes,
and only to those who may see them."""

import pytest

from passend.accounts.roles import Role
from passend.audit import selectors
from passend.audit.models import AccessLogEntry
from passend.audit.services import _actor_context, _append
from passend.core.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def log_url(team):
    return f"/teams/{team.slug}/toegangslog/"


def name(user):
    return user.get_full_name()


def test_names_and_role_labels_instead_of_ids_and_codes(tenancy, as_user):
    a = tenancy.a
    teamlid, member = a.users[Role.TEAMLID], a.users[Role.NOTULIST]
    as_user(teamlid).get(f"/teams/{a.team.slug}/leden/{member.pk}/")
    response = as_user(a.users[Role.BEHEERDER]).get(log_url(a.team), {"soort": "medewerker"})
    html = response.content.decode()
    assert f"{name(teamlid)} (teamlid.alfa)" in html, "the actor by name, username kept"
    assert f'<td class="utrecht-table__cell">{name(member)}</td>' in html, "the subject by name"
    assert f"medewerker {member.pk}<" not in html
    assert '<td class="utrecht-table__cell">teamlid / expert</td>' in html, "label, not code"
    assert '<td class="utrecht-table__cell">teamlid</td>' not in html


def test_role_codes_become_labels_and_other_teams_are_named(tenancy, as_user):
    a, b = tenancy.a, tenancy.b
    # A teamlid of team beta tries a member page of team alfa: refused, logged with their
    # roles elsewhere ("teamlid@team-beta"), the subject is the team of the URL by its slug.
    as_user(b.users[Role.TEAMLID]).get(f"/teams/{a.team.slug}/leden/{a.users[Role.NOTULIST].pk}/")
    entry = AccessLogEntry.objects.get(outcome="denied")
    assert (entry.roles, entry.subject_type) == ("teamlid@team-beta", "team")
    html = as_user(a.users[Role.VOORZITTER]).get(log_url(a.team)).content.decode()
    assert f"teamlid / expert ({b.team.name})" in html
    assert "teamlid@team-beta" not in html
    assert f'<td class="utrecht-table__cell">{a.team.name}</td>' in html
    assert "team team-alfa" not in html


def test_english_labels(tenancy, as_user):
    a = tenancy.a
    as_user(a.users[Role.VOORZITTER]).get(f"/teams/{a.team.slug}/leden/")
    client = as_user(a.users[Role.BEHEERDER])
    client.cookies["django_language"] = "en"
    html = client.get(log_url(a.team), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "chair<" in html and ">voorzitter<" not in html


def test_names_only_where_the_viewer_may_see_members(tenancy):
    """A member name is team-member data (Cap.VIEW_MEMBERS): without it the id and the
    username stay; someone who never was a member of the entry's team stays a username."""
    a, b = tenancy.a, tenancy.b
    member = a.users[Role.NOTULIST]
    outsider = UserFactory(username="buiten", first_name="Bea", last_name="Buiten")
    entries = [
        _entry(a.team, a.users[Role.SCREENER], "medewerker", member.pk),
        _entry(a.team, outsider, "casus", 7),
    ]
    without = selectors.with_display(b.users[Role.VOORZITTER], entries)
    assert [e.display.actor for e in without] == ["screener.alfa", "buiten"]
    assert without[0].display.subject == f"medewerker {member.pk}"
    allowed = selectors.with_display(a.users[Role.VOORZITTER], entries)
    assert allowed[0].display.subject == name(member)
    assert allowed[1].display.actor == "buiten", "not a member of the team: no name"
    assert allowed[1].display.subject == "casus 7"
    # A member who left the team keeps their name in the log of that team.
    MembershipFactory(user=outsider, team=a.team, role=Role.TEAMLID, active=False)
    again = selectors.with_display(a.users[Role.VOORZITTER], entries)
    assert again[1].display.actor == "Bea Buiten (buiten)"


def test_a_page_of_41_rows_takes_a_fixed_number_of_queries(tenancy, django_assert_max_num_queries):
    a = tenancy.a
    viewer = a.users[Role.VOORZITTER]
    users = list(a.users.values())
    for i in range(41):
        user = users[i % len(users)]
        _entry(a.team, user, *(("medewerker", users[-1].pk) if i % 2 else ("team", a.team.pk)))
    selectors.with_display(viewer, [])  # the viewer's memberships are read once per request
    # entries with actors, members, colleagues named as subject, team subjects: 5 queries
    with django_assert_max_num_queries(5):
        rows = selectors.with_display(viewer, selectors.access_log(viewer, team=a.team)[:50])
    assert len(rows) == 41 and all(e.display.actor != e.username for e in rows)


def _entry(team, user, subject_type, subject_id):
    roles = _actor_context(user, team)[0]
    return _append(
        [
            AccessLogEntry(
                action="read",
                outcome="allowed",
                user=user,
                username=user.username if user else "(anoniem)",
                roles=roles,
                team=team,
                subject_type=subject_type,
                subject_id=str(subject_id),
                purpose="test",
                access_point="web GET /test",
            )
        ]
    )[0]


def test_an_odd_subject_id_stays_as_it_was(tenancy):
    a = tenancy.a
    entries = [
        _entry(a.team, a.users[Role.TEAMLID], "medewerker", "²"),
        _entry(a.team, None, "team", ""),
    ]
    rows = selectors.with_display(a.users[Role.VOORZITTER], entries)
    assert [r.display.subject for r in rows] == ["medewerker ²", "team"]
    assert rows[1].display.actor == "(anoniem)" and rows[1].display.roles == "–"
