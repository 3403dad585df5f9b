"""Walk every URL pattern: each view says whether it shows personal data, and each one that
does leaves an access-log entry per request."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome

pytestmark = pytest.mark.django_db

# Third-party views that are mounted but show no personal data, with the reason.
THIRD_PARTY_NO_PERSONAL_DATA = {
    "set_language": "django.views.i18n: switches the interface language",
}
SKIPPED_PREFIXES = {
    "django-admin/": "technical admin, covered by test_admin_user_view_is_logged",
}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def view_class(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


def all_patterns():
    return [
        (route, p)
        for route, p in walk(get_resolver().url_patterns)
        if not any(route.startswith(s) for s in SKIPPED_PREFIXES)
    ]


def test_every_view_declares_whether_it_shows_personal_data():
    undeclared = [
        route
        for route, pattern in all_patterns()
        if not hasattr(view_class(pattern.callback), "personal_data")
        and pattern.callback.__name__ not in THIRD_PARTY_NO_PERSONAL_DATA
    ]
    assert undeclared == []


def module_walks():
    """Each module may add a ``tests/walk.py`` with ``walk_values(tenancy, casus)`` returning
    (placeholder -> value, expected URLs), and ``other_team_urls(tenancy, casus)`` for the
    tenancy matrix (casus of team B)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("passend."):
            continue
        name = f"{config.name}.tests.walk"
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name not in (name, f"{config.name}.tests"):
                raise


def fill(route: str, tenancy, casus, extra: dict | None = None) -> str:
    team, member = tenancy.a.team, tenancy.a.users[Role.TEAMLID]
    attachment = casus.bijlagen.get()
    values = {
        **(extra or {}),
        "(?P<attachmentId>[0-9]+)": str(attachment.pk),
        "<int:attachment>": str(attachment.pk),
        "casussen/<int:pk>": f"casussen/{casus.pk}",
        "aanmelden/<int:pk>": f"aanmelden/{casus.pk}",
        "cases/<int:pk>": f"cases/{casus.pk}",
        "(?P<pk>[^/.]+)/": f"{casus.pk}/",
        "cases/(?P<pk>[^/.]+)": f"cases/{casus.pk}",
        "<slug:team>": team.slug,
        "<int:teamId>": str(team.pk),
        "<int:userId>": str(member.pk),
        "<int:user_id>": str(member.pk),
        "<int:pk>": str(team.pk),
        "<slug:step>": "jeugdige",
        "(?P<pk>[^/.]+)": str(team.pk),
    }
    url = "/" + re.sub(r"(^|/)\^", r"\1", route).replace("$", "")
    for placeholder, value in values.items():
        url = url.replace(placeholder, value)
    assert "<" not in url and "(?P" not in url, f"add a value for {route} to fill()"
    return url


def gettable(callback) -> bool:
    """POST-only views (forms that change a case) are covered by their own tests."""
    methods = getattr(view_class(callback), "http_method_names", ["get"])
    actions = getattr(callback, "actions", None)
    return "get" in (actions or methods)


def test_every_personal_data_route_logs_each_request(tenancy, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from passend.cases import attachments
    from passend.cases.tests.factories import CasusFactory
    from passend.cases.tests.files import pdf
    from passend.core.tests.factories import MembershipFactory

    casus = CasusFactory(team=tenancy.a.team)
    attachments.add(
        casus, file=SimpleUploadedFile("verslag.pdf", pdf()), actor=tenancy.a.users[Role.TEAMLID]
    )
    walker = tenancy.a.users[Role.VOORZITTER]
    MembershipFactory(user=walker, team=tenancy.a.team, role=Role.SCREENER)  # may also register
    client = as_user(walker)
    extra_values, extra_expected = {}, set()
    # Routes that need a query string: URL ending -> query.
    queries = {"/inzage/": "?soort=medewerker&kenmerk=1"}
    for module in module_walks():
        queries |= getattr(module, "WALK_QUERIES", {})
        if hasattr(module, "walk_values"):
            values, urls = module.walk_values(tenancy, casus)
            extra_values.update(values)
            extra_expected |= urls
    checked = []
    for route, pattern in all_patterns():
        cls = view_class(pattern.callback)
        if not getattr(cls, "personal_data", False) or not gettable(pattern.callback):
            continue
        url = fill(route, tenancy, casus, extra_values)
        query = next((q for part, q in queries.items() if url.endswith(part)), "")
        query = query.format(team=tenancy.a.team.pk)
        for _attempt in range(2):
            before = AccessLogEntry.objects.count()
            response = client.get(url + query)
            assert response.status_code == 200, (url, response.status_code)
            new = list(
                AccessLogEntry.objects.order_by("-id")[: AccessLogEntry.objects.count() - before]
            )
            assert new, f"no access-log entry for {url}"
            assert all(e.outcome == Outcome.ALLOWED and e.user_id for e in new)
            assert any(url.split("?")[0] in e.access_point for e in new)
            assert all(e.roles == "screener,voorzitter" for e in new), "roles at the time"
        checked.append(url)
    slug, pk = tenancy.a.team.slug, casus.pk
    expected = {
        f"/teams/{slug}/leden/",
        f"/teams/{slug}/toegangslog/",
        f"/teams/{slug}/casussen/",
        f"/teams/{slug}/casussen/{pk}/",
        f"/teams/{slug}/casussen/{pk}/toestemmingsformulier.pdf",
        "/api/v1/cases",
        f"/api/v1/cases/{pk}",
        f"/api/v1/cases/{pk}/consents",
        f"/api/v1/cases/{pk}/access-log",
        f"/api/v1/cases/{pk}/consent-form",
        "/api/v1/access-logs",
        f"/teams/{slug}/aanmelden/{pk}/jeugdige/",
        f"/teams/{slug}/casussen/{pk}/bijlagen/{casus.bijlagen.get().pk}/",
        f"/api/v1/cases/{pk}/attachments",
        f"/api/v1/cases/{pk}/attachments/{casus.bijlagen.get().pk}",
        f"/teams/{slug}/casussen/{pk}/perspectief/",
        f"/teams/{slug}/casussen/{pk}/casusregie/",
        f"/teams/{slug}/casussen/{pk}/afsluiten/",
        f"/api/v1/cases/{pk}/perspective",
        f"/api/v1/cases/{pk}/case-direction",
        *extra_expected,
    }
    assert expected <= set(checked), expected - set(checked)


def test_list_logs_one_entry_per_person_shown(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    client.get(f"/teams/{tenancy.a.team.slug}/leden/")
    shown = set(
        AccessLogEntry.objects.filter(
            subject_type="medewerker", purpose="teamleden bekijken"
        ).values_list("subject_id", flat=True)
    )
    assert shown == {str(u.pk) for u in tenancy.a.users.values()}


def test_admin_user_view_is_logged(tenancy, client):
    from passend.conftest import login
    from passend.core.tests.factories import UserFactory

    admin = UserFactory(username="superbeheer", is_staff=True, is_superuser=True)
    login(client, admin)
    target = tenancy.a.users[Role.TEAMLID]
    assert client.get(f"/django-admin/accounts/user/{target.pk}/change/").status_code == 200
    assert AccessLogEntry.objects.filter(
        user=admin, subject_type="medewerker", subject_id=str(target.pk)
    ).exists()
