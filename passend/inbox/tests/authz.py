"""Authorization-matrix expectations of the werkvoorraad (see core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import VIEW_TEAM, Expect

EXPECT = {
    "inbox:home": Expect(read=VIEW_TEAM, lists=True),
    "api:work-items": Expect(read=VIEW_TEAM, team_query="teamId", lists=True),
}
