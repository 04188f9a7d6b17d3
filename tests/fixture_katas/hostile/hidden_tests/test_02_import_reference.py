import pytest


@pytest.mark.grades("secret")
def test_secret(kata, rng):
    kata.check("secret", float(rng.uniform(-2.0, 2.0)))
