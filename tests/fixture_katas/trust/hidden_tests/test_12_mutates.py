import pytest

from grader.kata import fn


@pytest.mark.grades("double")
def test_double_of_a_float(kata, rng):
    kata.check("double", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("double")
def test_double_of_an_array(kata, rng):
    kata.check("double", rng.normal(size=5))


@pytest.mark.grades("descend")
def test_descend_on_a_quartic(kata, rng):
    kata.check("descend", rng.uniform(-1.0, 1.0, size=3), 0.05, fn("quartic_prime", scale=1.5), 8)
