"""Authorization-matrix expectations of advice (see passend/core/tests/authz/matrix.py).

The world's advice was approved and sent; its referrer (REFERRER) sees it, asks for
clarification and records the follow-up."""

from passend.core.tests.authz.matrix import (
    CASE_TEAM,
    CHAIRS,
    DIRECTORS,
    REFERRER,
    WORKERS,
    Expect,
)

READERS = CASE_TEAM | REFERRER
FOLLOW_UP = DIRECTORS | REFERRER

EXPECT = {
    # The tab's forms: probed with a clarification request (team workers and the referrer).
    "advice:case": Expect(
        read=READERS,
        write=WORKERS | REFERRER,
        body={"formulier": "toelichting", "advies": "@advice"},
    ),
    "advice:new": Expect(read=WORKERS, write=WORKERS),
    "advice:edit": Expect(read=WORKERS, write=WORKERS),
    "advice:offers": Expect(read=WORKERS, write=WORKERS),
    "advice:follow-up": Expect(read=FOLLOW_UP, write=FOLLOW_UP),
    "advice:letter": Expect(read=READERS),
    "api:case-advice-list": Expect(read=READERS, write=WORKERS),
    "api:advice-detail": Expect(read=READERS, write=WORKERS),
    "api:advice-approvals": Expect(write=CHAIRS),
    "api:advice-dispatches": Expect(write=CHAIRS),
    "api:advice-conflict-declarations": Expect(read=CASE_TEAM, write=CASE_TEAM),
    "api:advice-clarification-requests": Expect(read=READERS, write=WORKERS | REFERRER),
    "api:clarification-request-detail": Expect(write=WORKERS),
    "api:advice-follow-ups": Expect(read=READERS, write=FOLLOW_UP),
    "api:advice-letter": Expect(read=READERS),
}
