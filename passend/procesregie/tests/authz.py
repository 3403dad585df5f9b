"""Authorization-matrix expectations of procesregie (see core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import CASE_TEAM, DIRECTORS, WORKERS, Expect

EXPECT = {
    "procesregie:case": Expect(read=CASE_TEAM),
    "procesregie:goal-create": Expect(read=DIRECTORS, write=DIRECTORS),
    "procesregie:goal-update": Expect(read=DIRECTORS, write=DIRECTORS),
    "procesregie:action-create": Expect(read=WORKERS, write=WORKERS),
    "procesregie:action-update": Expect(read=WORKERS, write=WORKERS),
    # The owner (the world's procesregisseur) may mark an own action done; others who work.
    "procesregie:action-done": Expect(write=WORKERS),
    "procesregie:escalation-create": Expect(read=DIRECTORS, write=DIRECTORS),
    "procesregie:escalation-update": Expect(read=DIRECTORS, write=DIRECTORS),
    "procesregie:regiegesprek-create": Expect(read=DIRECTORS, write=DIRECTORS),
    "procesregie:regiegesprek-update": Expect(read=DIRECTORS, write=DIRECTORS),
    "procesregie:toekomstplan": Expect(read=WORKERS, write=WORKERS),
    "procesregie:my-actions": Expect(read=CASE_TEAM, lists=True),
    "api:case-goal-list": Expect(read=CASE_TEAM, write=DIRECTORS),
    "api:case-action-list": Expect(read=CASE_TEAM, write=WORKERS),
    "api:action-list": Expect(read=CASE_TEAM, team_query="teamId", lists=True),
    "api:action-detail": Expect(read=CASE_TEAM, write=WORKERS),
    "api:case-escalation-list": Expect(read=CASE_TEAM, write=DIRECTORS),
    "api:case-escalation-detail": Expect(read=CASE_TEAM, write=DIRECTORS),
    "api:case-future-plan-list": Expect(read=CASE_TEAM, write=WORKERS),
    "api:case-future-plan-detail": Expect(read=CASE_TEAM, write=WORKERS),
    "api:case-direction-check": Expect(read=CASE_TEAM),
}
