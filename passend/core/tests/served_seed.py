"""Migrate and seed the database of a served test (``served.py``). Synthetic data only.

Run as ``python -m passend.core.tests.served_seed`` with DATABASE_URL and the served settings
in the environment. Prints one JSON object: the team, its gemeente and each user's TOTP key.
Users (all in the one team): screener.1–8, aanmelder.slot, aanmelder.open and beheerder.1.
"""

import json

WRITERS = 8
PASSWORD = "Correct-paard-batterij-1"  # as passend/conftest.py


def seed() -> dict:
    from passend.accounts.roles import Role
    from passend.core.tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        RegionFactory,
        TeamFactory,
        UserFactory,
        confirmed_device,
    )
    from passend.regions.models import OrganisationType

    region = RegionFactory(name="Testregio Kustland", slug="kustland")
    team = TeamFactory(
        region=region, name="Expertteam Served", slug="team-served", self_registration_enabled=True
    )
    wijkteam = OrganisationFactory(
        name="Wijkteam Served", type=OrganisationType.WIJKTEAM, regions=[region]
    )
    users = {}
    roles = [(f"screener.{n}", Role.SCREENER) for n in range(1, WRITERS + 1)]
    roles += [("aanmelder.slot", Role.AANMELDER), ("aanmelder.open", Role.AANMELDER)]
    roles += [("beheerder.1", Role.BEHEERDER)]
    for username, role in roles:
        user = UserFactory(username=username, last_name="Served")
        org = wijkteam if role == Role.AANMELDER else None
        MembershipFactory(user=user, team=team, role=role, organisation=org)
        users[username] = {"id": user.pk, "totp_key": confirmed_device(user).key}
    return {
        "team": team.pk,
        "team_slug": team.slug,
        "gemeente": team.gemeenten.first().pk,
        "password": PASSWORD,
        "users": users,
    }


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    print(json.dumps(seed()))


if __name__ == "__main__":
    main()
