"""Authorization-matrix expectations of accounts (see passend/core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import ACCOUNT, ALL_ACTORS, PUBLIC, TEAM_MANAGERS, Expect

# Beheer of users: the person and role of the URL are team A's teamlid and that membership.
MEMBER_ROLE = {"membership": "membership", "membershipId": "membership"}

EXPECT = {
    # A logged-in user is sent on from the login page.
    "accounts:login": Expect(
        read=ALL_ACTORS, write=ALL_ACTORS, scope=ACCOUNT, read_status=frozenset({302})
    ),
    "accounts:logout": Expect(write=ALL_ACTORS, scope=ACCOUNT),
    "accounts:otp-verify": Expect(read=ALL_ACTORS, write=ALL_ACTORS, scope=ACCOUNT),
    # Verified sessions may link a new authenticator (replacing the old one).
    "accounts:otp-setup": Expect(read=ALL_ACTORS, write=ALL_ACTORS, scope=ACCOUNT),
    # The invitation link: open without login; the signed token is the only key.
    "accounts:invitation-accept": Expect(read=ALL_ACTORS, write=ALL_ACTORS, scope=PUBLIC),
    # Beheer of users and memberships: the team's beheerder only.
    "accounts:beheer-users": Expect(read=TEAM_MANAGERS),
    # Failed and retrying background jobs of the team (no personal data on the page).
    "accounts:beheer-jobs": Expect(read=TEAM_MANAGERS),
    "accounts:beheer-invite": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS),
    "accounts:beheer-user": Expect(read=TEAM_MANAGERS),
    "accounts:beheer-invite-resend": Expect(write=TEAM_MANAGERS),
    "accounts:beheer-deactivate": Expect(write=TEAM_MANAGERS),
    "accounts:beheer-membership-add": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS),
    "accounts:beheer-membership": Expect(
        read=TEAM_MANAGERS, write=TEAM_MANAGERS, kinds=MEMBER_ROLE
    ),
    "accounts:beheer-membership-end": Expect(write=TEAM_MANAGERS, kinds=MEMBER_ROLE),
    # API login: open without a session; DELETE revokes the token it is sent with.
    "api:token": Expect(write=ALL_ACTORS, scope=PUBLIC),
    "api:team-invitation-list": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS, lists=True),
    "api:team-invitation-dispatch": Expect(
        write=TEAM_MANAGERS, kinds={"invitationId": "invitation"}
    ),
    "api:team-membership-list": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS, lists=True),
    "api:team-membership-detail": Expect(
        read=TEAM_MANAGERS, write=TEAM_MANAGERS, kinds=MEMBER_ROLE
    ),
    "api:team-member-second-factor": Expect(write=TEAM_MANAGERS),
}
