import pytest


@pytest.mark.grades("square")
@pytest.mark.parametrize("size", [3, 5])
def test_square(kata, rng, size):
    kata.check("square", rng.normal(size=size))


@pytest.mark.grades("cube")
def test_cube(kata, rng):
    kata.check("cube", float(rng.normal()))
