"""The demo region has its DPIA and covenant recorded: its monitoring is open."""

import pytest

from passend.demo.privacy import load_demo_privacy
from passend.demo.region import REGION, load_demo_region
from passend.privacy.models import DpiaToets
from passend.privacy.selectors import monitoring_allowed
from passend.regions.models import Team


@pytest.mark.django_db
def test_every_demo_team_has_its_dpia_recorded_and_loading_twice_changes_nothing():
    load_demo_region()
    first = load_demo_privacy()
    teams = Team.objects.filter(region__slug=REGION["slug"])
    assert first["created"] == teams.count() > 0
    assert all(monitoring_allowed(team) for team in teams)
    assert all(t.dpia_required and t.recorded_by_id for t in DpiaToets.objects.all())
    snapshot = list(DpiaToets.objects.order_by("pk").values())
    assert load_demo_privacy()["created"] == 0
    assert list(DpiaToets.objects.order_by("pk").values()) == snapshot
