"""The shared database cache (passend/core/cache.py): `incr` keeps the key's expiry, refuses a
missing or expired key like every Django cache, and counts every increment exactly once when
many threads in several processes increment one key at the same moment (rate limits count
with it, so a lost increment is a request let through)."""

import datetime as dt
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine

from passend.core.cache import AtomicDatabaseCache

from .served import SERVED_GROUP

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(SERVED_GROUP)]
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def cache():
    return AtomicDatabaseCache("passend_cache", {})


def test_incr_adds_and_keeps_the_expiry(cache):
    with time_machine.travel(START, tick=False) as clock:
        cache.set("teller", 1, timeout=60)
        clock.shift(30)
        assert cache.incr("teller") == 2
        assert cache.incr("teller", 5) == 7
        assert cache.decr("teller") == 6
        clock.shift(28)  # 58 s after set: still there
        assert cache.get("teller") == 6
        clock.shift(3)  # 61 s: the increments did not extend it
        assert cache.get("teller") is None


def test_incr_of_a_missing_key_is_a_value_error(cache):
    with pytest.raises(ValueError):
        cache.incr("nooit-gezet")
    assert cache.get("nooit-gezet") is None


def test_incr_of_an_expired_key_is_a_value_error_and_does_not_revive_it(cache):
    with time_machine.travel(START, tick=False) as clock:
        cache.set("teller", 4, timeout=10)
        clock.shift(11)
        with pytest.raises(ValueError):
            cache.incr("teller")
        assert cache.get("teller") is None
        assert cache.add("teller", 1, timeout=10)  # a fresh window starts at 1


PROCESSES, THREADS, INCREMENTS = 2, 8, 50
COUNTING = f"""
import json, sys, threading, time
from django.core.cache import caches
from django.db import connection
from passend.core.cache import AtomicDatabaseCache
cache = caches["default"]
assert isinstance(cache, AtomicDatabaseCache), type(cache)
start, errors = threading.Barrier({THREADS}), []
def work():
    start.wait()
    try:
        for _ in range({INCREMENTS}):
            cache.incr("gedeelde-teller")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()
time.sleep(max(0, float(sys.argv[1]) - time.time()))
threads = [threading.Thread(target=work) for _ in range({THREADS})]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps(errors))
"""


READ = "from django.core.cache import cache\nprint(cache.get('gedeelde-teller'))"


def test_incr_counts_every_increment_across_threads_and_processes(served):
    served.python("from django.core.cache import cache\ncache.set('gedeelde-teller', 0, 600)")
    begin = time.time() + 5  # both processes start counting at this moment
    with ThreadPoolExecutor(PROCESSES) as pool:
        outputs = list(pool.map(lambda _: served.python(COUNTING, str(begin)), range(PROCESSES)))
    assert [json.loads(out.strip().splitlines()[-1]) for out in outputs] == [[]] * PROCESSES
    total = served.python(READ)
    assert int(total) == PROCESSES * THREADS * INCREMENTS
