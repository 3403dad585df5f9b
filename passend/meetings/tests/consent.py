"""Test helper: the consent a case's young person's age requires, recorded as a team would."""

import datetime as dt

from django.utils import timezone

from passend.cases.services import record_consent
from passend.cases.tests.factories import OuderFactory


def give_consent(casus, *, on: dt.date | None = None) -> None:
    """Consent of the young person and of every parent with gezag (a parent with gezag is
    added when there is none), given a month before `on` (default today)."""
    given_on = (on or timezone.localdate()) - dt.timedelta(days=30)
    parents = [o for o in casus.ouders.all() if o.has_gezag]
    if not parents:
        parents = [OuderFactory(casus=casus, first_name="Toestemmend", has_gezag=True)]
    for ouder in parents:
        record_consent(casus, ouder=ouder, method="digitaal", given_on=given_on)
    record_consent(casus, ouder=None, method="digitaal", given_on=given_on)
