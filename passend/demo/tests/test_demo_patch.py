"""Every demo case takes a harmless change through the API (the demo data keeps the
registration rules: a sent registration records that the young person and parents know)."""

import pytest

from passend.accounts.models import User
from passend.cases.models import Casus
from passend.cases.services import may_edit_registration
from passend.conftest import login
from passend.demo.cases import DEMO_TEAM_SLUGS, load_demo_cases
from passend.demo.region import load_demo_region

pytestmark = pytest.mark.django_db


def test_every_demo_case_accepts_a_harmless_patch(client):
    load_demo_region()
    assert load_demo_cases(count=40)["created"] == 40
    cases = Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS).select_related("team")
    assert all(c.youth_informed and c.parents_informed for c in cases)
    answers = {}
    for slug in DEMO_TEAM_SLUGS:
        chair = User.objects.get(username=f"voorzitter.{slug.split('-')[1]}")
        api = login(client, chair)
        for casus in cases.filter(team__slug=slug):
            response = api.patch(
                f"/api/v1/cases/{casus.pk}",
                {"urgency": casus.urgency},
                content_type="application/json",
            )
            expected = 200 if may_edit_registration(chair, casus) else 403
            answers[casus.reference] = (casus.state, response.status_code, expected)
    assert {ref: a for ref, a in answers.items() if a[1] != a[2]} == {}
    assert sum(a[1] == 200 for a in answers.values()) >= 15, "many demo cases are open"
