"""Faults that are not the learner's are errors, never wrong answers; check_raises matches
the expected exception anywhere in the raised exception's class hierarchy."""

from __future__ import annotations

import pytest

from grader.records.results import Status
from tests.support.golden import check_golden, exercise_results
from tests.support.grading import grade_kata
from tests.support.katas import GOLDEN, copy_kata


@pytest.fixture(scope="module")
def report(tmp_path_factory, pool):
    return grade_kata(copy_kata("faults", tmp_path_factory.mktemp("kata")), seed=2, pool=pool)


def test_results_match_the_golden_results(report):
    check_golden(exercise_results(report, "01_faults"), GOLDEN / "faults" / "01_faults.json")


@pytest.mark.parametrize("function, status, words", [
    ("untested", Status.ERROR, "no hidden test grades untested"),
    ("asserted", Status.WRONG, "asserted(1.0) returned 4, expected 3"),
    ("buggy_test", Status.ERROR, "KeyError"),
    ("bad_reference", Status.ERROR, "reference failed"),
    ("must_raise", Status.WRONG, "should raise ValueError here, but it returned 0.0"),
    ("raises_right", Status.PASSED, ""),
    ("unknown_callable", Status.ERROR, "no trusted callable named 'no_such'"),
])
def test_each_fault_is_reported_as_what_it_is(report, function, status, words):
    check = next(check for check in report.checks if check.function == function)
    assert check.status is status and words in check.message
