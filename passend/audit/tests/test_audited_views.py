"""The access-log queue of a view: flushed for a successful answer, never for a 4xx."""

import pytest

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.tests.factories import CasusFactory, with_consent

pytestmark = pytest.mark.django_db


def test_no_entry_for_a_4xx_answer_and_one_for_success(tenancy, as_user):
    casus = with_consent(CasusFactory(team=tenancy.a.team, state="in_behandeling"))
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/api/v1/cases/{casus.pk}/perspective"

    before = AccessLogEntry.objects.count()
    invalid = client.patch(url, {"youthWish": "x" * 5000}, content_type="application/json")
    assert invalid.status_code == 400  # exactly 400: the boundary of "an error answer"
    assert AccessLogEntry.objects.count() == before, "the case was read, but nothing was shown"

    valid = client.patch(url, {"youthWish": "Naar school"}, content_type="application/json")
    assert valid.status_code == 200
    new = AccessLogEntry.objects.filter(pk__gt=0).order_by("-id")[
        : AccessLogEntry.objects.count() - before
    ]
    assert new and all(e.outcome == Outcome.ALLOWED for e in new)
    assert {e.subject_id for e in new} == {str(casus.pk)}
