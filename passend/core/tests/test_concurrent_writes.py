"""Several writers at once (issue 11): 8 users register and update cases at the same moment,
spread over two gunicorn processes on one database, while the beheerder changes the team's
settings. No request fails ("database is locked", 5xx) and every write is in the database
afterwards, whole.

Runs on the vendor under test: SQLite (WAL, BEGIN IMMEDIATE, busy timeout) and PostgreSQL.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.utils import timezone

from .served import SERVED_GROUP

pytestmark = pytest.mark.xdist_group(SERVED_GROUP)

WRITERS = 8
CASES_PER_WRITER = 5  # 8 x 5 x 4 = 160 writes (the issue saw 4 of ~150 fail)


def registration(served, writer: int, number: int) -> dict:
    today = timezone.localdate()
    return {
        "team": served.world["team"],
        "firstName": f"Jeugdige{number}",
        "lastName": f"Schrijver{writer}",
        "birthDate": today.replace(year=today.year - 13).isoformat(),
        "gemeente": served.world["gemeente"],
        "referrerType": "01",
        "question": f"Vraag {writer}.{number}",
        "reasons": ["wachtlijst"],
        "lifeDomains": ["onderwijs-werk"],
        "sectors": ["onderwijs"],
        "livingSituation": "thuis",
        "youthInformed": True,
        "parentsInformed": True,
        "parents": [{"firstName": "Ouder", "lastName": f"Schrijver{writer}", "relation": "moeder"}],
    }


def write_cases(served, writer: int, start: threading.Barrier) -> tuple[list, list]:
    """Register, change, take into screening and record consent, each step on the other
    process than the one before. Returns (case ids, unexpected answers)."""
    session = requests.Session()
    session.headers["Authorization"] = f"Token {served.token(f'screener.{writer}')}"
    today = timezone.localdate().isoformat()
    ids, unexpected = [], []

    def send(method, process, path, body, expected):
        response = session.request(method, served.url(process, path), json=body, timeout=60)
        if response.status_code != expected:
            unexpected.append((writer, method, path, response.status_code, response.text[:300]))
        return response

    start.wait()
    for number in range(CASES_PER_WRITER):
        process = writer + number
        created = send("POST", process, "/api/v1/cases", registration(served, writer, number), 201)
        if created.status_code != 201:
            continue
        case = created.json()
        ids.append(case["id"])
        url = f"/api/v1/cases/{case['id']}"
        send("PATCH", process + 1, url, {"question": f"Vraag {writer}.{number} bijgewerkt"}, 200)
        send("POST", process, f"{url}/transitions", {"toState": "in_screening"}, 201)
        consent = {"parent": case["parents"][0]["id"], "method": "digitaal", "givenOn": today}
        send("POST", process + 1, f"{url}/consents", consent, 201)
    return ids, unexpected


SETTINGS_CHANGES = 10


def change_team_settings(served, start: threading.Barrier) -> tuple[list, list]:
    """The beheerder changes a team setting meanwhile (a write on the row every case and
    access-log entry refers to). Returns ([last value], unexpected answers)."""
    session = requests.Session()
    session.headers["Authorization"] = f"Token {served.token('beheerder.1')}"
    path = f"/api/v1/teams/{served.world['team']}"
    unexpected = []
    start.wait()
    for n in range(SETTINGS_CHANGES):
        body = {"waitingTimeStaleWeeks": n + 2}
        response = session.patch(served.url(n, path), json=body, timeout=60)
        if response.status_code != 200:
            unexpected.append(("beheerder", "PATCH", path, response.status_code, response.text))
    return [SETTINGS_CHANGES + 1], unexpected


STORED = """
import json
from passend.cases.models import Casus
from passend.regions.models import Team
from django.core.management import call_command
call_command("verify_access_log")
print(json.dumps([Team.objects.get().waiting_time_stale_weeks] + [
    {
        "id": c.pk, "reference": c.reference, "writer": c.aanmelder.username,
        "first_name": c.first_name, "last_name": c.last_name, "question": c.question,
        "state": c.state, "parents": c.ouders.count(), "consents": c.consents.count(),
        "transitions": sorted(t.to_state for t in c.transitions.all()),
        "reasons": sorted(r.code for r in c.reasons.all()),
    }
    for c in Casus.objects.order_by("pk")
]))
"""


def test_eight_writers_on_two_processes_lose_nothing(served):
    for writer in range(WRITERS):  # log in first: the writers then start at one moment
        served.token(f"screener.{writer + 1}")
    served.token("beheerder.1")
    start = threading.Barrier(WRITERS + 1)
    with ThreadPoolExecutor(WRITERS + 1) as pool:
        beheer = pool.submit(change_team_settings, served, start)
        futures = [pool.submit(write_cases, served, w + 1, start) for w in range(WRITERS)]
        results = [future.result() for future in futures]
        last_setting, beheer_unexpected = beheer.result()

    unexpected = [answer for _, answers in results for answer in answers] + beheer_unexpected
    assert unexpected == [], f"{unexpected}\n{served.log_tail()}"
    assert "database is locked" not in served.log_tail(100_000)

    setting, *stored = json.loads(served.python(STORED).strip().splitlines()[-1])
    assert [setting] == last_setting
    by_id = {case["id"]: case for case in stored}
    for writer, (ids, _) in enumerate(results, start=1):
        assert len(ids) == CASES_PER_WRITER
        cases = [by_id[case_id] for case_id in ids]
        assert [case["writer"] for case in cases] == [f"screener.{writer}"] * CASES_PER_WRITER
        assert [(c["first_name"], c["last_name"], c["question"]) for c in cases] == [
            (f"Jeugdige{n}", f"Schrijver{writer}", f"Vraag {writer}.{n} bijgewerkt")
            for n in range(CASES_PER_WRITER)
        ]
        for case in cases:
            assert case["state"] == "in_screening"
            assert case["transitions"] == ["aangemeld", "in_screening"]
            assert (case["parents"], case["consents"], case["reasons"]) == (1, 1, ["wachtlijst"])
    assert len(stored) == WRITERS * CASES_PER_WRITER
    references = [case["reference"] for case in stored]
    assert len(set(references)) == len(references)
