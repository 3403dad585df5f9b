"""Authorization-matrix expectations of meetings (see passend/core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import CASE_TEAM, MINUTE_TAKERS, PLANNERS, Expect

EXPECT = {
    "meetings:list": Expect(read=CASE_TEAM, lists=True),
    "meetings:plan": Expect(read=PLANNERS, write=PLANNERS),
    "meetings:plan-series": Expect(read=PLANNERS, write=PLANNERS),
    "meetings:detail": Expect(read=CASE_TEAM),
    "meetings:edit": Expect(read=PLANNERS, write=PLANNERS),
    "meetings:agenda-add": Expect(read=PLANNERS, write=PLANNERS),
    "meetings:agenda-item": Expect(write=PLANNERS),
    "meetings:attendance": Expect(read=MINUTE_TAKERS, write=MINUTE_TAKERS),
    "meetings:guests": Expect(read=MINUTE_TAKERS, write=MINUTE_TAKERS),
    "meetings:discussion": Expect(read=MINUTE_TAKERS | PLANNERS, write=MINUTE_TAKERS | PLANNERS),
    "meetings:case": Expect(read=CASE_TEAM, write=PLANNERS),
    "api:meeting-list": Expect(
        read=CASE_TEAM, write=PLANNERS, team_query="teamId", body={"team": "@team_id"}, lists=True
    ),
    "api:meeting-detail": Expect(read=CASE_TEAM, write=PLANNERS),
    "api:meeting-discussion-list": Expect(read=CASE_TEAM, write=PLANNERS),
    # Taking a case off the agenda is planning; the record is minutes (or the question: planning).
    "api:meeting-discussion-detail": Expect(
        read=CASE_TEAM, write=MINUTE_TAKERS | PLANNERS, methods={"delete": PLANNERS}
    ),
    "api:meeting-attendance-list": Expect(read=CASE_TEAM, write=MINUTE_TAKERS),
    "api:meeting-guest-list": Expect(read=CASE_TEAM, write=MINUTE_TAKERS),
    "api:meeting-guest-detail": Expect(write=MINUTE_TAKERS),
}
