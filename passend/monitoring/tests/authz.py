"""Authorization-matrix expectations of monitoring (see passend/core/tests/authz/matrix.py)."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import Expect, may

AGGREGATE_VIEWERS = may(Cap.VIEW_AGGREGATES)

EXPECT = {
    "monitoring:home": Expect(read=AGGREGATE_VIEWERS),
    # A download of an indicator table (the matrix fills code/fmt from CONSTANTS); 409 while
    # the place's team has no recorded DPIA.
    "monitoring:export": Expect(read=AGGREGATE_VIEWERS, read_status=frozenset({200, 409})),
    # 409 "DPIA nog niet vastgelegd" while the place's team has no recorded DPIA.
    "api:monitoring-summary": Expect(read=AGGREGATE_VIEWERS, read_status=frozenset({200, 409})),
    # No team in the path: the team is the query parameter teamId (as other such routes);
    # the indicator code is a basisset code (matrix CONSTANTS).
    "api:monitoring-indicator-list": Expect(
        read=AGGREGATE_VIEWERS, team_query="teamId", read_status=frozenset({200, 409})
    ),
    "api:monitoring-indicator-detail": Expect(
        read=AGGREGATE_VIEWERS, team_query="teamId", read_status=frozenset({200, 409})
    ),
    "api:monitoring-indicator-values": Expect(
        read=AGGREGATE_VIEWERS, team_query="teamId", read_status=frozenset({200, 409})
    ),
}
