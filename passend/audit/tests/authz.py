"""Authorization-matrix expectations of the access log (see core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import LOG_READERS, Expect

EXPECT = {
    "audit:access-log": Expect(read=LOG_READERS),
    "audit:subject-access": Expect(read=LOG_READERS, query="soort=medewerker&kenmerk=1"),
    "api:access-log-list": Expect(read=LOG_READERS, team_query="teamId"),
}
