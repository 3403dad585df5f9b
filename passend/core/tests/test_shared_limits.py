"""Limits hold across processes (issue 11): the self-registration limits (5 per hour per
address, web form and API) and the login lockout count in the one shared cache/database, so
two app servers together allow what one allows — not twice as much, as a cache per process did.

Each test connects from its own loopback address, so each starts with a fresh allowance.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from .served import SERVED_GROUP

pytestmark = pytest.mark.xdist_group(SERVED_GROUP)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIMIT = 5  # per hour per address (cases/views/public.py, cases/api/public.py)


def form_posts(served, address: str):
    """A client of the self-registration form: post(process) sends an empty form there
    (refused by validation, 200, but counted by the rate limit; nothing is stored)."""
    session = served.session(address)
    path = f"/aanmelden/{served.world['team_slug']}/"
    page = session.get(served.url(0, path), timeout=30)
    assert page.status_code == 200
    token = CSRF.search(page.text).group(1)

    def post(process: int) -> int:
        url = served.url(process, path)
        data = {"csrfmiddlewaretoken": token}
        return session.post(url, data=data, headers={"Referer": url}, timeout=60).status_code

    return post


def test_form_limit_holds_when_requests_alternate_between_processes(served):
    post = form_posts(served, "127.0.0.11")
    answers = [post(process % 2) for process in range(LIMIT + 2)]
    assert answers == [200] * LIMIT + [429, 429]
    # Per address: another client still gets the form.
    assert form_posts(served, "127.0.0.12")(1) == 200


def test_form_limit_holds_for_a_burst_on_both_processes(served):
    post = form_posts(served, "127.0.0.13")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, [n % 2 for n in range(2 * LIMIT)]))
    assert sorted(answers) == [200] * LIMIT + [429] * LIMIT


def test_api_throttle_holds_when_requests_alternate_between_processes(served):
    session = served.session("127.0.0.14")
    url = "/api/v1/public/registrations"
    answers = [
        session.post(served.url(n % 2, url), json={}, timeout=60).status_code
        for n in range(LIMIT + 2)
    ]
    assert answers == [400] * LIMIT + [429, 429]


def token_request(served, session, process: int, username: str, *, correct: bool) -> int:
    body = {"username": username, "password": served.world["password"] if correct else "fout"}
    if correct:
        body["otp"] = served.otp(username)
    url = served.url(process, "/api/v1/auth/token")
    return session.post(url, json=body, timeout=60).status_code


def test_login_lockout_counts_failures_on_both_processes(served):
    session = served.session("127.0.0.15")
    limit = settings.AXES_FAILURE_LIMIT  # PASSEND_LOGIN_FAILURE_LIMIT, 5 by default
    failures = [
        token_request(served, session, n % 2, "aanmelder.slot", correct=False) for n in range(limit)
    ]
    assert failures == [401] * (limit - 1) + [429]  # the failure that reaches the limit locks
    for process in (0, 1):
        assert token_request(served, session, process, "aanmelder.slot", correct=True) == 429


def test_one_failure_below_the_lockout_the_right_password_still_works(served):
    session = served.session("127.0.0.16")
    below = settings.AXES_FAILURE_LIMIT - 1
    failures = [
        token_request(served, session, n % 2, "aanmelder.open", correct=False) for n in range(below)
    ]
    assert failures == [401] * below
    assert token_request(served, session, 0, "aanmelder.open", correct=True) == 201
