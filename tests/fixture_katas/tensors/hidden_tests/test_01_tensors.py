import pytest

from grader.kata import fn


@pytest.mark.grades("scale")
def test_scale(kata, rng):
    kata.check("scale", kata.tensor(rng.normal(size=(4, 3)), "float32"), 1.5)


@pytest.mark.grades("descend")
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_descend(kata, rng, dtype):
    x0 = kata.tensor(rng.uniform(-1.0, 1.0, size=3), dtype)
    kata.check("descend", fn("quartic", scale=2.0), x0, 0.05, 10)


@pytest.mark.grades("keeps_grad")
def test_keeps_grad(kata, rng):
    kata.check("keeps_grad", kata.tensor(rng.normal(size=3), "float64"))


@pytest.mark.grades("touches_input")
def test_touches_input(kata, rng):
    kata.check("touches_input", kata.tensor(rng.normal(size=3), "float64"))


@pytest.mark.grades("total")
def test_total(kata, rng):
    kata.check("total", rng.normal(size=6))
