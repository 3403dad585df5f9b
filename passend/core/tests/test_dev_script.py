"""`python3 dev.py run` keeps the web server and the job worker together: SIGTERM or Ctrl-C to
dev.py stops both, and so does the death of either; even a killed dev.py leaves no process."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CHILD = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(120)"
QUITTER = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(1)"


def start(tmp_path, first=CHILD, second=CHILD):
    pids = [tmp_path / "web.pid", tmp_path / "worker.pid"]
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import dev; "
        f"dev.serve([[sys.executable, '-c', {first!r}, {str(pids[0])!r}], "
        f"[sys.executable, '-c', {second!r}, {str(pids[1])!r}]], 'passend.settings.test')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(ROOT)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 20
    while not all(p.exists() and p.read_text() for p in pids):
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.05)
    return process, [int(p.read_text()) for p in pids]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its new parent) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[1].startswith("Z"))


def gone(pids, seconds=10) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_dev_py_stops_web_server_and_worker(tmp_path, signum):
    process, children = start(tmp_path)
    process.send_signal(signum)
    assert process.wait(timeout=30) == 0
    assert gone(children)


def test_when_one_stops_the_other_is_stopped_and_dev_py_fails(tmp_path):
    process, children = start(tmp_path, first=QUITTER)
    assert process.wait(timeout=30) != 0
    assert gone(children)


def test_a_killed_dev_py_leaves_no_process(tmp_path):  # Linux: PR_SET_PDEATHSIG
    process, children = start(tmp_path)
    process.kill()
    process.wait(timeout=10)
    assert gone(children)
