"""Rules of the beheer services: invitations (one-time, expiring link), memberships with start
and end dates, and a team that never loses its last beheerder."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from passend.accounts.memberships import active_memberships
from passend.accounts.models import Membership, Uitnodiging, User
from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap, Role
from passend.accounts.services import beheer
from passend.audit.models import AccessLogEntry
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from passend.jobs.testing import run_jobs

pytestmark = pytest.mark.django_db

STRONG = "Lange-zin-met-wachtwoord-42"


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    return request


def invite(tenancy, **overrides):
    actor = tenancy.a.users[Role.BEHEERDER]
    values = {
        "actor": actor,
        "email": "nieuw.lid@test.example.org",
        "first_name": "Nieuw",
        "last_name": "Lid",
        "role": Role.SCREENER,
        "request": _request(actor),
    }
    values.update(overrides)
    return beheer.invite(tenancy.a.team, **values)


def link_token() -> str:
    run_jobs()  # the worker renders and sends the invitation
    return re.search(r"/uitnodiging/([^/\s]+)/", mail.outbox[-1].body).group(1)


class SessionRequest:
    """A request that `login()` can write a session into."""

    @staticmethod
    def make():
        from django.contrib.auth.models import AnonymousUser
        from django.contrib.sessions.backends.db import SessionStore

        request = RequestFactory().post("/")
        request.session = SessionStore()
        request.user = AnonymousUser()
        return request


# --- invitations ---------------------------------------------------------------------------


def test_invite_creates_an_account_without_password_a_membership_and_a_link(tenancy):
    result = invite(tenancy, username="")
    user = result.user
    assert user.username == "nieuw.lid" and not user.has_usable_password()
    assert result.membership.role == Role.SCREENER and result.membership.team == tenancy.a.team
    assert result.membership.start == timezone.localdate()
    assert mail.outbox == []
    run_jobs()
    assert [m.to for m in mail.outbox] == [["nieuw.lid@test.example.org"]]
    assert "nieuw.lid" in mail.outbox[0].body and "/uitnodiging/" in mail.outbox[0].body
    entry = AccessLogEntry.objects.get(subject_type="medewerker", purpose__startswith="gebruiker")
    assert entry.subject_id == str(user.pk) and entry.team == tenancy.a.team


def test_the_link_sets_the_password_once(tenancy):
    invite(tenancy)
    token = link_token()
    user = beheer.accept_invitation(token, password=STRONG, request=SessionRequest.make())
    user.refresh_from_db()
    assert user.check_password(STRONG)
    assert Uitnodiging.objects.get(user=user).accepted_at is not None
    with pytest.raises(StateConflict, match="al gebruikt"):
        beheer.accept_invitation(token, password="Nog-een-ander-wachtwoord-9", request=None)
    user.refresh_from_db()
    assert user.check_password(STRONG), "a reused link changes nothing"


def test_an_expired_link_is_refused(tenancy):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        invite(tenancy)
        token = link_token()
        clock.shift(settings.PASSEND_INVITATION_VALID_FOR - dt.timedelta(minutes=1))
        assert beheer.invitation_from_link(token).user.email == "nieuw.lid@test.example.org"
        clock.shift(dt.timedelta(minutes=2))
        with pytest.raises(StateConflict, match="verlopen"):
            beheer.accept_invitation(token, password=STRONG, request=None)


def test_resending_replaces_the_link(tenancy):
    result = invite(tenancy)
    first = link_token()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        beheer.resend_invitation(
            result.user, team=tenancy.a.team, actor=tenancy.a.users[Role.BEHEERDER]
        )
        second = link_token()
        assert first != second
        with pytest.raises(StateConflict, match="niet \\(meer\\) geldig"):
            beheer.invitation_from_link(first)
        assert beheer.invitation_from_link(second).times_sent == 2


def test_a_tampered_link_is_refused(tenancy):
    invite(tenancy)
    with pytest.raises(StateConflict, match="niet \\(meer\\) geldig"):
        beheer.invitation_from_link(link_token()[:-2] + "xx")
    with pytest.raises(StateConflict):
        beheer.invitation_from_link("onzin")


def test_a_weak_password_is_refused_in_dutch(tenancy):
    invite(tenancy)
    with pytest.raises(InvalidInput) as refused:
        beheer.accept_invitation(link_token(), password="12345678", request=None)
    messages = " ".join(refused.value.errors["password"])
    assert "te kort: gebruik minstens 12 tekens" in messages
    assert "alleen uit cijfers" in messages and "veel gebruikt" in messages
    assert "This password" not in messages


def test_the_link_stops_working_when_the_member_is_deactivated(tenancy):
    result = invite(tenancy)
    token = link_token()
    beheer.deactivate_member(
        result.user, team=tenancy.a.team, actor=tenancy.a.users[Role.BEHEERDER]
    )
    with pytest.raises(StateConflict):
        beheer.invitation_from_link(token)


def test_an_existing_account_gets_the_membership_instead(tenancy):
    member = tenancy.b.users[Role.TEAMLID]  # has a password: the account is in use
    result = invite(tenancy, email=member.email.upper(), role=Role.NOTULIST)
    assert result.existing_account and result.invitation is None and result.user == member
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert Membership.objects.get(user=member, team=tenancy.a.team).role == Role.NOTULIST
    run_jobs()
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "notulist" in mail.outbox[0].body


def test_only_the_beheerder_of_the_team_invites(tenancy):
    for actor in (tenancy.a.users[Role.VOORZITTER], tenancy.b.users[Role.BEHEERDER]):
        with pytest.raises(NotAllowed):
            invite(tenancy, actor=actor)
    assert not User.objects.filter(email="nieuw.lid@test.example.org").exists()


def test_the_organisation_must_be_active_in_the_region(tenancy):
    elsewhere = OrganisationFactory(name="Aanbieder Elders")
    with pytest.raises(InvalidInput) as refused:
        invite(tenancy, organisation=elsewhere)
    assert "niet actief in de regio" in refused.value.errors["organisation"][0]
    assert not User.objects.filter(email="nieuw.lid@test.example.org").exists()


def test_a_chosen_username_that_is_taken_is_refused(tenancy):
    with pytest.raises(InvalidInput) as refused:
        invite(tenancy, username="teamlid.alfa")
    assert "al in gebruik" in refused.value.errors["username"][0]


# --- memberships -----------------------------------------------------------------------------


def test_active_memberships_respect_start_and_end(tenancy):
    user = UserFactory(username="datums")
    today = timezone.localdate()
    planned = MembershipFactory(user=user, team=tenancy.a.team, role=Role.SCREENER, start=today)
    assert [m.pk for m in active_memberships(user)] == [planned.pk]
    planned.start = today + dt.timedelta(days=1)
    planned.save()
    user = User.objects.get(pk=user.pk)
    assert active_memberships(user) == []
    assert not has_capability(user, Cap.VIEW_CASE_DATA, tenancy.a.team)
    planned.start, planned.end = today - dt.timedelta(days=10), today
    planned.save()
    assert len(active_memberships(User.objects.get(pk=user.pk))) == 1, "the end day counts"
    planned.end = today - dt.timedelta(days=1)
    planned.save()
    assert active_memberships(User.objects.get(pk=user.pk)) == []


def test_an_end_date_before_the_start_is_refused(tenancy):
    membership = Membership.objects.get(user=tenancy.a.users[Role.TEAMLID], team=tenancy.a.team)
    start = timezone.localdate()
    with pytest.raises(InvalidInput) as refused:
        beheer.update_membership(
            membership,
            actor=tenancy.a.users[Role.BEHEERDER],
            changes={"start": start, "end": start - dt.timedelta(days=1)},
        )
    assert "vóór de startdatum" in refused.value.errors["end"][0]
    beheer.update_membership(
        membership, actor=tenancy.a.users[Role.BEHEERDER], changes={"start": start, "end": start}
    )
    membership.refresh_from_db()
    assert membership.end == start, "ending on the start day is fine"


def test_the_last_beheerder_cannot_be_ended(tenancy):
    beheerder = tenancy.a.users[Role.BEHEERDER]
    own = Membership.objects.get(user=beheerder, team=tenancy.a.team, role=Role.BEHEERDER)
    with pytest.raises(StateConflict, match="laatste beheerder"):
        beheer.end_membership(own, actor=beheerder)
    with pytest.raises(StateConflict, match="laatste beheerder"):
        beheer.deactivate_member(beheerder, team=tenancy.a.team, actor=beheerder)
    with pytest.raises(StateConflict, match="laatste beheerder"):
        beheer.update_membership(own, actor=beheerder, changes={"role": Role.TEAMLID})
    later = timezone.localdate() + dt.timedelta(days=30)
    with pytest.raises(StateConflict, match="laatste beheerder"):
        beheer.update_membership(own, actor=beheerder, changes={"end": later})
    own.refresh_from_db()
    assert own.active and own.end is None and own.role == Role.BEHEERDER

    # With a second beheerder the first may go.
    second = tenancy.a.users[Role.VOORZITTER]
    beheer.add_membership(second, team=tenancy.a.team, actor=beheerder, role=Role.BEHEERDER)
    beheer.end_membership(own, actor=beheerder)
    own.refresh_from_db()
    assert not own.active and own.end == timezone.localdate()


def test_a_beheerder_starting_later_does_not_cover_today(tenancy):
    beheerder = tenancy.a.users[Role.BEHEERDER]
    second = tenancy.a.users[Role.VOORZITTER]
    beheer.add_membership(
        second,
        team=tenancy.a.team,
        actor=beheerder,
        role=Role.BEHEERDER,
        start=timezone.localdate() + dt.timedelta(days=7),
    )
    own = Membership.objects.get(user=beheerder, team=tenancy.a.team, role=Role.BEHEERDER)
    with pytest.raises(StateConflict):
        beheer.end_membership(own, actor=beheerder)


def test_ending_a_membership_is_logged_and_emailed_and_counts_nowhere(tenancy):
    member = tenancy.a.users[Role.SCREENER]
    membership = Membership.objects.get(user=member, team=tenancy.a.team)
    actor = tenancy.a.users[Role.BEHEERDER]
    beheer.end_membership(membership, actor=actor, request=_request(actor))
    assert not has_capability(User.objects.get(pk=member.pk), Cap.VIEW_TEAM, tenancy.a.team)
    entry = AccessLogEntry.objects.get(purpose__startswith="lidmaatschap beëindigd")
    assert entry.subject_type == "medewerker" and entry.subject_id == str(member.pk)
    run_jobs()
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "beëindigd" in mail.outbox[0].subject
    with pytest.raises(StateConflict, match="al beëindigd"):
        beheer.end_membership(membership, actor=actor)


def test_an_ended_role_can_be_given_again_but_not_twice(tenancy):
    member = tenancy.a.users[Role.SCREENER]
    actor = tenancy.a.users[Role.BEHEERDER]
    with pytest.raises(InvalidInput, match="heeft deze rol al"):
        beheer.add_membership(member, team=tenancy.a.team, actor=actor, role=Role.SCREENER)
    membership = Membership.objects.get(user=member, team=tenancy.a.team)
    beheer.end_membership(membership, actor=actor)
    again = beheer.add_membership(member, team=tenancy.a.team, actor=actor, role=Role.SCREENER)
    assert again.pk == membership.pk and again.state() == "actief" and again.end is None


def test_deactivating_ends_only_this_teams_memberships(tenancy):
    member = tenancy.a.users[Role.TEAMLID]
    MembershipFactory(user=member, team=tenancy.b.team, role=Role.TEAMLID)
    beheer.deactivate_member(member, team=tenancy.a.team, actor=tenancy.a.users[Role.BEHEERDER])
    member = User.objects.get(pk=member.pk)
    assert [m.team for m in active_memberships(member)] == [tenancy.b.team]


def test_a_provider_needs_its_organisation(tenancy):
    member = tenancy.a.users[Role.TEAMLID]
    with pytest.raises(InvalidInput) as refused:
        beheer.add_membership(
            member, team=tenancy.a.team, actor=tenancy.a.users[Role.BEHEERDER], role=Role.AANBIEDER
        )
    assert "zorgaanbieder" in refused.value.errors["organisation"][0]


def test_a_membership_for_someone_outside_the_team_is_refused(tenancy):
    with pytest.raises(NotAllowed):
        beheer.add_membership(
            tenancy.b.users[Role.TEAMLID],
            team=tenancy.a.team,
            actor=tenancy.a.users[Role.BEHEERDER],
            role=Role.NOTULIST,
        )
