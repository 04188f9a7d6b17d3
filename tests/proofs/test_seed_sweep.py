"""Over many seeds, no correct style ever fails and no mistake ever passes a function it
breaks (nor fails one it does not): the hidden tests' inputs are not lucky draws.

Every style file is graded at every seed, in groups of one file per exercise, by two
grading processes that keep their sessions (and reference results) for the whole run.
"""

import pytest

from tests.support.styles import all_styles

SEEDS = range(1, 21)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_every_style_grades_as_declared(graded_at, seed):
    reports = graded_at(seed)
    found = [problem for style in all_styles() for problem in style.problems(reports[style.name])]
    assert found == []
