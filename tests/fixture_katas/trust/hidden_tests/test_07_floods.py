import pytest


@pytest.mark.grades("chatty")
def test_chatty(kata, rng):
    kata.check("chatty", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("double")
def test_double(kata, rng):
    kata.check("double", float(rng.uniform(-2.0, 2.0)))
