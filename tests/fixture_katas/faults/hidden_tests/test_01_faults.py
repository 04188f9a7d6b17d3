import pytest

from grader.kata import fn


@pytest.mark.grades("asserted")
def test_asserted(kata):
    got = kata.call_learner("asserted", 1.0)
    assert got == 3, f"asserted(1.0) returned {got}, expected 3"


@pytest.mark.grades("buggy_test")
def test_buggy_test(kata):
    {}["missing key"]


@pytest.mark.grades("bad_reference")
def test_bad_reference(kata):
    kata.check("bad_reference", 1.0)


@pytest.mark.grades("must_raise")
def test_must_raise(kata):
    kata.check_raises("must_raise", "ValueError", 0.0)


@pytest.mark.grades("raises_right")
def test_raises_right(kata):
    kata.check_raises("raises_right", "ValueError", 0.0)


@pytest.mark.grades("unknown_callable")
def test_unknown_callable(kata):
    kata.check("unknown_callable", fn("no_such"), 1.0)
