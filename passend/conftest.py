"""Shared fixtures: two teams in one region, a user per role in each, and a verified login."""

import contextlib
import os
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

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

PASSWORD = "Correct-paard-batterij-1"


@dataclass
class TeamWorld:
    team: object
    users: dict = field(default_factory=dict)  # role -> user


@dataclass
class Tenancy:
    a: TeamWorld
    b: TeamWorld


def login(client: Client, user, *, verified: bool = True) -> Client:
    """Log in as `user`; with a confirmed, verified TOTP device unless verified=False."""
    client.force_login(user)
    if verified:
        device = confirmed_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _world(region, name: str, wijkteam) -> TeamWorld:
    team = TeamFactory(region=region, name=f"Expertteam {name}", slug=f"team-{name}")
    world = TeamWorld(team=team)
    provider = OrganisationFactory(
        name=f"Zorgaanbieder {name.capitalize()}",
        type=OrganisationType.ZORGAANBIEDER,
        regions=[region],
    )
    for role in Role:
        user = UserFactory(username=f"{role.value}.{name}", last_name=name.capitalize())
        org = {Role.AANMELDER: wijkteam, Role.AANBIEDER: provider}.get(role)
        MembershipFactory(user=user, team=team, role=role, organisation=org)
        world.users[role] = user
    return world


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (Dutch). A request in English leaves English
    active in the thread (LocaleMiddleware does not reset it), and a later test calling a
    service directly would then get English messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def tenancy(db) -> Tenancy:
    region = RegionFactory(name="Testregio Kustland", slug="kustland")
    wijkteam = OrganisationFactory(
        name="Wijkteam Test", type=OrganisationType.WIJKTEAM, regions=[region]
    )
    return Tenancy(a=_world(region, "alfa", wijkteam), b=_world(region, "beta", wijkteam))


@pytest.fixture
def as_user(client):
    def _as(user, **kwargs) -> Client:
        return login(client, user, **kwargs)

    return _as


@pytest.fixture
def seeded_code_lists():
    """For transactional tests (pytest-django runs them after the others): each one empties
    all tables when it ends. Code lists belong to a region and a new region gets the standard
    lists when it is created (passend.regions.apps); this gives them to regions that exist
    already (idempotent)."""
    from django.apps import apps

    from passend.regions.codelists.defaults import seed_region
    from passend.regions.models import Region

    for region_id in Region.objects.values_list("pk", flat=True):
        seed_region(apps, region_id)


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker):
    """Data made once and read by several tests (a loaded demo takes seconds): made inside a
    transaction that stays open while they run and is rolled back after the last. Each test's
    own transaction nests in it as a savepoint, so what one test changes the next does not see.

    Use it in a fixture of module scope (``django_db_setup`` first) and mark the module with an
    xdist group, so its tests run on one worker and load once. The data exist from the first
    test that asks for them to the end of the module: tests that need an empty database come
    before it in the file (pytest runs a module's tests in file order)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- CI rules for the test run itself ---------------------------------------------------------


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "vendor(name): runs only on this database vendor ('sqlite' or 'postgresql'); CI runs "
        "the suite on both, so each such test runs in one of the two runs",
    )


def pytest_collection_modifyitems(config, items):
    """Tests for another database vendor are deselected (not skipped)."""
    from django.db import connection

    other = [
        item
        for item in items
        if (marker := item.get_closest_marker("vendor")) and connection.vendor not in marker.args
    ]
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = [item for item in items if item not in set(other)]


def fail_skips_in_ci(report, environ=os.environ):
    """Under PASSEND_CI (set by .ci/run) a skipped or xfailed test is a failure: CI proves
    everything or fails, it never passes with checks left out."""
    if environ.get("PASSEND_CI") and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Not allowed in CI (PASSEND_CI is set): skipped or xfailed: {reason}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    return fail_skips_in_ci(report)
