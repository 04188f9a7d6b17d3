import pytest


@pytest.mark.grades("forged_fault")
def test_forged_fault(kata, rng):
    kata.check("forged_fault", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("forged_timeout")
def test_forged_timeout(kata, rng):
    kata.check("forged_timeout", float(rng.uniform(-2.0, 2.0)))
