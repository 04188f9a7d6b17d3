"""Ctrl-C stops `grader run` cleanly at any moment: exit 130, one line, no traceback, no
fault blamed on the grader, no progress recorded, no worker left running.

The signal goes to the command's whole process group, as a terminal's Ctrl-C does (the
worker server and any worker that has not yet made its own group receive it too)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.katas import REPOSITORY, copy_course

HANGING_DFN = '''
import time


def dfn(x):
    while True:  # never returns: the grader must still stop on Ctrl-C
        time.sleep(1)
'''


@pytest.fixture
def course(tmp_path) -> Path:
    return copy_course(tmp_path)


def interrupt(kata: Path, argv: list[str], after: float,
              running: list | None = None) -> tuple[int, str]:
    """Start `grader ARGV` in its own process group, Ctrl-C it after `after` seconds;
    `running` receives the run's processes seen just before."""
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY), GRADER_TEST_RUN_MARK=str(kata))
    command = subprocess.Popen([sys.executable, "-m", "grader", *argv], cwd=kata, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True, preexec_fn=_ctrl_c_not_ignored)
    time.sleep(after)
    if running is not None:
        running += processes_marked(kata)
    os.killpg(command.pid, signal.SIGINT)
    output, _ = command.communicate(timeout=60)
    return command.returncode, output


def _ctrl_c_not_ignored() -> None:
    """As a terminal starts a command, even when these tests run in a background job (which
    starts with SIGINT ignored, and Python keeps an ignored SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def progress_of(kata: Path) -> bytes | None:
    state = kata / ".grader" / "progress.json"
    return state.read_bytes() if state.exists() else None


def assert_clean_interruption(kata: Path, code: int, output: str, before: bytes | None):
    assert code == 130, output
    assert "Traceback" not in output
    assert "fault in the grader" not in output
    assert output.strip() == "grader: interrupted"
    assert progress_of(kata) == before


@pytest.mark.parametrize("after", [0.3, 1.0, 1.5, 2.0])  # torch, torch._dynamo, grading
def test_ctrl_c_during_a_torch_exercise(course, after):
    # the reference as the learner's file: every check runs (a stub's stop at once)
    source = course / "exercises" / "04_autograd.py"
    source.write_text((course / "solutions" / "04_autograd.py").read_text())
    before = progress_of(course)
    code, output = interrupt(course, ["run", "04", "--device", "cpu"], after)
    if code != 130 and "Total:" in output:
        pytest.skip(f"the run finished within {after} s: nothing left to interrupt")
    assert_clean_interruption(course, code, output, before)


@pytest.mark.parametrize("after", [0.5, 1.0, 1.3, 1.7, 2.2])
def test_ctrl_c_during_a_whole_kata_run(course, after):
    # Every exercise solved, so the run goes through each stage: NumPy exercises while
    # torch imports, torch ones while the optimizer server imports torch._dynamo, the
    # optimizer's last. No server may print (one that read a fork request cut short did),
    # and none outlives the run.
    for solution in (course / "solutions").glob("*.py"):
        (course / "exercises" / solution.name).write_text(solution.read_text())
    before = progress_of(course)
    code, output = interrupt(course, ["run", "--device", "cpu"], after)
    if code != 130 and "Total:" in output:
        pytest.skip(f"the run finished within {after} s: nothing left to interrupt")
    assert_clean_interruption(course, code, output, before)
    time.sleep(0.5)
    assert not processes_marked(course)


@pytest.mark.parametrize("after", [0.3, 1.5, 3.0])
def test_ctrl_c_while_a_learner_function_hangs(course, after):
    source = course / "exercises" / "01_derivatives.py"
    source.write_text((course / "solutions" / "01_derivatives.py").read_text() + HANGING_DFN)
    # a run recorded earlier must be left exactly as it was
    (course / ".grader").mkdir()
    (course / ".grader" / "progress.json").write_text('{"exercises": {}}')
    before = progress_of(course)
    code, output = interrupt(course, ["run", "01"], after)
    assert_clean_interruption(course, code, output, before)


def test_no_worker_outlives_an_interrupted_run(course):
    source = course / "exercises" / "01_derivatives.py"
    source.write_text((course / "solutions" / "01_derivatives.py").read_text() + HANGING_DFN)
    running: list[int] = []
    code, _ = interrupt(course, ["run", "01"], 1.5, running)
    assert code == 130
    assert len(running) >= 3  # the grader, its worker server, the hanging worker
    time.sleep(0.5)
    assert not processes_marked(course)


def processes_marked(kata: Path) -> list[int]:
    """Processes started by a run on `kata`: they inherited its GRADER_TEST_RUN_MARK (the worker
    server and every worker do)."""
    mark = f"GRADER_TEST_RUN_MARK={kata}".encode()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if mark in environment:
            found.append(int(pid))
    return found
