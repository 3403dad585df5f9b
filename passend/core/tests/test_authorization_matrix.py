"""The generated authorization matrix (see passend/core/tests/authz/matrix.py).

One test per app: it builds the world once and runs every route of the app for every actor,
place and method, collecting every difference from the expectation into one report."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import path
from django_otp import DEVICE_ID_SESSION_KEY

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome

from .authz.matrix import (
    ACCOUNT,
    CASE_KINDS,
    CONSTANTS,
    DEFAULT_KINDS,
    OUTSIDER,
    PUBLIC,
    REGION,
    Expect,
    Route,
    expectations,
    missing_expectations,
    openapi_mismatches,
    routes,
)
from .authz.world import World, build_world

ACTORS = [*Role, OUTSIDER]
# The matrix tests rules that live in Python (accounts/roles.py, accounts/permissions.py), not in
# SQL. On SQLite it runs every actor; on PostgreSQL (the second CI run, to stay in its time
# budget) a sample that still meets every outcome on every route: the widest role (voorzitter),
# a registrant limited to own cases (aanmelder), a provider limited to own waiting times
# (aanbieder), the team's administrator (beheerder), the social map's coordinator and a
# non-member (404 across the border). test_the_postgresql_sample_meets_every_right keeps it so.
POSTGRESQL_SAMPLE = [
    Role.VOORZITTER,
    Role.AANMELDER,
    Role.AANBIEDER,
    Role.BEHEERDER,
    Role.COORDINATOR_SK,
    OUTSIDER,
]


def actors() -> list:
    return POSTGRESQL_SAMPLE if connection.vendor == "postgresql" else ACTORS


PLACES = ("own", "other_team", "other_region", "draft")

ALL_ROUTES = routes()
EXPECTED = expectations()


APPS = sorted({r.app for r in ALL_ROUTES})


def test_every_route_has_an_expectation():
    assert missing_expectations(ALL_ROUTES, EXPECTED) == []


def test_the_postgresql_sample_meets_every_right():
    """Every route and method that someone may use is used by an actor of the sample, and, if
    it is refused to anyone, refused to one of the sample."""
    gaps = []
    for route in ALL_ROUTES:
        expect = EXPECTED[route.name]
        if expect.scope == PUBLIC:
            continue
        for method in route.methods:
            rights = set(expect.rights(method))
            if rights and not rights & set(POSTGRESQL_SAMPLE):
                gaps.append(f"{route.name} {method}: nobody in the sample may")
            if set(ACTORS) - rights and not set(POSTGRESQL_SAMPLE) - rights:
                gaps.append(f"{route.name} {method}: nobody in the sample is refused")
    assert gaps == []


def test_every_api_route_is_documented_and_every_documented_path_routed():
    assert openapi_mismatches(ALL_ROUTES) == []


def dummy_view(request):
    raise AssertionError("never requested")


dummy_view.personal_data = True
urlpatterns = [path("dummy/", dummy_view, name="dummy-route")]


def test_a_route_without_expectation_fails_with_its_name():
    with override_settings(ROOT_URLCONF=__name__):
        problems = missing_expectations(routes(), EXPECTED)
    assert any(p.startswith("dummy-route (dummy/): no expectation") for p in problems), problems


@dataclass
class Attempt:
    actor: object  # Role or OUTSIDER
    place: str
    method: str
    url: str
    body: dict
    allowed: bool
    border: bool  # refused because it crosses a border (404 + one denied entry)


def _value(world: World, place: str, kind: str):
    if kind in CONSTANTS:
        return CONSTANTS[kind]
    source = {
        "own": world.own,
        "draft": world.own,
        "other_team": world.other_team,
        "other_region": world.other_region,
    }[place]
    if kind == "team_slug":
        return source.team.slug
    if kind == "team_id":
        return source.team.pk
    if kind == "casus" and place == "draft":
        return world.draft.pk
    value = source.objects[kind]
    return getattr(value, "pk", value)


def url_for(route: Route, expect: Expect, world: World, place: str) -> str:
    url = route.fill({k: _value(world, place, kind_of(k, expect)) for k in route.kwargs})
    query = [expect.query] if expect.query else []
    if expect.team_query and place != "draft":
        query.append(f"{expect.team_query}={_value(world, place, 'team_id')}")
    return url + ("?" + "&".join(query) if query else "")


def kind_of(kwarg: str, expect: Expect) -> str:
    if kwarg in expect.kinds:
        return expect.kinds[kwarg]
    return kwarg if kwarg in CONSTANTS else DEFAULT_KINDS[kwarg]


def _kinds(route: Route, expect: Expect) -> set[str]:
    return {kind_of(k, expect) for k in route.kwargs}


def attempts(route: Route, expect: Expect, world: World) -> list[Attempt]:
    if expect.scope == PUBLIC:
        return []
    result = []
    places = ["own"] if expect.scope == ACCOUNT else list(PLACES)
    names_place = bool(route.kwargs) or bool(expect.team_query)
    for actor in actors():
        for place in places:
            if place != "own" and not names_place:
                continue
            if place == "draft" and not (_kinds(route, expect) & CASE_KINDS):
                continue
            for method in route.methods:
                rights = expect.rights(method)
                regional = expect.scope == REGION and (
                    expect.regional is None or actor in expect.regional
                )
                inside = place == "own" or (place == "other_team" and regional)
                allowed = inside and actor in rights
                # Not a member, or another place: refused as across a border (404).
                border = not allowed and (actor == OUTSIDER or not inside)
                url = url_for(route, expect, world, place)
                body = body_for(expect, world, place)
                result.append(Attempt(actor, place, method, url, body, allowed, border))
    return result


def login(client: Client, user) -> Client:
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
    session.save()
    return client


def body_for(expect: Expect, world: World, place: str) -> dict:
    return {
        name: _value(world, place, value[1:])
        if isinstance(value, str) and value.startswith("@")
        else value
        for name, value in expect.body.items()
    }


def request(client: Client, method: str, url: str, is_api: bool, body: dict):
    if method == "get":
        return client.get(url)
    if is_api:
        return getattr(client, method)(url, body, content_type="application/json")
    if method == "post":
        return client.post(url, body)
    return getattr(client, method)(url, urlencode(body), "application/x-www-form-urlencoded")


def check(route: Route, expect: Expect, attempt: Attempt, response, new: list) -> list[str]:
    status = response.status_code
    denied = [e for e in new if e.outcome == Outcome.DENIED]
    allowed_entries = [e for e in new if e.outcome == Outcome.ALLOWED]
    problems = []
    if status >= 500:
        return [f"{status} server error"]
    if attempt.allowed:
        if status in (401, 403, 404, 405):
            return [f"refused with {status}, expected allowed"]
        if attempt.method == "get" and status not in expect.read_status:
            problems.append(f"read answered {status}, expected {sorted(expect.read_status)}")
        if route.personal_data and attempt.method == "get" and status < 400:
            if not allowed_entries and not expect.lists:
                problems.append("no access-log entry for a personal-data read")
            keys = Counter((e.subject_type, e.subject_id, e.action) for e in allowed_entries)
            twice = [k for k, n in keys.items() if n > 1]
            if twice:
                problems.append(f"logged more than once: {twice}")
        if denied:
            problems.append(f"{len(denied)} denied entries on an allowed request")
        return problems
    if status not in (403, 404, 405):
        return [f"answered {status}, expected a refusal"]
    if attempt.border and status != 404:
        problems.append(f"refused across a border with {status}, expected 404")
    if route.personal_data and len(denied) != 1:
        problems.append(f"refused with {len(denied)} denied entries, expected exactly one")
    if allowed_entries:
        problems.append(f"{len(allowed_entries)} allowed entries on a refused request")
    return problems


def run_app(app: str) -> list[str]:
    world = build_world()
    users = {role: world.own.users[role] for role in Role} | {OUTSIDER: world.outsider}
    clients = {actor: login(Client(), user) for actor, user in users.items()}
    report = []
    for route in [r for r in ALL_ROUTES if r.app == app]:
        expect = EXPECTED[route.name]
        for attempt in attempts(route, expect, world):
            with transaction.atomic():
                before = (
                    AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
                )
                client = clients[attempt.actor]
                cookies = client.cookies
                client.cookies = SimpleCookie(cookies.output(header="", sep="\n"))
                response = request(client, attempt.method, attempt.url, route.is_api, attempt.body)
                client.cookies = cookies  # a logout or a new session does not stick
                new = list(AccessLogEntry.objects.filter(id__gt=before))
                problems = check(route, expect, attempt, response, new)
                transaction.set_rollback(True)
            who = attempt.actor if attempt.actor == OUTSIDER else attempt.actor.value
            report += [
                f"{route.name} {attempt.method.upper()} {attempt.url} as {who} "
                f"({attempt.place}): {problem}"
                for problem in problems
            ]
    return report


@pytest.fixture
def quiet_404s():
    """Thousands of refusals: Django's request logger would write a warning for each."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.django_db
@pytest.mark.parametrize("app", APPS)
def test_matrix(app, quiet_404s):
    report = run_app(app)
    assert not report, f"{len(report)} differences:\n" + "\n".join(report[:300])


@pytest.mark.django_db
def test_anonymous_gets_the_login_or_401_except_on_public_routes():
    world = build_world()
    client = Client()
    report = []
    for route in ALL_ROUTES:
        expect = EXPECTED[route.name]
        url = url_for(route, expect, world, "own")
        for method in route.methods:
            response = request(client, method, url, route.is_api, body_for(expect, world, "own"))
            status = response.status_code
            if status >= 500 and status not in expect.read_status:  # readyz: 503 is an answer
                report.append(f"{route.name} {method} {url}: {status}")
            elif expect.scope == PUBLIC:
                continue
            elif route.is_api and status != 401 and expect.scope != ACCOUNT:
                report.append(f"{route.name} {method} {url}: {status}, expected 401")
            elif (
                not route.is_api
                and expect.scope != ACCOUNT
                and not (status == 302 and response["Location"].startswith("/inloggen/"))
            ):
                report.append(f"{route.name} {method} {url}: {status}, expected the login")
    assert not report, "\n".join(report)
