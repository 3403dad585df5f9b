"""Authorization-matrix expectations of the privacy routes: avg.

Only the voorzitter and the beheerder handle AVG requests (Cap.HANDLE_PRIVACY_REQUESTS); the
case is found through the case scope's PRIVACY audience, so every other role of the team is
refused like a case out of reach. The erasure routes are written with a person the case does
not have: an allowed write is then refused as bad input (200 with the form again / 400), and
the world's case keeps its data for the other routes."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import Expect, may

HANDLERS = may(Cap.HANDLE_PRIVACY_REQUESTS)
NO_SUCH_PERSON = "ouder:0"

EXPECT: dict = {
    "privacy:avg-team": Expect(read=HANDLERS),
    "privacy:avg-case": Expect(
        read=HANDLERS,
        write=HANDLERS,
        body={"person": NO_SUCH_PERSON, "decision": "uitvoeren", "confirm": "on"},
    ),
    "privacy:avg-export-json": Expect(read=HANDLERS, query="persoon=jeugdige"),
    "privacy:avg-export-pdf": Expect(read=HANDLERS, query="persoon=jeugdige"),
    "api:case-avg-export": Expect(read=HANDLERS, query="person=jeugdige"),
    "api:case-avg-erasure": Expect(write=HANDLERS, body={"person": NO_SUCH_PERSON}),
    "api:case-avg-requests": Expect(read=HANDLERS),
}
