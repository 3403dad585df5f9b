"""Authorization-matrix expectations of monitoring (see passend/core/tests/authz/matrix.py)."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import CONSTANTS, NOBODY, Expect, may

AGGREGATE_VIEWERS = may(Cap.VIEW_AGGREGATES)
STORY_WRITERS = may(Cap.VIEW_AGGREGATES, Cap.WRITE_STORIES)

# URL kwargs that name no record: a basisset indicator and a dashboard section.
CONSTANTS.setdefault("indicatorCode", "aanmeldingen")
CONSTANTS.setdefault("dashboardSection", "aanmeldingen")
CONSTANTS.setdefault("exportFormat", "csv")
INDICATOR = {"code": "indicatorCode"}

EXPECT = {
    "monitoring:home": Expect(read=AGGREGATE_VIEWERS),
    "monitoring:section": Expect(read=AGGREGATE_VIEWERS, kinds={"section": "dashboardSection"}),
    "monitoring:indicator": Expect(read=AGGREGATE_VIEWERS, kinds=INDICATOR),
    # 409 while the place's team has no recorded DPIA (the page shows the gate), else a redirect.
    "monitoring:indicator-story": Expect(
        write=STORY_WRITERS,
        kinds=INDICATOR,
        query="periodKey=2026-Q1",
        body={"text": "Meer aanmeldingen door de nieuwe school in de wijk."},
    ),
    # Placeholder until the exports branch is merged: 404 for everyone.
    "monitoring:export": Expect(read=NOBODY, kinds={**INDICATOR, "fmt": "exportFormat"}),
    # 409 "DPIA nog niet vastgelegd" while the place's team has no recorded DPIA.
    "api:monitoring-summary": Expect(read=AGGREGATE_VIEWERS, read_status=frozenset({200, 409})),
}
