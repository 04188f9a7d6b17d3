"""Learner files attacking the worker side's limits, graded beside a correct
file and a classmate's submission: a stalled reply, forged verdicts, a memory hog, a look
around the machine, a slow load with hanging functions. Each gets its honest verdict, the
correct file still passes, and nothing is left behind."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from tests.support.katas import FIXTURE_KATAS

from grader.grading.plugin import outcome_of
from tests.support.grading import grade_kata
from grader.records.results import Status
from grader.workers import sandbox
from grader.workers.pool import WorkerPool

KATA = FIXTURE_KATAS / "escape"
LEFTOVER = "escape-kata-leftover"


@pytest.fixture
def open_folder():
    """A folder every user may enter, outside /tmp: only the sandbox's view of the disk, not
    permissions or the private /tmp, can keep a classmate's files in it from a worker."""
    folder = Path(tempfile.mkdtemp(prefix="escape-kata-", dir="/var/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def lay_out(folder: Path) -> tuple[Path, Path]:
    """The kata, and a submissions folder: alice hands in the attacks, bob a correct file."""
    kata = folder / "kata"
    shutil.copytree(KATA, kata)
    alice = folder / "submissions" / "alice"
    shutil.copytree(KATA / "exercises", alice / "exercises")
    (folder / "submissions" / "bob" / "exercises").mkdir(parents=True)
    shutil.copy(KATA / "solutions" / "01_good.py", folder / "submissions" / "bob" / "exercises")
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return kata, alice


@pytest.fixture(scope="module")
def bait(tmp_path_factory):
    """What the peeking file looks for: a listening port, a file in the machine's /tmp, a
    secret in the grading process's environment."""
    listener = socket.create_server(("127.0.0.1", 0))
    marker = Path("/tmp") / f"escape-kata-marker-{os.getpid()}"
    marker.write_text("the machine's /tmp\n")
    values = {"ESCAPE_KATA_PORT": str(listener.getsockname()[1]),
              "ESCAPE_KATA_MARKER": str(marker), "ESCAPE_KATA_SECRET": secrets.token_hex(8)}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        yield values
    listener.close()
    marker.unlink()


def grade(folder: Path, switch: str, exercises=(), **settings) -> tuple[dict, set]:
    kata, alice = lay_out(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(sandbox.SWITCH, switch)
        with WorkerPool(load_time_limit=10.0, **settings) as pool:
            report = grade_kata(kata, sources_root=alice, seed=3, pool=pool,
                              exercises=exercises)
            states = set(pool.sandbox_states)
    return {check.function: check for check in report.checks}, states


@pytest.fixture(scope="module")
def graded(bait):
    folder = Path(tempfile.mkdtemp(prefix="escape-kata-", dir="/var/tmp"))
    folder.chmod(0o755)
    try:
        checks, states = grade(folder, "on", timeouts_allowed=2)
        yield checks, states, folder
    finally:
        shutil.rmtree(folder)


def test_the_correct_file_passes_beside_the_attacks(graded, require_confinement):
    require_confinement(graded[1])
    assert graded[0]["double"].status is Status.PASSED


def test_a_reply_announced_and_stalled_is_a_timeout_of_the_call(graded):
    check = graded[0]["stall"]
    assert check.status is Status.TIMED_OUT
    assert "did not return within 2 s" in check.message


def test_forged_verdicts_are_not_believed(graded):
    fault, timeout = graded[0]["forged_fault"], graded[0]["forged_timeout"]
    assert fault.status is Status.ERROR and timeout.status is Status.ERROR
    assert "award" not in fault.message and "not a reply" in fault.message
    assert "not a reply" in timeout.message


def test_a_memory_hog_gets_the_memory_verdict(graded):
    check = graded[0]["hog"]
    assert check.status is Status.ERROR
    assert "used more memory than the 4 GiB limit" in check.message


def test_the_peeking_file_finds_nothing(graded, require_confinement):
    require_confinement(graded[1])
    check = graded[0]["breaches"]
    assert check.status is Status.PASSED, check.output


def test_nothing_is_left_in_tmp_or_shared_memory_or_running(graded):
    assert not Path("/tmp", LEFTOVER).exists()
    assert not Path("/dev/shm", LEFTOVER).exists()
    assert not _processes_in(graded[2])


def test_a_file_that_timed_out_too_often_is_not_started_again(graded):
    checks = graded[0]
    assert [checks[name].status for name in ("hang1", "hang2", "hang3", "fine")] == [
        Status.TIMED_OUT] * 4


def test_without_a_timeout_count_the_correct_function_is_reached(open_folder, bait):
    checks, _ = grade(open_folder, "on", exercises=["06_slow_hang"], timeouts_allowed=None)
    assert checks["hang3"].status is Status.TIMED_OUT
    assert checks["fine"].status is Status.PASSED


def test_a_file_that_loads_slowly_is_not_loaded_again_after_a_timeout(open_folder, bait):
    checks, _ = grade(open_folder, "on", exercises=["06_slow_hang"], timeouts_allowed=None,
                      reload_limit_s=1.0)
    assert checks["hang1"].status is Status.TIMED_OUT
    assert checks["fine"].status is Status.TIMED_OUT


def test_a_spent_submission_budget_times_out_the_rest(open_folder, bait):
    checks, _ = grade(open_folder, "on", exercises=["06_slow_hang"], timeouts_allowed=None,
                      budget_s=3.0)
    assert checks["fine"].status is Status.TIMED_OUT


def test_without_the_sandbox_the_peeking_file_finds_what_it_looks_for(open_folder, bait):
    """The control: unconfined, the same file reaches the network, /tmp and classmates."""
    try:
        checks, _ = grade(open_folder, "off", exercises=["05_peek"])
    finally:
        for folder in ("/tmp", "/dev/shm"):
            Path(folder, LEFTOVER).unlink(missing_ok=True)
    check = checks["breaches"]
    assert check.status is Status.WRONG
    for found in ("network", "the machine's /tmp", "classmates"):
        assert found in check.output


class _Raised:
    def __init__(self, error: BaseException) -> None:
        self.value = error


def test_the_outer_timeout_message_names_its_seconds():
    status, message = outcome_of(_Raised(pytest.fail.Exception(
        "Timeout (>140.0s) from pytest-timeout.")))
    assert status is Status.TIMED_OUT
    assert "within 140 s" in message and "pytest-timeout" not in message


def _processes_in(folder: Path) -> list[int]:
    """Live processes whose working folder is inside `folder` (workers chdir there)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.readlink(entry / "cwd").startswith(str(folder)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found
