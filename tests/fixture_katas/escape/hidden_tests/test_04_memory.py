import pytest


@pytest.mark.grades("hog")
def test_hog(kata, rng):
    kata.check("hog", float(rng.uniform(-2.0, 2.0)))
