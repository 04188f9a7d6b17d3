"""The canary: the reference graded as a learner's files in the learners' confinement, before
anyone is graded. A machine that breaks grading (here: numpy.random out of the workers' view,
as a Python whose files the view lacked once was) grades nobody and says why; a sound one
grades as before, and a learner's run proves each environment once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy
import pytest

from grader.classroom.batch import GradeSettings, check_confinement
from grader.grading import canary
from grader.grading.session import GradingSession
from grader.records.errors import SetupError
from grader.workers.sandbox import EXTRA_HIDDEN
from tests.support.kata_maker import REPOSITORY

NUMPY_RANDOM = str(Path(numpy.__file__).parent / "random")


@pytest.fixture
def broken(monkeypatch):
    monkeypatch.setenv(EXTRA_HIDDEN, NUMPY_RANDOM)


def test_a_batch_on_a_broken_machine_grades_nobody_and_names_the_cause(small_kata, tmp_path,
                                                                      broken):
    with pytest.raises(SetupError) as raised:
        check_confinement(GradeSettings(small_kata, tmp_path / "out", ("cpu",), 0))
    assert "No module named 'numpy.random'" in str(raised.value)
    assert "01_square.square" in str(raised.value)


def test_grade_exits_2_with_no_output_on_a_broken_machine(small_kata, submissions, tmp_path):
    folder = submissions.make("ada", base="solved")
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), EXTRA_HIDDEN: NUMPY_RANDOM}
    done = subprocess.run([sys.executable, "-m", "grader", "grade", str(folder), "--out",
                           str(tmp_path / "out"), "--device", "cpu"], cwd=small_kata, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "numpy.random" in done.stderr and "nothing was graded" in done.stderr
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_on_a_sound_machine_the_reference_gets_full_marks_as_a_learner(small_kata):
    with GradingSession.open(small_kata, devices=("cpu",), seed=3) as session:
        assert canary.canary_fault(session) == ""


def test_a_learner_run_proves_its_environment_once(small_kata, monkeypatch):
    record = small_kata / ".grader" / canary.CANARY_RECORD
    record.unlink(missing_ok=True)
    checked = []
    real = canary.canary_fault
    monkeypatch.setattr(canary, "canary_fault",
                        lambda session, ids: checked.append(list(ids)) or real(session, ids))
    for _ in range(2):
        with GradingSession.open(small_kata, devices=("cpu",), seed=3) as session:
            assert canary.unproven_fault(session) == ""
    assert checked == [["01_square", "02_total"]]  # the second run found them proven
    assert record.exists()


def test_a_changed_environment_is_proven_again_and_a_broken_one_refused(small_kata,
                                                                       monkeypatch):
    with GradingSession.open(small_kata, devices=("cpu",), seed=3) as session:
        assert canary.unproven_fault(session) == ""
    monkeypatch.setenv(EXTRA_HIDDEN, NUMPY_RANDOM)
    with GradingSession.open(small_kata, devices=("cpu",), seed=3) as session:
        assert "numpy.random" in canary.unproven_fault(session)


def test_run_exits_2_on_a_broken_machine(small_kata):
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), EXTRA_HIDDEN: NUMPY_RANDOM}
    done = subprocess.run([sys.executable, "-m", "grader", "run", "01"], cwd=small_kata,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "numpy.random" in done.stderr
