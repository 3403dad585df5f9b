"""The participation radios are one Utrecht fieldset: no second fieldset around them with
the same legend, and with the team setting its reason is not "(niet verplicht)"."""

import re

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.meetings.models import Casusbespreking, Overleg

pytestmark = pytest.mark.django_db


def test_participation_has_one_legend_and_a_conditionally_required_reason(
    tenancy, as_user, active_case
):
    team, chair = tenancy.a.team, tenancy.a.users[Role.VOORZITTER]
    team.__class__.objects.filter(pk=team.pk).update(participation_required=True)
    overleg = Overleg.objects.create(team=team, starts_at=timezone.now(), chair=chair)
    item = Casusbespreking.objects.create(overleg=overleg, casus=active_case, order=1)
    url = f"/teams/{team.slug}/overleggen/{overleg.pk}/besprekingen/{item.pk}/"
    html = as_user(chair).get(url).content.decode()
    legends = re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    assert sum("Deelname van jeugdige en ouders" in legend for legend in legends) == 1
    assert 'type="radio" name="participation"' in html
    reason = re.search(r'<label[^>]*for="id_absence_reason"[^>]*>(.*?)</label>', html, re.S)
    assert "niet verplicht" not in reason.group(1)
    assert "Verplicht bij afwezigheid" in html
