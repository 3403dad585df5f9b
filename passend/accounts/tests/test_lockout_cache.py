"""The login lockout counts in the shared cache (django-axes' cache handler), so every app
server behind the load balancer sees the same count; axes writes no database rows with
usernames and addresses."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.cache import cache

from passend.accounts.roles import Role
from passend.accounts.tests.test_login import password_login

pytestmark = pytest.mark.django_db


def test_the_lockout_lives_in_the_shared_cache(tenancy, client):
    cache.clear()
    user = tenancy.a.users[Role.TEAMLID]
    for _ in range(5):
        password_login(client, user, password="fout")
    assert password_login(client, user).status_code == 429
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
    assert not AccessLog.objects.exists()
    cache.clear()  # the count is in the cache and nowhere else: clearing it lifts the lock
    assert password_login(client, user).status_code == 302


def test_rate_limits_and_api_throttles_count_in_the_same_shared_cache(settings):
    from django.core.cache import caches
    from rest_framework.throttling import ScopedRateThrottle

    from passend.cases.api.public import PublicRegistrationThrottle

    assert settings.RATELIMIT_USE_CACHE == "default" and settings.AXES_CACHE == "default"
    for throttle in (ScopedRateThrottle, PublicRegistrationThrottle):
        throttle.cache.set("passend:test:shared", 1)
        assert caches["default"].get("passend:test:shared") == 1
        caches["default"].delete("passend:test:shared")
