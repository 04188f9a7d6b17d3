"""Correct learner files in any style earn full marks; each file with a mistake loses the
points of exactly the functions it declares, and keeps every other point."""

import pytest

from kata_styles import CATALOGUE, EXERCISES, styles_of
from grader.grading.diagnosis import DIAGNOSIS_IDS

SEED = 2026


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_exercise_has_three_correct_styles_and_eight_mistakes(exercise):
    styles = styles_of(exercise)
    assert sum(style.correct for style in styles) >= 3
    assert sum(not style.correct for style in styles) >= 8


@pytest.mark.parametrize("exercise", [*EXERCISES, "gpu"])
def test_declarations_name_functions_of_the_exercise(exercise):
    for style in styles_of(exercise):
        names = {f.name for f in CATALOGUE.exercise(style.exercise).functions}
        declared = set().union(*style.breaks.values())
        assert declared <= names, style.name
        assert bool(declared) != style.correct, f"{style.name}: declare BREAKS for mistakes only"


@pytest.mark.parametrize("exercise", [*EXERCISES, "gpu"])
def test_declared_diagnoses_are_known_ids_of_broken_functions(exercise):
    for style in styles_of(exercise):
        broken = set().union(*style.breaks.values())
        assert set(style.diagnoses) <= broken, style.name
        for ids in style.diagnoses.values():
            assert ids and ids <= set(DIAGNOSIS_IDS), style.name


def test_correct_style_earns_full_marks(grade_files, correct_style):
    report = grade_files({correct_style.exercise: correct_style.path}, seed=SEED)
    assert correct_style.problems(report) == []
    assert report.score == report.max_score


def test_mistake_loses_exactly_the_declared_functions(grade_files, mistake_style):
    report = grade_files({mistake_style.exercise: mistake_style.path}, seed=SEED)
    assert mistake_style.problems(report) == []
    assert report.max_score - report.score == mistake_style.points_lost()
