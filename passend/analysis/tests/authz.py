"""Authorization-matrix expectations of analysis (see passend/core/tests/authz/matrix.py)."""

from passend.core.tests.authz.matrix import CASE_TEAM, WORKERS, Expect

EXPECT = {
    "analysis:case": Expect(read=CASE_TEAM, write=WORKERS),
    "analysis:episode-add": Expect(read=WORKERS, write=WORKERS),
    "analysis:episode-edit": Expect(read=WORKERS, write=WORKERS),
    "analysis:episode-delete": Expect(read=WORKERS, write=WORKERS),
    "api:timeline-episode-list": Expect(read=CASE_TEAM, write=WORKERS),
    "api:timeline-episode-detail": Expect(read=CASE_TEAM, write=WORKERS),
    "api:timeline-flags": Expect(read=CASE_TEAM),
    "api:analysis-step-list": Expect(read=CASE_TEAM, write=WORKERS),
}
