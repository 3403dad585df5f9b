"""Authorization-matrix expectations of accounts (see passend/core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import ACCOUNT, ALL_ACTORS, PUBLIC, Expect

EXPECT = {
    # A logged-in user is sent on from the login page.
    "accounts:login": Expect(
        read=ALL_ACTORS, write=ALL_ACTORS, scope=ACCOUNT, read_status=frozenset({302})
    ),
    "accounts:logout": Expect(write=ALL_ACTORS, scope=ACCOUNT),
    "accounts:otp-verify": Expect(read=ALL_ACTORS, write=ALL_ACTORS, scope=ACCOUNT),
    # Verified sessions may link a new authenticator (replacing the old one).
    "accounts:otp-setup": Expect(read=ALL_ACTORS, write=ALL_ACTORS, scope=ACCOUNT),
    # API login: open without a session; DELETE revokes the token it is sent with.
    "api:token": Expect(write=ALL_ACTORS, scope=PUBLIC),
}
