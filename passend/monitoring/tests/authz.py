"""Authorization-matrix expectations of monitoring (see passend/core/tests/authz/matrix.py)."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import CONSTANTS, Expect, may

AGGREGATE_VIEWERS = may(Cap.VIEW_AGGREGATES)
INDICATOR_DEFINERS = may(Cap.DEFINE_INDICATORS)
INDICATOR = {"pk": "indicator"}  # the place's region's own indicator (core/tests/authz/world.py)
STORY_WRITERS = may(Cap.VIEW_AGGREGATES, Cap.WRITE_STORIES)

# URL kwargs that name no record: a basisset indicator and a dashboard section.
CONSTANTS.setdefault("indicatorCode", "aanmeldingen")
CONSTANTS.setdefault("dashboardSection", "aanmeldingen")
CODE = {"code": "indicatorCode"}

EXPECT = {
    "monitoring:home": Expect(read=AGGREGATE_VIEWERS),
    "monitoring:section": Expect(read=AGGREGATE_VIEWERS, kinds={"section": "dashboardSection"}),
    "monitoring:indicator": Expect(read=AGGREGATE_VIEWERS, kinds=CODE),
    # 409 while the place's team has no recorded DPIA (the page shows the gate), else a redirect.
    "monitoring:indicator-story": Expect(
        write=STORY_WRITERS,
        kinds=CODE,
        query="periodKey=2026-Q1",
        body={"text": "Meer aanmeldingen door de nieuwe school in de wijk."},
    ),
    "monitoring:own-indicators": Expect(read=INDICATOR_DEFINERS),
    "monitoring:own-indicator-add": Expect(read=INDICATOR_DEFINERS, write=INDICATOR_DEFINERS),
    "monitoring:own-indicator-edit": Expect(
        read=INDICATOR_DEFINERS, write=INDICATOR_DEFINERS, kinds=INDICATOR
    ),
    "monitoring:own-indicator-deactivate": Expect(write=INDICATOR_DEFINERS, kinds=INDICATOR),
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
