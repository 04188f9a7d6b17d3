"""Learner code that attacks the grader, graded with the sandbox on and, as a control that
each attack is real, with it off. Where the kernel or the user cannot confine a worker, the
tests fail with the worker's own reason (see conftest.require_confinement)."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.support.grading import grade_kata
from grader.records.results import Status
from grader.workers import sandbox
from grader.workers.pool import WorkerPool
from tests.support.katas import FIXTURE_KATAS

KATA = FIXTURE_KATAS / "hostile"
REPO = Path(__file__).resolve().parents[2]
ORIGINAL = '{"score": 12.5}'
DAEMON = b"418.625"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="a change of user needs root")


@pytest.fixture
def confined(graded_confined, require_confinement):
    """The confined run's checks, output folder and states, once confinement is proven."""
    require_confinement(graded_confined[2])
    return graded_confined


def hostile_kata(folder: Path) -> tuple[Path, Path]:
    """The kata, and a grading output folder holding another submission's results."""
    root = folder / "hostile"
    shutil.copytree(KATA, root)
    output = folder / "out"
    (output / "other").mkdir(parents=True)
    (output / "other" / "results.json").write_text(ORIGINAL)
    learner = root / "exercises" / "04_write_output.py"
    learner.write_text(learner.read_text().replace("{OUTPUT}", str(output)))
    return root, output


def grade(root: Path, output: Path, monkeypatch, switch: str):
    monkeypatch.setenv(sandbox.SWITCH, switch)
    with WorkerPool(load_time_limit=10.0, hidden=(output,)) as pool:
        report = grade_kata(root, seed=3, pool=pool)
        states = set(pool.sandbox_states)
    return {check.exercise: check for check in report.checks}, states


@pytest.fixture(scope="module")
def graded_confined(tmp_path_factory):
    """One run with the sandbox on: the checks by exercise, the output folder, the states."""
    root, output = hostile_kata(tmp_path_factory.mktemp("on"))
    with pytest.MonkeyPatch.context() as patch:
        checks, states = grade(root, output, patch, "on")
    return checks, output, states


def test_reading_the_reference_from_disk_fails(confined):
    check = confined[0]["01_read_solution"]
    assert check.status is Status.ERROR and check.score == 0
    assert "PermissionError" in check.message and "solutions" in check.message


def test_importing_the_reference_by_path_fails(confined):
    check = confined[0]["02_import_reference"]
    assert check.status is Status.ERROR and check.score == 0
    assert "cannot be imported" in check.message


@as_root
def test_the_grading_process_and_trusted_workers_cannot_be_signalled(confined):
    check = confined[0]["03_signal_the_grader"]
    assert check.status is Status.PASSED, check.message


def test_the_grading_output_cannot_be_written(confined):
    output = confined[1]
    assert (output / "other" / "results.json").read_text() == ORIGINAL
    assert not (output / "planted.json").exists()
    assert confined[0]["04_write_output"].status is Status.PASSED


@as_root
def test_a_daemon_that_left_its_process_group_is_gone_after_the_run(confined):
    assert confined[0]["05_daemon"].status is Status.PASSED
    assert not _daemons()


@as_root
def test_workers_report_hidden_folders_and_their_own_user(confined):
    assert confined[2] == {"mount-ns+net-ns+ipc-ns+pid-ns+uid-drop"}


def test_without_the_sandbox_every_attack_succeeds(tmp_path, monkeypatch):
    """The control: the same files, unconfined, reach what the sandbox keeps from them."""
    root, output = hostile_kata(tmp_path)
    try:
        checks, states = grade(root, output, monkeypatch, "off")
        assert states == {f"none: turned off ({sandbox.SWITCH}=off)"}
        assert checks["01_read_solution"].status is Status.PASSED
        assert checks["02_import_reference"].status is Status.PASSED
        assert checks["03_signal_the_grader"].status is Status.WRONG
        assert (output / "other" / "results.json").read_text() != ORIGINAL
        assert _daemons()
    finally:
        for pid in _daemons():
            os.kill(pid, signal.SIGKILL)


def _daemons() -> list[int]:
    """Live processes the daemon exercise left (zombies are dead: only init can reap them)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or DAEMON not in (entry / "cmdline").read_bytes():
                continue
            state = (entry / "status").read_text().split("State:")[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            found.append(int(entry.name))
    return found


def test_the_reference_solutions_get_full_marks_confined(tmp_path, monkeypatch,
                                                         require_confinement):
    """The kata itself, torch exercises included, with its solutions as the learner's files."""
    shutil.copytree(REPO / "solutions", tmp_path / "exercises")
    monkeypatch.setenv(sandbox.SWITCH, "on")
    with WorkerPool() as pool:
        report = grade_kata(REPO, sources_root=tmp_path, seed=5, pool=pool)
        states = set(pool.sandbox_states)
    require_confinement(states)
    assert [c for c in report.checks if c.status is not Status.PASSED] == []
    assert report.score == report.max_score and report.max_score > 0
