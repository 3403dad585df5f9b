"""Hooks for the access-log walk and the tenancy matrix (passend/core/tests)."""

from datetime import timedelta

from django.utils import timezone

from passend.accounts.roles import Role
from passend.meetings.codes import GuestKind
from passend.meetings.models import Aanwezigheid, Casusbespreking, Gast, Overleg


def _meeting(team, casus, chair):
    overleg = Overleg.objects.create(
        team=team, starts_at=timezone.now() - timedelta(days=1), location="online", chair=chair
    )
    discussion = Casusbespreking.objects.create(
        overleg=overleg, casus=casus, order=1, question="Welke plek past?"
    )
    Aanwezigheid.objects.create(overleg=overleg, user=chair, status="aanwezig")
    guest = Gast.objects.create(
        overleg=overleg, name="Gast Fictief", organisation="GGZ", kind=GuestKind.EXPERT
    )
    return overleg, discussion, guest


def walk_values(tenancy, casus):
    team = tenancy.a.team
    overleg, discussion, _guest = _meeting(team, casus, tenancy.a.users[Role.VOORZITTER])
    m, d, slug = overleg.pk, discussion.pk, team.slug
    values = {
        "<int:meeting>": str(m),
        "<int:discussion>": str(d),
        "<int:meetingId>": str(m),
        "<int:discussionId>": str(d),
    }
    base = f"/teams/{slug}/overleggen/{m}/"
    urls = {
        f"/teams/{slug}/overleggen/",
        base,
        f"{base}wijzigen/",
        f"{base}agenda/",
        f"{base}aanwezigheid/",
        f"{base}gasten/",
        f"{base}besprekingen/{d}/",
        f"/teams/{slug}/casussen/{casus.pk}/overleg/",
        "/api/v1/meetings",
        f"/api/v1/meetings/{m}",
        f"/api/v1/meetings/{m}/case-discussions",
        f"/api/v1/meetings/{m}/case-discussions/{d}",
        f"/api/v1/meetings/{m}/attendances",
        f"/api/v1/meetings/{m}/guests",
    }
    return values, urls


def other_team_urls(tenancy, casus):
    b = tenancy.b.team
    overleg, discussion, guest = _meeting(b, casus, tenancy.b.users[Role.VOORZITTER])
    m, d = overleg.pk, discussion.pk
    base = f"/teams/{b.slug}/overleggen/{m}/"
    api = f"/api/v1/meetings/{m}"
    return [
        ("get", f"/teams/{b.slug}/overleggen/"),
        ("post", f"/teams/{b.slug}/overleggen/plannen/"),
        ("get", base),
        ("post", f"{base}wijzigen/"),
        ("post", f"{base}agenda/"),
        ("post", f"{base}agenda/{d}/"),
        ("post", f"{base}aanwezigheid/"),
        ("post", f"{base}gasten/"),
        ("get", f"{base}besprekingen/{d}/"),
        ("post", f"{base}besprekingen/{d}/"),
        ("get", f"/teams/{b.slug}/casussen/{casus.pk}/overleg/"),
        ("post", f"/teams/{b.slug}/casussen/{casus.pk}/overleg/"),
        ("get", f"/api/v1/meetings?teamId={b.pk}"),
        ("get", api),
        ("patch", api),
        ("get", f"{api}/case-discussions"),
        ("post-json", f"{api}/case-discussions"),
        ("get", f"{api}/case-discussions/{d}"),
        ("patch", f"{api}/case-discussions/{d}"),
        ("delete", f"{api}/case-discussions/{d}"),
        ("get", f"{api}/attendances"),
        ("post-json", f"{api}/attendances"),
        ("get", f"{api}/guests"),
        ("post-json", f"{api}/guests"),
        ("delete", f"{api}/guests/{guest.pk}"),
    ]
