"""Hidden tests for 01_squares."""

import pytest


@pytest.mark.grades("square")
def test_square(kata, rng):
    kata.check("square", rng.normal(size=4))


@pytest.mark.grades("cube")
def test_cube(kata, rng):
    kata.check("cube", float(rng.uniform(-2.0, 2.0)))
