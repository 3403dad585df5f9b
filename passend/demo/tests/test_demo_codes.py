"""The demo cases carry the monitoring codes: sectors, living situations, wijk, route."""

import random
from collections import Counter

import pytest
from django.utils import timezone

from passend.cases.codes import CaseState, Woonsituatie
from passend.cases.models import Casus, Wijk
from passend.cases.workflow import PLACEMENT_OUTCOMES, closure_recorded
from passend.demo.cases import DEMO_TEAM_SLUGS, _contexts, _plan, load_demo_cases
from passend.demo.codes import WIJKEN
from passend.demo.region import REGION, load_demo_region

pytestmark = pytest.mark.django_db


def test_every_demo_case_has_plausible_codes_and_the_region_its_wijken():
    load_demo_region()
    load_demo_region()  # idempotent: the wijken once
    wijken = Wijk.objects.filter(region__slug=REGION["slug"])
    assert wijken.count() == len([w for w in WIJKEN if w[0] in {"GM9901", "GM9904"}])
    assert {w.gemeente.cbs_code for w in wijken} == {"GM9901", "GM9904"}
    load_demo_cases(count=150)
    cases = list(
        Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS)
        .select_related("wijk", "team")
        .prefetch_related("sectors", "reasons")
    )
    for casus in cases:
        assert casus.living_situation in Woonsituatie.values, casus.reference
        assert 1 <= casus.sectors.count() <= 5
        assert all(s.region_id == casus.team.region_id for s in casus.sectors.all())
        if casus.wijk:
            assert casus.wijk.gemeente_id == casus.gemeente_id
        if casus.in_closed_youth_care:
            assert casus.living_situation == Woonsituatie.GESLOTEN
        if casus.state == CaseState.AFGESLOTEN:
            assert casus.living_situation_at_closure, casus.reference
            assert closure_recorded(casus) is None, casus.reference
            if casus.closure_outcome in PLACEMENT_OUTCOMES:
                assert casus.placement_route
        elif casus.state != CaseState.HEROPEND:
            assert casus.living_situation_at_closure == "" and casus.placement_route == ""
    assert sum(1 for c in cases if c.wijk) > 10, "some cases in a wijk"
    assert any(c.gemeente.cbs_code == "GM9901" and not c.wijk for c in cases), "not all"
    thuiszitten = [c for c in cases if any(r.code == "thuiszitten" for r in c.reasons.all())]
    assert len(thuiszitten) >= 3
    assert len(Counter(c.living_situation for c in cases)) >= 5, "a spread, not one value"
    assert Counter(c.living_situation for c in cases).most_common(1)[0][0] == "thuis"


def test_the_codes_are_the_same_for_the_same_seed():
    load_demo_region()
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)

    def plan(seed):
        specs = _plan(random.Random(seed), 60, _contexts(), anchor, seed)
        return [
            (
                s.fields["living_situation"],
                s.fields["wijk"],
                [x.code for x in s.sectors],
                [r.code for r in s.reasons],
                s.closure.get("living_situation_at_closure"),
                s.closure.get("placement_route"),
            )
            for s in specs
        ]

    assert plan(7) == plan(7)
    assert plan(7) != plan(8)
