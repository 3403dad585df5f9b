"""Authorization-matrix expectations of regions (see passend/core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import (
    ALL_ACTORS,
    MEMBER_VIEWERS,
    REGION,
    TEAM_MANAGERS,
    VIEW_TEAM,
    Expect,
)

EXPECT = {
    "regions:team-home": Expect(read=VIEW_TEAM),
    "regions:team-members": Expect(read=MEMBER_VIEWERS),
    "regions:team-member": Expect(read=MEMBER_VIEWERS),
    "regions:team-member-second-factor-reset": Expect(write=TEAM_MANAGERS),
    "regions:beheer": Expect(read=TEAM_MANAGERS),
    "regions:team-settings": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS),
    # Organisations are regional: listed for the regions of one's teams (empty for others).
    "regions:organisations": Expect(read=ALL_ACTORS),
    "regions:organisation": Expect(read=VIEW_TEAM, scope=REGION, kinds={"pk": "provider"}),
    "api:region-list": Expect(read=ALL_ACTORS),
    "api:region-detail": Expect(read=VIEW_TEAM, scope=REGION),
    "api:team-list": Expect(read=ALL_ACTORS),
    "api:team-detail": Expect(read=VIEW_TEAM, write=TEAM_MANAGERS),
    "api:team-member-list": Expect(read=MEMBER_VIEWERS),
    "api:team-member-detail": Expect(read=MEMBER_VIEWERS),
    "api:organisation-list": Expect(read=ALL_ACTORS),
    "api:organisation-detail": Expect(read=VIEW_TEAM, scope=REGION),
}
