import pytest


@pytest.mark.grades("double")
def test_double(kata, rng):
    kata.check("double", rng.normal(size=4))
