import pytest


@pytest.mark.grades("spin")
def test_spin(kata, rng):
    kata.check("spin", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("nap")
def test_nap(kata, rng):
    kata.check("nap", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("double")
def test_double(kata, rng):
    kata.check("double", float(rng.uniform(-2.0, 2.0)))
