import pytest


@pytest.mark.grades("total")
def test_total(kata, rng):
    kata.check("total", [float(v) for v in rng.uniform(1, 2, size=4)])


@pytest.mark.grades("safe_sqrt")
def test_safe_sqrt(kata, rng):
    kata.check("safe_sqrt", float(rng.uniform(1, 9)))
    kata.check_raises("safe_sqrt", "ValueError", -1.0)
