"""`grader watch` driven through a pseudo-terminal, as a learner's terminal drives it: the
first report on screen, a save answered by a new report in its place, keys without Enter,
`q` and Ctrl-C ending it."""

from __future__ import annotations

import fcntl
import os
import signal
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from grader.learner_loop.screen import CLEAR
from tests.support.katas import REPOSITORY, copy_course

EXERCISE = "02_gradient_descent"
WAIT = 120.0  # seconds before a test gives up on a screen (never a speed assertion)


class Terminal:
    """`grader watch` on the slave side of a pseudo-terminal that is its controlling
    terminal; the test reads the screen and types on the master side."""

    def __init__(self, kata: Path, argv: list[str]) -> None:
        self.master, slave = os.openpty()
        env = dict(os.environ, PYTHONPATH=str(REPOSITORY), COLUMNS="100", LINES="40")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", *argv], cwd=kata, env=env,
            stdin=slave, stdout=slave, stderr=slave, preexec_fn=_own_terminal)
        os.close(slave)
        self.written = ""

    def screen(self) -> str:
        """What is on screen now: everything since the last clear."""
        return self.written.rpartition(CLEAR)[2]

    def wait_for(self, text: str) -> str:
        """The screen once it shows `text` and is whole (its last line, the keys, is out)."""
        deadline = time.monotonic() + WAIT
        while text not in self.screen() or "q quit" not in self.screen():
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"never shown: {text!r}\n--- screen:\n{self.screen()}")
        return self.screen()

    def _read(self, timeout: float) -> bool:
        if timeout <= 0:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        try:
            data = os.read(self.master, 65536) if ready else b""
        except OSError:  # the command exited and closed the terminal
            data = b""
        self.written += data.decode("utf-8", errors="replace")
        return bool(data)

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def exit_code(self) -> int:
        deadline = time.monotonic() + WAIT
        while self._read(deadline - time.monotonic()):
            pass  # drain what it printed last
        code = self.process.wait(timeout=WAIT)
        os.close(self.master)
        return code


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is the pty, so Ctrl-C
    typed there reaches it (and only it) as SIGINT."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    # as a terminal starts a command: Ctrl-C not ignored, even when these tests run in a
    # background job (which starts with SIGINT ignored, and Python keeps that)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def course(tmp_path) -> Path:
    return copy_course(tmp_path)


@pytest.fixture
def terminal(course):
    term = Terminal(course, ["watch", "02", "--seed", "7"])
    yield term
    if term.process.poll() is None:
        term.process.kill()
        term.process.wait()


def keys_line(exercise: str) -> str:
    return f"Watching exercises/{exercise}.py"


def test_a_save_replaces_the_report_and_keys_act_without_enter(course, terminal):
    first = terminal.wait_for(keys_line(EXERCISE))
    assert "not started  gradient_descent" in first and "0/20 points" in first
    terminal.press(b"h")
    hinted = terminal.wait_for("Hint 1 of")
    assert "function gradient_descent" in hinted and "not started  gradient_descent" in hinted
    terminal.press(b"n")
    assert "n moves on once 02_gradient_descent passes" in terminal.wait_for("n moves on")

    exercise = course / "exercises" / f"{EXERCISE}.py"
    solution = (course / "solutions" / f"{EXERCISE}.py").read_text()
    exercise.write_text(solution.replace("x - learning_rate", "x + learning_rate"))
    wrong = terminal.wait_for("wrong")
    assert "20/20 points" not in wrong and "Hint 1 of" not in wrong

    exercise.write_text(solution)
    passed = terminal.wait_for("20/20 points")
    assert "passed       descent_path" in passed
    assert "Press n for the next exercise, 03_partial_derivatives" in passed
    assert "not started" not in passed and "wrong" not in passed  # the old report is gone

    terminal.press(b"q")
    assert terminal.exit_code() == 0
    assert "Traceback" not in terminal.written
    listed = subprocess.run([sys.executable, "-m", "grader", "list"], cwd=course, text=True,
                            capture_output=True, env=dict(os.environ, PYTHONPATH=str(REPOSITORY)))
    row = next(line for line in listed.stdout.splitlines() if EXERCISE in line)
    assert "passed" in row and "20/20" in row


def test_n_moves_on_to_the_next_exercise_once_passed(course):
    source = course / "exercises" / f"{EXERCISE}.py"
    source.write_text((course / "solutions" / f"{EXERCISE}.py").read_text())
    terminal = Terminal(course, ["watch", "--seed", "7"])  # 01 is not passed: it starts there
    assert "01_derivatives" in terminal.wait_for(keys_line("01_derivatives"))
    terminal.press(b"n")
    assert "n moves on once 01_derivatives passes" in terminal.wait_for("n moves on")
    terminal.process.kill()
    terminal.exit_code()
    terminal = Terminal(course, ["watch", "02", "--seed", "7"])
    terminal.wait_for("Press n for the next exercise")
    terminal.press(b"n")
    assert "0/20 points" in terminal.wait_for(keys_line("03_partial_derivatives"))
    terminal.press(b"q")
    assert terminal.exit_code() == 0


def test_ctrl_c_ends_watch_with_130_and_no_traceback(course, terminal):
    terminal.wait_for(keys_line(EXERCISE))
    before = (course / ".grader" / "progress.json").read_bytes()
    terminal.press(b"\x03")  # Ctrl-C: the terminal sends SIGINT to the command
    assert terminal.exit_code() == 130
    assert "Traceback" not in terminal.written
    assert terminal.written.rstrip().endswith("grader: interrupted")
    assert (course / ".grader" / "progress.json").read_bytes() == before


def test_ctrl_c_while_a_saved_function_hangs(course, terminal):
    terminal.wait_for(keys_line(EXERCISE))
    before = (course / ".grader" / "progress.json").read_bytes()
    exercise = course / "exercises" / f"{EXERCISE}.py"
    exercise.write_text(exercise.read_text() + HANGING)
    terminal.wait_for(f"Grading {EXERCISE}...")
    time.sleep(1.0)  # into the hanging call
    terminal.press(b"\x03")
    assert terminal.exit_code() == 130
    assert "Traceback" not in terminal.written and "fault in the grader" not in terminal.written
    assert (course / ".grader" / "progress.json").read_bytes() == before


HANGING = '''

def gradient_descent(x0, learning_rate, dfn, epochs):
    while True:
        pass
'''


def test_moving_on_to_a_torch_exercise_grades_it_with_torch(course):
    source = course / "exercises" / "03_partial_derivatives.py"
    source.write_text((course / "solutions" / "03_partial_derivatives.py").read_text())
    terminal = Terminal(course, ["watch", "03", "--seed", "7", "--device", "cpu"])
    terminal.wait_for("Press n for the next exercise, 04_autograd")
    terminal.press(b"n")  # the session opened without torch is replaced by one with it
    screen = terminal.wait_for(keys_line("04_autograd"))
    assert "not started  minimize_with_optimizer" in screen and "0/20 points" in screen
    (course / "exercises" / "04_autograd.py").write_text(
        (course / "solutions" / "04_autograd.py").read_text())
    assert "passed       minimize_with_optimizer" in terminal.wait_for("20/20 points")
    terminal.press(b"q")
    assert terminal.exit_code() == 0
