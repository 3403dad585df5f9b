"""The demo region has its DPIA and covenant recorded: its monitoring is open."""

import pytest

from passend.demo.privacy import load_demo_privacy
from passend.demo.region import DEMO_REGIONS, load_demo_region
from passend.privacy.models import DpiaToets
from passend.privacy.selectors import monitoring_allowed
from passend.regions.models import Team


@pytest.mark.django_db
def test_every_demo_team_has_its_dpia_recorded_and_loading_twice_changes_nothing():
    load_demo_region()
    first = load_demo_privacy()
    teams = Team.objects.filter(region__slug__in=[r.slug for r in DEMO_REGIONS])
    assert first["created"] == teams.count() == 3
    assert all(monitoring_allowed(team) for team in teams)
    assert all(t.dpia_required and t.recorded_by_id for t in DpiaToets.objects.all())
    officers = set(DpiaToets.objects.values_list("privacy_officer", flat=True))
    assert officers == {r.privacy_officer for r in DEMO_REGIONS}
    snapshot = list(DpiaToets.objects.order_by("pk").values())
    assert load_demo_privacy()["created"] == 0
    assert list(DpiaToets.objects.order_by("pk").values()) == snapshot
