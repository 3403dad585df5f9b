"""Every view says whether it shows personal data (the authorization matrix then demands an
access-log entry for each personal-data request), a list logs each person it shows, and the
technical admin logs what it shows."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry

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
