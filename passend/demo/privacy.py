"""The demo region's DPIA gate: every demo team has its DPIA and covenant recorded, so the
monitoring of the demo opens. Synthetic references; a recorded check is never overwritten."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.demo.region import DEMO_REGIONS
from passend.privacy.models import DpiaToets
from passend.regions.models import Team


@transaction.atomic
def load_demo_privacy() -> dict:
    """Record the DPIA (done, reference) and the covenant (in place) for each demo team."""
    today = timezone.localdate()
    created = 0
    officers = {spec.slug: spec.privacy_officer for spec in DEMO_REGIONS}
    teams = Team.objects.filter(region__slug__in=officers).select_related("region")
    teams = sorted(teams, key=lambda t: (list(officers).index(t.region.slug), t.slug))
    for index, team in enumerate(teams, start=1):
        beheerder = (
            Membership.objects.current()
            .filter(team=team, role=Role.BEHEERDER)
            .values_list("user", flat=True)
            .first()
        )
        _toets, new = DpiaToets.objects.get_or_create(
            team=team,
            defaults={
                "assessed_on": today - dt.timedelta(days=120),
                "privacy_officer": officers[team.region.slug],
                "dpia_done_on": today - dt.timedelta(days=90),
                "dpia_reference": f"DEMO-DPIA-{index:02d}",
                "covenant_in_place": True,
                "covenant_reference": f"DEMO-CONVENANT-{index:02d}",
                "covenant_signed_on": today - dt.timedelta(days=60),
                "recorded_by_id": beheerder,
            },
        )
        created += new
    return {"teams": len(teams), "created": created}
