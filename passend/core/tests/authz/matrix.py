"""The authorization matrix, generated from the URL conf and the OpenAPI document.

Every route of the project (pages and API) is requested by every role of team A and by an
outsider without a membership, in every place it can name — the own team, another team of the
region, a team of another region, and another referrer's draft — for reading (GET) and for each
writing method it offers. The expected answer comes from the route's ``Expect`` in the module's
``tests/authz.py``: which roles may read, which may write, and the route's scope. A route without
an expectation fails the matrix with its name; so does an API route missing from the OpenAPI
document, or documented but not routed.

Rules (the same for every route):
- a refusal across a border (other team, other region, someone else's draft, an outsider) is
  404 with exactly one denied access-log entry, by the actor, on the team of the place asked for;
- inside the own team a role without the right is refused (403/404/405) and never sees data;
- an allowed read of a personal-data route answers 200 and logs each subject it shows once
  (allowed, with the actor); an allowed write is never answered 401/403/404/405 or 5xx;
- nothing answers 5xx.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from passend.accounts.roles import ROLE_CAPABILITIES, Cap, Role

# Scopes: where a route's data lives, and so which places are across a border.
TEAM = "team"  # data of one team: every other team is across the border
REGION = "region"  # regional data (social map, organisations): other regions are across it
ACCOUNT = "account"  # the user's own account or session: no place to cross
PUBLIC = "public"  # open without login (login page, public registration, schema, health)

OUTSIDER = "buitenstaander"  # a logged-in, verified user without any membership
ALL_ROLES = frozenset(Role)
ALL_ACTORS = frozenset({*Role, OUTSIDER})
NOBODY: frozenset = frozenset()

READ_METHODS = ("get",)
WRITE_METHODS = ("post", "put", "patch", "delete")


def may(*capabilities: Cap) -> frozenset:
    """The roles that hold every one of `capabilities` (the role table of the spec)."""
    return frozenset(
        role for role in Role if all(c in ROLE_CAPABILITIES[role] for c in capabilities)
    )


def may_any(*capabilities: Cap) -> frozenset:
    return frozenset(
        role for role in Role if any(c in ROLE_CAPABILITIES[role] for c in capabilities)
    )


@dataclass(frozen=True)
class Expect:
    """What a route allows in the own team.

    - `read` / `write`: the roles (and OUTSIDER) that may GET / write; None when the route
      has no such method. `methods` overrides `write` per method ({"delete": PLANNERS}).
    - `scope`: TEAM, REGION (other teams of the region are inside), ACCOUNT or PUBLIC.
    - `kinds`: URL kwarg -> kind of record where the default naming does not fit.
    - `team_query`: the query parameter naming the team of a route without one in its path;
      requests in another place ask for that place's team there.
    - `query`: a fixed query string the route needs.
    - `body`: the write request's body; a value "@kind" is the place's record of that kind
      (e.g. {"advies": "@advice"}), "@team_id" its team.
    - `lists`: the route lists what the actor may see, so an empty list logs nothing.
    - `regional`: with scope REGION, the roles for whom another team of the region is
      inside (default: all; a provider keeps only the own organisation's records).
    - `read_status`: the statuses of an allowed read."""

    read: frozenset | None = None
    write: frozenset | None = None
    scope: str = TEAM
    kinds: dict = field(default_factory=dict)
    team_query: str = ""
    query: str = ""
    body: dict = field(default_factory=dict)
    methods: dict = field(default_factory=dict)
    lists: bool = False
    regional: frozenset | None = None
    read_status: frozenset = frozenset({200})

    def rights(self, method: str) -> frozenset:
        if method in READ_METHODS:
            return self.read
        return self.methods.get(method, self.write)


# URL kwarg -> kind of record in a place (World objects); "team" and "teamId" are the team.
DEFAULT_KINDS = {
    "team": "team_slug",
    "teamId": "team_id",
    "pk": "casus",
    "caseId": "casus",
    "attachment": "attachment",
    "attachmentId": "attachment",
    "consentId": "consent",
    "episode": "episode",
    "episodeId": "episode",
    "meeting": "meeting",
    "meetingId": "meeting",
    "discussion": "discussion",
    "discussionId": "discussion",
    "guestId": "guest",
    "advies": "advice",
    "adviceId": "advice",
    "requestId": "clarification",
    "goal": "goal",
    "action": "action",
    "actionId": "action",
    "escalation": "escalation",
    "escalationId": "escalation",
    "gesprek": "gesprek",
    "futurePlanId": "plan",
    "user_id": "member",
    "userId": "member",
    "regionId": "region",
    "organisationId": "provider",
    "organisation": "provider",
    "offer": "offer",
    "offerId": "offer",
    "location": "location",
}
CASE_KINDS = {"casus"}
# URL kwargs with a fixed value: a registration step, an invitation token, an indicator code,
# a monitoring export's file format.
CONSTANTS = {
    "step": "jeugdige",
    "token": "geen-geldige-uitnodiging",
    "code": "aanmeldingen",
    "fmt": "csv",
}


# A URL kwarg: <int:caseId> / <slug:team> / (?P<pk>[^/.]+) (a DRF router's regex group).
KWARG = r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)"


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, e.g. "cases:detail"
    route: str  # the URL pattern, e.g. "teams/<slug:team>/casussen/<int:pk>/"
    methods: tuple[str, ...]
    personal_data: bool
    is_api: bool
    app: str  # the module that owns the view ("cases", "core", ...)

    @property
    def kwargs(self) -> list[str]:
        return [a or b for a, b in re.findall(KWARG, self.route)]

    def fill(self, values: dict[str, object]) -> str:
        """The URL with every kwarg replaced by its value (path converters or regex groups)."""

        def value(match):
            return str(values[match.group(1) or match.group(2)])

        url = re.sub(KWARG, value, self.route)
        return "/" + re.sub(r"(^|/)\^", r"\1", url).replace("$", "")


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterable[tuple[str, str, object]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name or ''}", entry


def view_class(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


def _methods(callback) -> tuple[str, ...]:
    actions = getattr(callback, "actions", None)
    if actions:
        return tuple(sorted(actions))
    cls = view_class(callback)
    names = getattr(cls, "http_method_names", ["get", "post"])
    if isinstance(cls, type):
        return tuple(
            sorted(m for m in names if m in (*READ_METHODS, *WRITE_METHODS) and hasattr(cls, m))
        )
    return tuple(getattr(callback, "http_methods", ("get",)))


def _app(cls) -> str:
    parts = getattr(cls, "__module__", "").split(".")
    return parts[1] if parts[0] == "passend" and len(parts) > 1 else "core"


# Mounted but not the project's: the Django admin (platform staff only, own tests).
SKIPPED_PREFIXES = ("django-admin/",)


def routes(urlconf=None) -> list[Route]:
    found = []
    for route, name, pattern in _walk(get_resolver(urlconf).url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        cls = view_class(pattern.callback)
        found.append(
            Route(
                name=name or f"<unnamed {route}>",
                route=route,
                methods=_methods(pattern.callback),
                personal_data=bool(getattr(cls, "personal_data", False)),
                is_api=route.startswith("api/"),
                app=_app(cls),
            )
        )
    return found


def expectations() -> dict[str, Expect]:
    """Every module's ``tests/authz.py`` EXPECT, by URL name."""
    found: dict[str, Expect] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("passend."):
            continue
        name = f"{config.name}.tests.authz"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name not in (name, f"{config.name}.tests"):
                raise
            continue
        duplicate = set(found) & set(module.EXPECT)
        assert not duplicate, f"expectations declared twice: {sorted(duplicate)}"
        found.update(module.EXPECT)
    return found


def missing_expectations(all_routes: list[Route], expected: dict[str, Expect]) -> list[str]:
    """Routes without an expectation (by name), and expectations of routes that are gone."""
    names = {r.name for r in all_routes}
    problems = [
        f"{r.name} ({r.route}): no expectation" for r in all_routes if r.name not in expected
    ]
    problems += [
        f"{name}: expectation for a route that does not exist"
        for name in expected
        if name not in names
    ]
    for r in all_routes:
        e = expected.get(r.name)
        if e is None:
            continue
        reads = "get" in r.methods
        writes = any(m in WRITE_METHODS for m in r.methods)
        if reads != (e.read is not None):
            problems.append(f"{r.name}: GET offered={reads}, the expectation says otherwise")
        if writes != (e.write is not None):
            problems.append(f"{r.name}: writing offered={writes}, the expectation says otherwise")
    return problems


def openapi_paths() -> dict[str, set[str]]:
    document = yaml.safe_load((settings.BASE_DIR / "openapi" / "openapi.yaml").read_text())
    return {
        path: {m for m in ops if m in (*READ_METHODS, *WRITE_METHODS)}
        for path, ops in document["paths"].items()
    }


def api_path(route: Route) -> str:
    """URL pattern -> OpenAPI path: api/v1/cases/<int:caseId> -> /cases/{caseId}."""
    path = route.fill({k: "{" + k + "}" for k in route.kwargs}).removeprefix("/api/v1")
    return "/" + path.lstrip("/")


# Routes of the API that are about the API itself, not in its document.
UNDOCUMENTED_API = {"api:schema-json", "api:schema-yaml", "api:docs"}


def openapi_mismatches(all_routes: list[Route]) -> list[str]:
    documented = openapi_paths()
    problems = []
    routed = {}
    for r in all_routes:
        if not r.is_api or r.name in UNDOCUMENTED_API:
            continue
        path = api_path(r)
        routed[path] = r
        if path not in documented:
            problems.append(f"{r.name}: {path} is routed but not in openapi/openapi.yaml")
        elif documented[path] != set(r.methods):
            problems.append(
                f"{r.name}: {sorted(r.methods)} routed, {sorted(documented[path])} documented"
            )
    problems += [f"{path}: documented but not routed" for path in documented if path not in routed]
    return problems


# Role sets the expectations use (from the role table of the spec, accounts/roles.py).
R = Role
VIEW_TEAM = may(Cap.VIEW_TEAM)
CASE_TEAM = may(Cap.VIEW_CASE_DATA)  # the team's case workers (need-to-know)
WORKERS = may(Cap.WORK_ON_CASES)
DIRECTORS = may(Cap.DIRECT_PROCESS)
CHAIRS = may(Cap.APPROVE_ADVICE)
PLANNERS = may(Cap.PLAN_MEETINGS)
MINUTE_TAKERS = may(Cap.WRITE_MINUTES)
SCREENERS = may(Cap.SCREEN_CASES)
REGISTRANTS = may(Cap.REGISTER_CASES)
OWN_CASES = may(Cap.VIEW_OWN_CASES)
MEMBER_VIEWERS = may(Cap.VIEW_MEMBERS)
LOG_READERS = may(Cap.VIEW_ACCESS_LOG)
TEAM_MANAGERS = may(Cap.MANAGE_TEAM)
MAP_READERS = may(Cap.VIEW_SOCIAL_MAP)
MAP_MANAGERS = may(Cap.MANAGE_SOCIAL_MAP)
PROVIDERS = may(Cap.UPDATE_OWN_WAITING_TIMES)
# The referrer who registered the world's case (team A's aanmelder).
REFERRER = frozenset({Role.AANMELDER})
