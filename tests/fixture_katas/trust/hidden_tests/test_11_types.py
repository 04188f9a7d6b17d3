import pytest


@pytest.mark.grades("as_text")
def test_as_text(kata, rng):
    kata.check("as_text", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("float_subclass")
def test_float_subclass(kata, rng):
    kata.check("float_subclass", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("always_equal")
def test_always_equal(kata, rng):
    kata.check("always_equal", float(rng.uniform(-2.0, 2.0)))


@pytest.mark.grades("array_subclass")
def test_array_subclass(kata, rng):
    kata.check("array_subclass", float(rng.uniform(-2.0, 2.0)))
