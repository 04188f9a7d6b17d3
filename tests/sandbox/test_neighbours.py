"""A submission graded beside others cannot take from them: no classmate's files to copy,
no CPU or memory beyond its share, no process and no SysV IPC object that outlives it.
Graded by `grader grade` as an instructor runs it, against the small kata."""

from __future__ import annotations

import csv
import ctypes
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from grader.workers.sandbox import UID_BASE, UID_COUNT
from grader.workers.uid_lease import ipc_objects_of
from tests.support.kata_maker import REPOSITORY, SOLUTIONS, make_kata

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="sandbox uids need root")

COPYCAT = '''\
import os

def _classmate(name):
    """Walk the whole disk for someone else's file of this exercise that works."""
    own = os.path.realpath(__file__) if "__file__" in globals() else ""
    here = os.getcwd()
    roots = [os.path.dirname(os.path.dirname(here)), os.path.dirname(here), "/tmp",
             "/var/tmp", "/home", "/root", "/work", "/srv", "/opt"]
    for folder, subfolders, files in (step for root in roots for step in os.walk(root)):
        subfolders[:] = [s for s in subfolders if s not in ("site-packages", ".git", "proc")]
        if name in files and os.path.realpath(os.path.join(folder, name)) != own:
            try:
                text = open(os.path.join(folder, name)).read()
            except OSError:
                continue
            if "NotImplementedError" not in text and "_classmate" not in text:
                return text
    return ""

exec(_classmate("01_square.py") or "def square(x):\\n    return 0\\ndef cube(x):\\n    return 0\\n")
'''

HOG = '''\
import ctypes, os, time

def _hog():
    """48 busy processes, each in a session of its own, then busy itself for a while."""
    for _ in range(48):
        if os.fork() == 0:
            os.setsid()
            ctypes.CDLL(None).prctl(15, b"@MARKER@", 0, 0, 0)  # PR_SET_NAME: found later
            while True:
                pass
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        pass

def square(x):
    _hog()
    return x * x

def cube(x):
    _hog()
    return x * x * x
'''

IPC_KEY = 0x5EED_0042
IPC = f'''\
import ctypes
_libc = ctypes.CDLL(None, use_errno=True)

def _leave():
    """Shared memory and a message queue anyone may read, left for whoever comes next."""
    for size in (1 << 20, 1 << 20, 1 << 20):
        _libc.shmget(0, size, 0o1000 | 0o666)          # IPC_PRIVATE, IPC_CREAT
    queue = _libc.msgget({IPC_KEY}, 0o1000 | 0o666)
    message = ctypes.create_string_buffer(b"\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00answer", 14)
    _libc.msgsnd(queue, message, 6, 0o4000)              # IPC_NOWAIT

def _read_left():
    queue = _libc.msgget({IPC_KEY}, 0)
    if queue < 0:
        return False
    buffer = ctypes.create_string_buffer(64)
    return _libc.msgrcv(queue, buffer, 56, 0, 0o4000) > 0

def square(x):
    _leave()
    return x * x

def cube(x):
    # full marks only for a submission that found what an earlier one left
    return x * x * x if _read_left() else 0
'''


def grade(kata: Path, folders: list[Path], out: Path, jobs: int = 2) -> dict[str, dict]:
    command = [sys.executable, "-m", "grader", "grade", *map(str, folders), "--out", str(out),
               "--jobs", str(jobs), "--seed", "3", "--device", "cpu", "--budget", "60"]
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    done = subprocess.run(command, cwd=kata, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode in (0, 1), done.stderr
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["submission"]: row for row in csv.DictReader(handle)}


def processes_named(name: str) -> list[int]:
    """Live processes (not zombies) that gave themselves this name."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path("/proc", entry, "status").read_text()
        except OSError:
            continue
        if f"Name:\t{name}\n" in status and "State:\tZ" not in status:
            found.append(int(entry))
    return found


@pytest.fixture
def confined_kata(small_kata, tmp_path, require_confinement):
    """The small kata, where grade confines learner code (else the test fails, or skips
    with GRADER_CI_NO_NAMESPACES=1)."""
    from grader.classroom.batch import GradeSettings, check_confinement
    from grader.records.errors import SetupError

    try:
        check_confinement(GradeSettings(small_kata, tmp_path / "probe-out", ("cpu",), 0))
    except SetupError as error:
        require_confinement(str(error))
    return small_kata


@as_root
def test_a_copycat_walking_the_disk_finds_no_classmate(confined_kata, submissions, tmp_path):
    alice = submissions.make("alice", base="solved")
    copycat = submissions.make("copycat", {"exercises/01_square.py": COPYCAT})
    rows = grade(confined_kata, [alice, copycat], tmp_path / "out")
    assert rows["alice"]["score"] == rows["alice"]["max_score"]
    assert rows["copycat"]["01_square"] == "0", rows["copycat"]
    assert rows["copycat"]["confinement"].startswith("mount-ns")


def test_the_copycat_is_a_real_attack_without_the_sandbox(small_kata, submissions, tmp_path,
                                                           monkeypatch):
    """The control: unconfined, the same file finds the classmate and copies full marks."""
    monkeypatch.setenv("GRADER_SANDBOX", "off")
    alice = submissions.make("alice", base="solved")
    copycat = submissions.make("copycat", {"exercises/01_square.py": COPYCAT})
    command = [sys.executable, "-m", "grader", "grade", str(alice), str(copycat), "--out",
               str(tmp_path / "out"), "--seed", "3", "--device", "cpu", "--allow-unconfined"]
    subprocess.run(command, cwd=small_kata, env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
                   capture_output=True, timeout=300)
    with open(tmp_path / "out" / "gradebook.csv", newline="", encoding="utf-8") as handle:
        rows = {row["submission"]: row for row in csv.DictReader(handle)}
    assert rows["copycat"]["01_square"] != "0", rows["copycat"]


@as_root
def test_a_correct_submission_keeps_its_grade_beside_a_forking_hog(confined_kata, submissions,
                                                                    tmp_path):
    ada = submissions.make("ada", base="solved")
    marker = f"hog{uuid.uuid4().hex[:8]}"
    hog = submissions.make("hog", {"exercises/01_square.py": HOG.replace("@MARKER@", marker),
                                   "exercises/02_total.py": SOLUTIONS["02_total"]})
    for run in range(3):
        rows = grade(confined_kata, [ada, hog], tmp_path / f"out{run}")
        assert rows["ada"]["score"] == rows["ada"]["max_score"], rows["ada"]
        assert processes_named(marker) == []


@as_root
def test_no_sysv_object_outlives_a_batch_nor_reaches_the_next_submission(
        confined_kata, submissions, tmp_path):
    before = set(_sandbox_ipc())  # another grading on this machine may hold some
    first = submissions.make("first", {"exercises/01_square.py": IPC})
    grade(confined_kata, [first], tmp_path / "out1", jobs=1)
    assert set(_sandbox_ipc()) - before == set()
    second = submissions.make("second", {"exercises/01_square.py": IPC})
    rows = grade(confined_kata, [second], tmp_path / "out2", jobs=1)
    assert rows["second"]["score"] != rows["second"]["max_score"]  # its cube found nothing
    assert set(_sandbox_ipc()) - before == set()


def _sandbox_ipc() -> list[tuple[str, int]]:
    """SysV objects owned or created by any sandbox uid, and any with the test's key."""
    found = []
    for kind in ("shm", "msg", "sem"):
        try:
            lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()
        except OSError:
            continue
        header = lines[0].split() if lines else []
        for line in lines[1:]:
            row = dict(zip(header, line.split()))
            owners = {int(row.get("uid", 0)), int(row.get("cuid", 0))}
            if any(UID_BASE <= owner < UID_BASE + UID_COUNT for owner in owners) or \
                    int(row.get("key", 0)) == IPC_KEY:
                found.append((kind, int(row.get("shmid") or row.get("msqid") or 0)))
    return found


def test_the_ipc_attack_is_real_without_namespaces():
    """The control: the calls the IPC file makes do create objects on this machine."""
    libc = ctypes.CDLL(None, use_errno=True)
    number = libc.shmget(0, 1 << 16, 0o1000 | 0o600)
    assert number >= 0
    try:
        assert any(kind == "shm" and ident == number
                   for kind, ident in ipc_objects_of(os.getuid()))
    finally:
        libc.shmctl(number, 0, None)


CHILDREN_MEMORY = '''\
import os, time

def _children_hold(megabytes, count):
    """`count` children each holding `megabytes` MiB at once; waits for them."""
    pids = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            try:
                held = bytearray(megabytes << 20)  # written through: resident, not mapped
                time.sleep(0.3)
            finally:
                os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)

def square(x):
    _children_hold(150, 5)
    return x * x

def cube(x):
    return x * x * x
'''


@pytest.mark.parametrize("limit_mib, passes, groups", [
    (512, False, True), (512, False, False), (None, True, True)],
    ids=["capped-by-its-control-group", "capped-by-its-guard", "no-cap"])
def test_the_memory_cap_counts_the_children_a_worker_forks(tmp_path, submissions, limit_mib,
                                                           passes, groups, monkeypatch,
                                                           require_confinement):
    """Five children of 150 MiB each: over a 512 MiB cap for the submission, though each
    process stays below it, whether a control group counts them (root where the machine
    gives one) or the worker's guard does (everywhere); the control without a cap passes.
    (Touching that much memory takes seconds on a busy machine: time limits are raised.)"""
    from grader.workers import pool as pool_module
    from grader.workers.pool import WorkerPool
    from grader.workers.resource_group import ResourceGroup
    from tests.support.grading import grade_kata

    probe = ResourceGroup.create(None, 64) if groups else None
    if groups and probe is None:
        pytest.skip("no control groups this process may write")
    if probe is not None:
        probe.remove()
    if not groups:
        monkeypatch.setattr(pool_module.ResourceGroup, "create",
                            classmethod(lambda cls, *args: None))
    kata = make_kata(tmp_path / "kata")
    catalogue = kata / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace("time_limit = 2.0", "time_limit = 30.0"))
    folder = submissions.make("greedy", {"exercises/01_square.py": CHILDREN_MEMORY})
    limit = None if limit_mib is None else limit_mib << 20
    with WorkerPool(memory_limit=limit) as pool:
        report = grade_kata(kata, exercises=["01_square"], seed=1, sources_root=folder,
                            pool=pool)
        require_confinement(set(pool.sandbox_states))
    square = next(check for check in report.checks if check.function == "square")
    cube = next(check for check in report.checks if check.function == "cube")
    assert (square.status.value == "passed") is passes, square.message
    if not passes:
        assert "memory" in square.message and "0.5 GiB" in square.message, square.message
    assert cube.status.value == "passed", cube.message  # the worker was started again


GROUPS_SEEN = '''\
import os

def groups():
    """The control groups of this process and of a child it forks, as /proc shows them."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(writer, open("/proc/self/cgroup").read().encode())
        os._exit(0)
    os.close(writer)
    child = os.read(reader, 65536).decode()
    os.waitpid(pid, 0)
    return [open("/proc/self/cgroup").read(), child]
'''


@as_root
def test_a_learner_worker_and_what_it_forks_run_in_their_submission_s_group(tmp_path):
    """The worker moves itself into its submission's control group before any learner code
    runs (grader.workers.sandbox.join_group); what it forks stays there."""
    from grader.workers.pool import LoadSpec, WorkerPool
    from grader.workers.resource_group import PARENT, ResourceGroup

    probe = ResourceGroup.create(None, 8)
    if probe is None:
        pytest.skip("no control groups this process may write")
    probe.remove()
    folder = tmp_path / "learner" / "exercises"
    folder.mkdir(parents=True)
    (folder / "probe.py").write_text(GROUPS_SEEN)
    os.chmod(tmp_path, 0o755)
    spec = LoadSpec(folder / "probe.py", "exercises/probe.py", "probe")
    request = {"op": "call", "function": "groups", "seed": 1, "device": "cpu", "args": [],
               "kwargs": {"$dict": {}}}
    with WorkerPool() as pool:
        worker = pool.worker("learner", spec)
        reply = worker.call(request, 30.0)
    assert reply.ok, reply.error
    assert worker.load_reply is not None and worker.load_reply.sandbox.startswith("mount-ns")
    own, child = reply.result
    ours = open("/proc/self/cgroup").read()  # the grading process: in no submission's group
    assert f"/{PARENT}/" not in ours
    controllers = [line for line in own.splitlines() if f"/{PARENT}/" in line]
    # the cpu, memory and pids hierarchies (version 1), or the one line of version 2
    assert len(controllers) in (1, 3), own
    assert child == own
