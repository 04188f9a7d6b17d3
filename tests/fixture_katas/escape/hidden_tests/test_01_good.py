import pytest


@pytest.mark.grades("double")
def test_double(kata, rng):
    kata.check("double", float(rng.uniform(-2.0, 2.0)))
