import pytest


@pytest.mark.grades("spawn")
def test_spawn(kata, rng):
    kata.check("spawn", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("double")
def test_double(kata, rng):
    kata.check("double", float(rng.uniform(-2.0, 2.0)))
