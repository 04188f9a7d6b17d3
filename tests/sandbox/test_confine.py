"""sandbox.confine on its own, in a forked child: what it hides, from root and from a user
without privileges, and that the grading process's view of the disk is unchanged."""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import tempfile
import time
from pathlib import Path

import pytest

from grader.workers import pidns, sandbox


@pytest.fixture
def secret_folder():
    """A world-readable folder: only the mount namespace can keep it from a worker. Not in
    /tmp, which a confined worker sees as its own empty folder."""
    folder = Path(tempfile.mkdtemp(prefix="grader-sandbox-test-", dir="/var/tmp"))
    folder.chmod(0o755)
    (folder / "solution.py").write_text("SECRET = 1\n")
    (folder / "solution.py").chmod(0o644)
    yield folder
    (folder / "solution.py").unlink()
    folder.rmdir()


def in_child(action) -> dict:
    """Run `action` in a forked child; its dict comes back as JSON through a pipe."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            answer = action()
        except BaseException as error:
            answer = {"error": repr(error)}
        os.write(write, json.dumps(answer).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def look(folder: Path) -> dict:
    try:
        listing = os.listdir(folder)
    except OSError as error:
        listing = [type(error).__name__]
    try:  # a folder anyone may write to, outside the worker's private /tmp
        Path(tempfile.mkdtemp(prefix="grader-sandbox-wrote-", dir="/var/tmp")).rmdir()
        wrote = True
    except OSError:
        wrote = False
    unmounted = ctypes.CDLL(None, use_errno=True).umount2(os.fsencode(folder), 2) == 0
    return {"listing": listing, "unmounted": unmounted, "wrote": wrote}


def confined_look(folder: Path, uid: int | None, user: int | None = None) -> dict:
    def action():
        if user is not None:  # become a user without privileges (modules are loaded)
            os.setgroups([])
            os.setresgid(user, user, user)
            os.setresuid(user, user, user)
        state = sandbox.confine([str(folder)], uid)
        return {"state": state, **look(folder)}
    return in_child(action)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root")
def test_root_hides_the_folder_and_the_learner_cannot_unmount_it(secret_folder,
                                                                  require_confinement):
    answer = confined_look(secret_folder, sandbox.UID_BASE + sandbox.UID_COUNT - 1)
    require_confinement({answer.get("state", str(answer))})
    # in its view the folder is not there at all
    assert answer == {"state": "mount-ns+net-ns+ipc-ns+pid-ns+uid-drop",
                      "listing": ["FileNotFoundError"], "unmounted": False, "wrote": False}
    assert os.listdir(secret_folder) == ["solution.py"]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user first")
def test_a_user_without_privileges_gets_a_locked_mask(secret_folder, require_confinement):
    answer = confined_look(secret_folder, None, user=65534)
    require_confinement({answer.get("state", str(answer))})
    assert answer == {"state": "mount-ns+net-ns+ipc-ns+pid-ns",
                      "listing": ["FileNotFoundError"], "unmounted": False, "wrote": False}
    assert os.listdir(secret_folder) == ["solution.py"]


def test_turned_off_it_hides_nothing(secret_folder):
    answer = in_child(lambda: {"state": sandbox.confine([str(secret_folder)], None, off=True),
                               "listing": os.listdir(secret_folder)})
    assert answer == {"state": "none: turned off (GRADER_SANDBOX=off)",
                      "listing": ["solution.py"]}


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root")
def test_limits_death_signal_and_no_new_privileges_hold_after_the_change_of_user(
        secret_folder, require_confinement):
    uid = sandbox.UID_BASE + sandbox.UID_COUNT - 2

    def action():
        state = sandbox.confine([str(secret_folder)], uid)
        status = Path("/proc/self/status").read_text()
        death_signal = ctypes.c_int(0)
        ctypes.CDLL(None).prctl(2, ctypes.byref(death_signal), 0, 0, 0)  # PR_GET_PDEATHSIG
        return {"state": state, "uid": os.getuid(), "groups": os.getgroups(),
                "no_new_privs": "NoNewPrivs:\t1" in status, "death_signal": death_signal.value,
                "limits": [resource.getrlimit(kind)[0] for kind in
                           (resource.RLIMIT_CORE, resource.RLIMIT_FSIZE, resource.RLIMIT_NPROC)]}
    answer = in_child(action)
    require_confinement({answer.get("state", str(answer))})
    assert answer == {"state": "mount-ns+net-ns+ipc-ns+pid-ns+uid-drop", "uid": uid, "groups": [],
                      "no_new_privs": True,
                      "death_signal": signal.SIGKILL,
                      "limits": [0, sandbox.FILE_SIZE_LIMIT, sandbox.PROCESS_LIMIT]}


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root (to become a user, too)")
@pytest.mark.parametrize("as_user", [False, True], ids=["root", "ordinary-user"])
def test_what_a_worker_forks_runs_at_the_lowest_priority_and_the_worker_does_not(as_user):
    """Its guard lowers each descendant to nice 19 (a fork bomb of busy children weighs
    less than one process of the submission beside it); the worker keeps its own."""
    def action():
        if as_user:  # modules are loaded: become a user without privileges
            os.setgroups([])
            os.setresgid(65534, 65534, 65534)
            os.setresuid(65534, 65534, 65534)
        state = sandbox.confine([], None if as_user else sandbox.UID_BASE + 3)
        children = []
        for _ in range(3):
            child = os.fork()
            if child == 0:
                time.sleep(2)
                os._exit(0)
            children.append(child)
        time.sleep(4 * pidns.POLL_SECONDS)
        niceness = [os.getpriority(os.PRIO_PROCESS, child) for child in children]
        return {"state": state, "children": niceness, "worker": os.getpriority(
            os.PRIO_PROCESS, 0)}
    answer = in_child(action)
    assert answer["children"] == [pidns.LOWEST_PRIORITY] * 3, answer
    assert answer["worker"] == 0, answer
