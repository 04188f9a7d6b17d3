"""The reference solutions earn every point and the untouched stubs earn none."""

import pytest

from grader.records.pristine import pristine_stub
from grader.records.results import Status
from tests.support.styles import CATALOGUE, EXERCISES, KATA_ROOT


def _files(folder: str) -> dict:
    return {exercise: KATA_ROOT / folder / f"{exercise}.py" for exercise in EXERCISES}


def _not_passed(report) -> list[str]:
    return [f"{c.exercise}.{c.function}[{c.device}] {c.status.value}: {c.message[:600]}"
            for c in report.checks if c.status is not Status.PASSED]


@pytest.mark.parametrize("seed", [3, 2026])
def test_solutions_copied_over_the_stubs_earn_every_point(grade_files, seed):
    report = grade_files(_files("solutions"), seed=seed)
    assert _not_passed(report) == []
    assert report.score == report.max_score == CATALOGUE.max_points


def test_every_catalogue_function_is_graded(grade_files):
    report = grade_files(_files("solutions"), seed=11)
    graded = {(c.exercise, c.function) for c in report.checks}
    listed = {(e.id, f.name) for e in CATALOGUE.exercises for f in e.functions}
    assert graded == listed


def test_untouched_stubs_score_0_with_every_function_not_started(grade_files, tmp_path):
    # The shipped stubs, not the learner's working files.
    (tmp_path / "stubs").mkdir()
    stubs = {exercise: tmp_path / "stubs" / f"{exercise}.py" for exercise in EXERCISES}
    for exercise, path in stubs.items():
        path.write_text(pristine_stub(KATA_ROOT, exercise), encoding="utf-8")
    report = grade_files(stubs, seed=5)
    assert {c.status for c in report.checks} == {Status.NOT_STARTED}
    assert report.score == 0
    assert report.max_score == CATALOGUE.max_points
