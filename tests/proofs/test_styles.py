"""Correct learner files in any style earn full marks; each file with a mistake loses the
points of exactly the functions it declares, and keeps every other point."""

import pytest

from grader.grading.diagnosis import ENGINE_IDS
from grader.records import course_diagnoses
from grader.records.paths import KataPaths
from tests.support.styles import CATALOGUE, EXERCISES, STYLES, styles_of

SEED = 2026
# Exercises proven with learner styles (tests/styles/<id>/); docs/authoring.md says how.
STYLED = [exercise for exercise in EXERCISES if (STYLES / exercise).is_dir()]
KNOWN_IDS = set(ENGINE_IDS) | set(course_diagnoses.load(KataPaths(STYLES.parents[1]).diagnoses))


def test_the_kata_has_styled_exercises():
    assert STYLED  # the rules below apply to something


@pytest.mark.parametrize("exercise", STYLED)
def test_each_styled_exercise_has_three_correct_styles_and_eight_mistakes(exercise):
    styles = styles_of(exercise)
    assert sum(style.correct for style in styles) >= 3
    assert sum(not style.correct for style in styles) >= 8


@pytest.mark.parametrize("exercise", [*STYLED, "gpu"])
def test_declarations_name_functions_of_the_exercise(exercise):
    for style in styles_of(exercise):
        names = {f.name for f in CATALOGUE.exercise(style.exercise).functions}
        declared = set().union(*style.breaks.values())
        assert declared <= names, style.name
        assert bool(declared) != style.correct, f"{style.name}: declare BREAKS for mistakes only"


@pytest.mark.parametrize("exercise", [*STYLED, "gpu"])
def test_declared_diagnoses_are_known_ids_of_broken_functions(exercise):
    for style in styles_of(exercise):
        broken = set().union(*style.breaks.values())
        assert set(style.diagnoses) <= broken, style.name
        for ids in style.diagnoses.values():
            assert ids and ids <= KNOWN_IDS, style.name


def test_correct_style_earns_full_marks(graded_at, correct_style):
    report = graded_at(SEED)[correct_style.name]
    assert correct_style.problems(report) == []
    total = report.by_exercise()[correct_style.exercise]
    assert total.score == total.max_score > 0


def test_mistake_loses_exactly_the_declared_functions(graded_at, mistake_style):
    report = graded_at(SEED)[mistake_style.name]
    assert mistake_style.problems(report) == []
    total = report.by_exercise()[mistake_style.exercise]
    assert total.max_score - total.score == mistake_style.points_lost()
