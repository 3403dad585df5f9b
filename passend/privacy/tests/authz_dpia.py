"""Authorization-matrix expectations of the privacy routes: dpia."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import TEAM_MANAGERS, Expect, may_any

# The DPIA check: the beheerder records it, the voorzitter (AVG requests) may read it
# (accounts.permissions.may_view_dpia). The register page is the beheerder's.
DPIA_READERS = may_any(Cap.MANAGE_TEAM, Cap.HANDLE_PRIVACY_REQUESTS)

EXPECT = {
    "privacy:register": Expect(read=TEAM_MANAGERS),
    "privacy:dpia": Expect(read=DPIA_READERS, write=TEAM_MANAGERS),
    "api:team-dpia": Expect(read=DPIA_READERS, write=TEAM_MANAGERS),
}
