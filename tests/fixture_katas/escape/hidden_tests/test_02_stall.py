import pytest


@pytest.mark.grades("stall")
def test_stall(kata, rng):
    kata.check("stall", float(rng.uniform(-2.0, 2.0)))
