"""Authorization-matrix expectations of the privacy routes: retention."""

from passend.core.tests.authz.matrix import TEAM_MANAGERS, Expect

EXPECT: dict = {
    "privacy:retention": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS),
    "api:team-retention-runs": Expect(read=TEAM_MANAGERS),
}
