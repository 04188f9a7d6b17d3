"""Results are frozen values with totals; capped output says what it cut."""

import dataclasses

import pytest

from grader.records.results import (
    RESULTS_VERSION,
    ExerciseRun,
    Report,
    Status,
    cap_output,
)
from tests.support.report_samples import check


def test_status_values_are_the_contract_words():
    assert [status.value for status in Status] == [
        "passed", "wrong", "error", "timed out", "not started"]
    assert Status("timed out") is Status.TIMED_OUT
    assert RESULTS_VERSION == 1


def test_totals(report):
    assert (report.score, report.max_score) == (40, 100)
    totals = report.by_exercise()
    assert list(totals) == ["01_slopes", "02_steps"]
    assert [(t.score, t.max_score, len(t.checks)) for t in totals.values()] == [
        (20, 50, 2), (20, 50, 3)]
    assert not any(t.passed for t in totals.values())
    counts = report.counts()
    assert counts[Status.PASSED] == 2 and counts[Status.TIMED_OUT] == 1
    assert sum(counts.values()) == len(report.checks)


def test_passed_needs_every_check_and_every_load(report):
    passing = tuple(dataclasses.replace(c, status=Status.PASSED) for c in report.checks)
    assert not report.passed
    assert dataclasses.replace(report, checks=passing).passed
    failed_load = (ExerciseRun("01_slopes", None, "missing file"),)
    assert not dataclasses.replace(report, checks=passing, exercises=failed_load).passed


def test_exercises_seen_only_in_checks_are_grouped_too():
    checks = (check("03_x", "f", "passed", 1, 1), check("01_y", "g", "wrong", 0, 2))
    report = Report(1, ("cpu",), checks, (ExerciseRun("01_y", "exercises/01_y.py"),), 0.0)
    assert list(report.by_exercise()) == ["01_y", "03_x"]
    assert report.run_of("01_y").source == "exercises/01_y.py"
    assert report.run_of("03_x") is None


def test_results_are_frozen(report):
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.checks[0].score = 30
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.seed = 1


def test_cap_output_on_ascii_at_the_limit():
    assert cap_output("a" * 10_000) == "a" * 10_000
    capped = cap_output("a" * 10_001)
    assert len(capped.encode()) <= 10_000 and "more bytes of output not shown" in capped
