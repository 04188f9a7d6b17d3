import pytest


@pytest.mark.grades("leave")
def test_leave(kata, rng):
    kata.check("leave", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("vanish")
def test_vanish(kata, rng):
    kata.check("vanish", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("double")
def test_double(kata, rng):
    kata.check("double", float(rng.uniform(-2.0, 2.0)))
