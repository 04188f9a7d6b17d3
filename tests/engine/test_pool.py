"""Worker handles: calls, errors as data, time limits, restarts and the reference cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from grader.workers import wire
from grader.workers.pool import LoadSpec

SOURCE = '''
import os, time

class Oops(KeyError):
    pass

def add(a, b):
    return a + b

def fails(x):
    raise Oops("no such thing")

def sleeps(x):
    time.sleep(60)

def dies(x):
    os._exit(4)

def crashes(x):
    import ctypes
    ctypes.string_at(0)  # reads address 0: SIGSEGV

def huge(n):
    return b"x" * n

def wait_for(path, seconds):
    """True once `path` exists, False after `seconds`: another worker must create it."""
    deadline = time.monotonic() + seconds
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True

def create(path):
    open(path, "w").close()
    return True

_PROCESS = os.urandom(8).hex()  # names this worker process: a learner's has pid 1 in its
                                # own PID namespace, so the pid cannot tell workers apart


def pid():
    return _PROCESS
'''


def request(function, *args):
    return {"op": "call", "function": function, "args": [wire.encode(a) for a in args],
            "kwargs": {"$dict": {}}, "seed": 1, "device": "cpu"}


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "exercises" / "01_pool.py"
    path.parent.mkdir()
    path.write_text(SOURCE)
    return LoadSpec(path, "exercises/01_pool.py", "01_pool")


def test_a_call_returns_plain_data(pool, spec):
    reply = pool.call("learner", spec, request("add", np.arange(3.0), 1.0), 5.0)
    assert reply.ok and np.array_equal(reply.result, np.arange(3.0) + 1)


def test_errors_come_back_as_data_with_the_class_hierarchy(pool, spec):
    error = pool.call("learner", spec, request("fails", 1), 5.0).error
    assert error["type"] == "Oops" and error["mro"][:3] == ["Oops", "KeyError", "LookupError"]
    assert "exercises/01_pool.py, line 11, in fails" in error["traceback"]


def test_a_call_over_its_limit_is_stopped_and_the_worker_replaced(pool, spec):
    first = pool.call("learner", spec, request("pid"), 5.0).result
    assert pool.call("learner", spec, request("sleeps", 1), 0.3).error["kind"] == "timeout"
    second = pool.call("learner", spec, request("pid"), 5.0).result
    assert first != second


def test_a_worker_that_dies_is_replaced(pool, spec):
    assert pool.call("learner", spec, request("dies", 1), 5.0).error["message"] == "exit code 4"
    assert pool.call("learner", spec, request("add", 1, 2), 5.0).result == 3


@pytest.mark.parametrize("role", ["learner", "reference"])
def test_a_worker_killed_by_a_signal_is_reported_by_its_name(pool, spec, role):
    # The worker is no child of the grading process: its server reports how it ended.
    error = pool.call(role, spec, request("crashes", 1), 5.0).error
    assert (error["kind"], error["message"]) == ("died", "killed by signal SIGSEGV")
    assert pool.call(role, spec, request("add", 1, 2), 5.0).result == 3


def test_a_result_that_is_not_data_is_rejected_in_the_worker(pool, spec):
    reply = pool.call("learner", spec, request("huge", 10), 5.0)
    assert reply.ok and "bytes" in reply.result.type_name


def test_reference_replies_are_cached_by_request(pool, spec):
    first = pool.call("reference", spec, request("pid"), 5.0).result
    pool.worker("reference", spec).kill()
    assert pool.call("reference", spec, request("pid"), 5.0).result == first
    assert pool.worker("learner", spec).call(request("pid"), 5.0).result != first


def test_a_begun_call_runs_while_another_worker_is_called(pool, spec, tmp_path):
    # `check` sends the learner's call, then computes the reference meanwhile. The first
    # worker waits for a file that only the second creates: it finds it only if the two ran
    # at once (called one after the other, it would give up after 30 s).
    other = LoadSpec(spec.path, "solutions/01_pool.py", "01_pool_reference")
    flag = str(tmp_path / "created")
    waiting = pool.worker("reference", spec).begin_call(request("wait_for", flag, 30.0), 60.0)
    assert pool.call("reference", other, request("create", flag), 10.0).result is True
    assert waiting.reply().result is True


def test_a_begun_learner_call_is_charged_only_its_own_time(tmp_path, spec):
    # The learner's reply is read before the reference's, so a slow reference computed
    # meanwhile costs the submission's budget nothing.
    from grader.workers.pool import WorkerPool

    with WorkerPool(load_time_limit=3.0, budget_s=100.0) as budgeted:
        learner = budgeted.worker("learner", spec)
        learner.load()
        spent_loading = budgeted._budgets["learner"].spent
        pending = learner.begin_call(request("add", 1, 2), 10.0)
        other = LoadSpec(spec.path, "solutions/01_pool.py", "01_pool_reference")
        slow = budgeted.begin_call("reference", other, request("wait_for", "/nonexistent", 3.0),
                                   10.0)
        assert pending.reply().result == 3
        assert slow.reply().result is False  # it waited its 3 s
        budget = budgeted._budgets["learner"]
        assert budget.spent - spent_loading < 1.5
        # the control: a learner reply read only after that wait is charged for it
        before = budget.spent
        late = learner.begin_call(request("add", 1, 2), 10.0)
        budgeted.call("reference", other, request("wait_for", "/nonexistent", 2.0), 10.0)
        assert late.reply().result == 3 and budget.spent - before >= 2.0


ABANDON = """
import os, sys, time
from pathlib import Path
from grader.workers.pool import LoadSpec, WorkerPool

path = Path(sys.argv[1])
worker = WorkerPool().worker("learner", LoadSpec(path, "spin.py", "spin"))
worker.load()
call = {"op": "call", "function": "spin", "args": [], "kwargs": {"$dict": {}}, "seed": 0,
        "device": "cpu"}
worker.begin_call(call, 60.0)  # sent; its reply is never read
print(worker._process.pid, flush=True)
time.sleep(0.3)
os._exit(1)  # the grading process dies without closing its pool
"""


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_do_not_outlive_a_grading_process_that_died(tmp_path):
    source = tmp_path / "exercises" / "spin.py"
    source.parent.mkdir()
    source.write_text("def spin():\n    while True:\n        pass\n")
    root = Path(__file__).resolve().parents[2]
    printed = tmp_path / "pid.txt"
    with printed.open("w") as out:  # a file, not a pipe: a leftover server would hold a pipe
        subprocess.run([sys.executable, "-c", ABANDON, str(source)], cwd=root, stdout=out,
                       timeout=60)
    pid = int(printed.read_text().split()[0])
    deadline = time.monotonic() + 10
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        assert not running(pid)
    finally:
        if running(pid):  # leave no spinning process behind when this test fails
            os.kill(pid, signal.SIGKILL)
