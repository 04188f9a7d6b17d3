import pytest


@pytest.mark.grades("hang1")
def test_hang1(kata):
    kata.check("hang1", 1.0)


@pytest.mark.grades("hang2")
def test_hang2(kata):
    kata.check("hang2", 1.0)


@pytest.mark.grades("hang3")
def test_hang3(kata):
    kata.check("hang3", 1.0)


@pytest.mark.grades("fine")
def test_fine(kata):
    kata.check("fine", 1.0)
