"""The trust table of design.md, on a fixture kata with one exercise per way learner code
can go wrong. One run grades them all; each exercise is checked against its golden
results.json, and the promises that a golden file cannot show are checked directly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grader.records.catalogue import load_catalogue
from grader.records.results import OUTPUT_LIMIT, Status
from tests.support.golden import check_golden, exercise_results
from tests.support.grading import grade_kata
from tests.support.katas import FIXTURE_KATAS, GOLDEN, copy_kata

SEED = 7
KATA = FIXTURE_KATAS / "trust"
EXERCISES = [entry.id for entry in load_catalogue(KATA / "catalogue.toml").exercises]


@pytest.fixture(scope="module")
def report(tmp_path_factory, pool):
    root = copy_kata("trust", tmp_path_factory.mktemp("kata"))
    return grade_kata(root, seed=SEED, pool=pool)


def checks_of(report, exercise):
    return {check.function: check for check in report.checks if check.exercise == exercise}


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_outcome_matches_its_golden_results(report, exercise):
    check_golden(exercise_results(report, exercise), GOLDEN / "trust" / f"{exercise}.json")


@pytest.mark.parametrize("exercise, function, status", [
    ("01_passing", "descend", Status.PASSED),
    ("02_wrong", "double", Status.WRONG),
    ("03_not_started", "double", Status.NOT_STARTED),
    ("04_import_crash", "double", Status.ERROR),
    ("05_hangs", "spin", Status.TIMED_OUT),
    ("05_hangs", "nap", Status.TIMED_OUT),
    ("05_hangs", "double", Status.PASSED),
    ("06_exits", "leave", Status.ERROR),
    ("06_exits", "vanish", Status.ERROR),
    ("06_exits", "double", Status.PASSED),
    ("07_floods", "chatty", Status.PASSED),
    ("08_syntax_error", "descend", Status.ERROR),
    ("09_missing", "double", Status.PASSED),
    ("09_missing", "descend", Status.ERROR),
    ("10_nan", "double", Status.WRONG),
    ("11_types", "always_equal", Status.WRONG),
    ("11_types", "float_subclass", Status.WRONG),
    ("12_mutates", "double", Status.WRONG),
    ("13_monkeypatch", "double", Status.WRONG),
    ("13_monkeypatch", "descend", Status.PASSED),
    ("14_fake_results", "double", Status.WRONG),
    ("15_orphan", "spawn", Status.PASSED),
    ("16_missing_file", "double", Status.ERROR),
])
def test_every_function_gets_the_outcome_the_trust_table_promises(report, exercise,
                                                                   function, status):
    assert checks_of(report, exercise)[function].status is status


def test_every_catalogue_function_is_reported_once(report):
    catalogue = load_catalogue(KATA / "catalogue.toml")
    expected = [(e.id, f.name) for e in catalogue.exercises for f in e.functions]
    assert [(c.exercise, c.function) for c in report.checks] == expected
    assert report.max_score == 100 and not report.passed


def test_load_failures_name_the_file_and_line(report):
    runs = {run.exercise: run for run in report.exercises}
    assert "exercises/08_syntax_error.py, line 4" in runs["08_syntax_error"].load_error
    assert "line 3" in runs["04_import_crash"].load_error
    assert runs["16_missing_file"].source is None


def test_flooded_output_is_capped_with_a_marker(report):
    output = checks_of(report, "07_floods")["chatty"].output
    assert len(output.encode("utf-8")) <= OUTPUT_LIMIT
    assert "more bytes of output not shown" in output
    assert "written below sys.stdout" not in output  # fd 1 of a worker goes nowhere


def test_tracebacks_show_only_the_learners_lines(report):
    message = checks_of(report, "04_import_crash")["double"].message
    assert "04_import_crash.py, line 3" in message and "SCALE = 2 / 0" in message
    assert "grader" not in message.replace("grader hint", "")


def test_processes_a_learner_leaves_behind_are_killed(report):
    del report  # the run is over and its pool's learner workers are closed
    assert not [pid for pid in os.listdir("/proc") if pid.isdigit() and _is_left_behind(pid)]


def _is_left_behind(pid: str) -> bool:
    try:
        return b"417.25" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_the_same_seed_gives_the_same_report(report, tmp_path, pool):
    root = copy_kata("trust", tmp_path)
    again = grade_kata(root, exercises=["02", "12"], seed=SEED, pool=pool)
    first = {(c.exercise, c.function): c.message for c in report.checks}
    assert all(first[(c.exercise, c.function)] == c.message for c in again.checks)



def test_a_kata_folder_cannot_change_how_it_is_graded(tmp_path, pool):
    """A conftest.py or pytest.ini beside the tests (or a submission's) is never read."""
    root = copy_kata("trust", tmp_path)
    hostile = "raise RuntimeError('this file must never be imported')\n"
    for folder in (root, root / "hidden_tests"):
        (folder / "conftest.py").write_text(hostile)
        (folder / "pytest.ini").write_text("[pytest]\naddopts = --no-such-option\n")
    again = grade_kata(root, exercises=["1", "2"], seed=SEED, pool=pool)
    assert [check.status for check in again.checks] == [
        Status.PASSED, Status.PASSED, Status.WRONG, Status.WRONG]
