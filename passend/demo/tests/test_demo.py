from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory

from passend.accounts.models import Membership, User
from passend.accounts.roles import Role
from passend.advice.models import Advies
from passend.analytics.models import CasusFeit
from passend.analytics.services import rebuild as rebuild_analytics
from passend.cases.models import Casus
from passend.demo.region import (
    ALL_GEMEENTEN,
    DEMO_PASSWORD,
    EXTRA_BELEIDSADVISEURS,
    REGION,
    DemoConflictError,
    load_demo_region,
)
from passend.regions.models import Gemeente, Organisation, OrganisationType, Region, Team


def _snapshot():
    region = Region.objects.get(slug=REGION["slug"])
    return {
        "regions": Region.objects.count(),
        "gemeenten": Gemeente.objects.filter(region=region).count(),
        "teams": Team.objects.filter(region=region).count(),
        "organisations": Organisation.objects.filter(regions=region).count(),
        "all_organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "team_gemeenten": Team.gemeenten.through.objects.count(),
        "org_regions": Organisation.regions.through.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_reports_what_it_made_and_twice_is_idempotent():
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    first = _snapshot()
    call_command("load_demo", "--force", stdout=StringIO())
    second = _snapshot()

    assert first == second
    assert first["regions"] == 2  # Zuidoost-Duinland and the small Noordwest-Veenland
    assert first["gemeenten"] == 6
    assert first["teams"] == 2
    assert first["organisations"] >= 25
    assert first["team_gemeenten"] == 6 + 4

    for team in Team.objects.all():
        roles = set(team.memberships.values_list("role", flat=True))
        assert roles == set(Role.values), team
        assert team.gemeenten.count() == (4 if team.slug == "veenland" else 3)

    # No duplicates on any natural key.
    assert not Organisation.objects.values("name").annotate(n=Count("id")).filter(n__gt=1)
    assert sorted(Gemeente.objects.values_list("cbs_code", flat=True)) == [
        code for code, _ in ALL_GEMEENTEN
    ]

    # The analytics record holds every registered demo case and is current (the demo
    # backdates its history directly; load_demo recomputes the record at the end).
    registered = Casus.objects.filter(is_draft=False)
    assert CasusFeit.objects.filter(casus__in=registered).count() == registered.count() > 0
    assert rebuild_analytics().total == 0

    text = out.getvalue()
    assert "voorzitter.noord" in text
    assert DEMO_PASSWORD in text
    assert "tweede factor" in text
    assert "Sociale kaart:" in text

    # Some sent advices name offers of the social map, always of a candidate provider.
    sent = Advies.objects.filter(sent_at__isnull=False)
    with_offers = sent.filter(chosen_offers__isnull=False).distinct()
    assert 0 < with_offers.count() < sent.count()
    for advies in with_offers.prefetch_related("chosen_offers"):
        orgs = set(advies.candidate_providers.values_list("pk", flat=True))
        assert {o.organisation_id for o in advies.chosen_offers.all()} <= orgs


@pytest.mark.django_db
def test_teams_have_distinct_settings_and_fictional_contacts():
    load_demo_region()
    noord = Team.objects.get(slug="duinland-noord")
    zuid = Team.objects.get(slug="duinland-zuid")
    assert noord.self_registration_enabled and not noord.participation_required
    assert zuid.participation_required and not zuid.self_registration_enabled
    assert noord.email.endswith("@example.org") and zuid.email.endswith("@example.org")

    for org in Organisation.objects.all():
        assert org.email.endswith("@example.org")
        assert org.website.startswith("https://example.org/")
        assert org.phone.startswith("010-0000")
        assert not org.kvk_number
    for gemeente in Gemeente.objects.all():
        org = Organisation.objects.get(name=f"Gemeente {gemeente.name}")
        assert org.type == OrganisationType.GEMEENTE and org.gemeente == gemeente


@pytest.mark.django_db
def test_every_demo_user_is_demo_and_can_log_in():
    result = load_demo_region()
    usernames = {username for username, _, _ in result["logins"]}
    assert "coordinator_sociale_kaart.noord" in usernames
    assert "screener.zuid" in usernames
    assert "screener.veen" in usernames
    assert len(usernames) == 3 * (len(Role.values) + 1) + len(EXTRA_BELEIDSADVISEURS)

    factory = RequestFactory()
    for username in usernames:
        user = User.objects.get(username=username)
        assert user.is_demo
        assert user.email == f"{username}@demo.passend.example.org"
        logged_in = authenticate(
            request=factory.post("/"), username=username, password=DEMO_PASSWORD
        )
        assert logged_in == user


@pytest.mark.django_db
def test_memberships_carry_organisation_and_expertise():
    load_demo_region()
    aanmelder = Membership.objects.get(user__username="aanmelder.noord")
    assert aanmelder.organisation.type == OrganisationType.WIJKTEAM
    beleid = Membership.objects.get(user__username="beleidsadviseur.zuid")
    assert beleid.organisation.name.startswith("Gemeente ")
    assert beleid.organisation.gemeente in beleid.team.gemeenten.all()
    assert Membership.objects.get(user__username="teamlid.noord").expertise == "GGZ"
    assert Membership.objects.get(user__username="teamlid.zuid").expertise == "LVB"

    multi = User.objects.get(username="teamlid-procesregisseur.noord")
    assert set(multi.memberships.values_list("role", flat=True)) == {
        Role.TEAMLID,
        Role.PROCESREGISSEUR,
    }


@pytest.mark.django_db
def test_rerun_keeps_user_changes_but_resets_demo_password():
    load_demo_region()
    team = Team.objects.get(slug="duinland-noord")
    team.meeting_cadence_days = 30
    team.save()
    user = User.objects.get(username="voorzitter.noord")
    user.first_name = "Gewijzigd"
    user.set_password("iets-anders-123")
    user.save()

    load_demo_region()
    team.refresh_from_db()
    user.refresh_from_db()
    assert team.meeting_cadence_days == 30
    assert user.first_name == "Gewijzigd"
    assert user.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_refuses_to_take_over_a_real_user():
    User.objects.create_user(username="notulist.zuid", password="echt-wachtwoord-123")
    with pytest.raises(DemoConflictError):
        load_demo_region()
    assert not User.objects.get(username="notulist.zuid").is_demo
    assert not Region.objects.filter(slug=REGION["slug"]).exists()


@pytest.mark.django_db
def test_refuses_without_debug_unless_forced():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="openbaar wachtwoord"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(is_demo=True).exists()
