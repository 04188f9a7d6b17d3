"""A Ctrl-C that arrives while pytest runs the hidden tests stops grading: run_kata raises
KeyboardInterrupt instead of turning the unfinished tests into check results."""

from __future__ import annotations

import pytest

from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.records.results import Status
from tests.support.kata_maker import SOLUTIONS, make_kata, write

RAISING_TEST = """\
import pytest


@pytest.mark.grades("square")
def test_square(kata, rng):
    kata.check("square", 2.0)
    raise {error}("arrived during the test")
"""


def kata_whose_test_raises(tmp_path, error: str):
    root = make_kata(tmp_path / "kata")
    write(root / "hidden_tests" / "test_01_square.py", RAISING_TEST.format(error=error))
    write(root / "exercises" / "01_square.py", SOLUTIONS["01_square"])  # the check passes
    return root


def test_an_interruption_inside_pytest_propagates(tmp_path):
    root = kata_whose_test_raises(tmp_path, "KeyboardInterrupt")
    with GradingSession.open(root, exercises=["01"], seed=1) as session:
        with pytest.raises(KeyboardInterrupt):
            run_kata(session)
        assert not [key for key in session.pool._workers if key[0] == "learner"]


def test_any_other_error_of_a_test_is_a_check_result(tmp_path):
    root = kata_whose_test_raises(tmp_path, "RuntimeError")
    with GradingSession.open(root, exercises=["01"], seed=1) as session:
        report = run_kata(session)
    square = next(check for check in report.checks if check.function == "square")
    assert square.status is Status.ERROR and "RuntimeError" in square.message
