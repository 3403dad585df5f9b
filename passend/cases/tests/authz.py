"""Authorization-matrix expectations of cases (see passend/core/tests/authz/matrix.py).

The world's case is in behandeling with complete consent and was registered by team A's
aanmelder (REFERRER): the referrer sees the own case's overview, consent form and attachments."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import (
    ALL_ACTORS,
    CASE_TEAM,
    DIRECTORS,
    LOG_READERS,
    OWN_CASES,
    PUBLIC,
    REFERRER,
    REGISTRANTS,
    SCREENERS,
    VIEW_TEAM,
    WORKERS,
    Expect,
    may_any,
)

CASE_READERS = CASE_TEAM | REFERRER
# Who can move a case along the workflow table (any of its capabilities).
STEPPERS = may_any(Cap.SCREEN_CASES, Cap.APPROVE_ADVICE, Cap.DIRECT_PROCESS)
# Who may change a registration now (in behandeling: the screeners; the referrer only while it
# is aangemeld): the case page's forms and the registration steps alike.
EDITORS = SCREENERS

EXPECT = {
    "cases:list": Expect(read=VIEW_TEAM, lists=True),
    "cases:detail": Expect(read=CASE_READERS, write=SCREENERS),
    "cases:consent-form": Expect(read=CASE_READERS),
    "cases:attachment": Expect(read=CASE_READERS),
    "cases:perspective": Expect(read=WORKERS, write=WORKERS),
    "cases:direction": Expect(read=WORKERS, write=WORKERS),
    "cases:close": Expect(read=DIRECTORS, write=DIRECTORS),
    # The overview's forms on pages of their own (consent, attachments, screening, status).
    "cases:consent": Expect(read=CASE_READERS, write=EDITORS),
    "cases:attachments": Expect(read=CASE_READERS, write=WORKERS | REFERRER),
    "cases:screening": Expect(read=SCREENERS, write=SCREENERS),
    "cases:transition": Expect(read=STEPPERS, write=STEPPERS),
    "cases:register": Expect(read=REGISTRANTS, write=REGISTRANTS, read_status=frozenset({200})),
    "cases:register-step": Expect(read=EDITORS, write=EDITORS),
    "cases:public-registration": Expect(read=ALL_ACTORS, write=ALL_ACTORS, scope=PUBLIC),
    "cases:public-registration-done": Expect(read=ALL_ACTORS, scope=PUBLIC),
    "api:public-registration": Expect(write=ALL_ACTORS, scope=PUBLIC),
    # Registering names the team in the body; another team's is refused as not found.
    "api:case-list": Expect(
        read=CASE_TEAM | OWN_CASES,
        write=REGISTRANTS,
        team_query="teamId",
        body={"team": "@team_id"},
        lists=True,
    ),
    "api:case-detail": Expect(read=CASE_READERS, write=EDITORS),
    "api:case-consent-list": Expect(read=CASE_READERS, write=EDITORS),
    "api:case-consent-detail": Expect(write=EDITORS),
    "api:case-transition-list": Expect(write=STEPPERS),
    "api:case-access-log": Expect(read=LOG_READERS),
    "api:case-consent-form": Expect(read=CASE_READERS),
    # Attachments: the referrer and the team members who work on cases (not the notulist).
    "api:case-attachment-list": Expect(read=CASE_READERS, write=WORKERS | REFERRER),
    "api:case-attachment-detail": Expect(read=CASE_READERS),
    "api:case-perspective": Expect(read=CASE_READERS, write=WORKERS),
    "api:case-direction": Expect(read=CASE_READERS, write=WORKERS),
    "api:case-closure-list": Expect(write=DIRECTORS),
}
