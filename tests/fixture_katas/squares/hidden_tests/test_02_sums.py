"""Hidden tests for 02_sums."""

import pytest


@pytest.mark.grades("total")
def test_total(kata, rng):
    kata.check("total", rng.normal(size=5))
