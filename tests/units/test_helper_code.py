"""The helper functions a failing call was given, as code a learner can paste and run."""

from pathlib import Path

import numpy as np

from grader.grading.helper_code import helper_code

KATA = Path(__file__).resolve().parents[2]

CALLABLES = '''
import numpy as np


def _scaled(values, factor):
    return np.asarray(values) * factor


def unused(a=1.0):
    return lambda x: a


def line(a=1.0, b=0.0):
    """a*x + b."""
    return lambda x: _scaled(x, a) + b
'''


def test_the_factory_comes_with_the_helpers_it_uses_and_runs(tmp_path):
    path = tmp_path / "callables.py"
    path.write_text(CALLABLES)
    code = helper_code(path, ["line"])
    assert code.startswith("import numpy as np")
    assert "def _scaled" in code and "def line" in code and "def unused" not in code
    space: dict = {}
    exec(code, space)  # what a learner pastes must run as it is
    assert np.allclose(space["line"](a=2.0, b=1.0)(np.array([1.0, 2.0])), [3.0, 5.0])


def test_nothing_to_show(tmp_path):
    path = tmp_path / "callables.py"
    path.write_text(CALLABLES)
    assert helper_code(path, []) == ""
    assert helper_code(path, ["no_such"]) == ""
    assert helper_code(None, ["line"]) == ""
    assert helper_code(tmp_path / "missing.py", ["line"]) == ""


def test_every_kata_helper_pastes_and_builds():
    path = KATA / "hidden_tests" / "callables.py"
    for name in ("cubic", "bowl_prime", "log_sum_exp", "linear_gradient"):
        space: dict = {}
        exec(helper_code(path, [name]), space)
        assert callable(space[name])


def test_a_graded_failing_call_shows_the_helpers_it_was_given(tmp_path):
    # The session parses callables.py once; every failing call passed a factory by name
    # still shows that factory's code, and a passing one shows none.
    from grader.grading.runner import run_kata
    from grader.grading.session import GradingSession
    from tests.support.katas import REPOSITORY, copy_course

    kata = copy_course(tmp_path)
    target = kata / "exercises" / "02_gradient_descent.py"
    target.write_text((REPOSITORY / "solutions" / "02_gradient_descent.py").read_text()
                      .replace("x - learning_rate *", "x + learning_rate *"))
    with GradingSession.open(kata, exercises=["02"], device="cpu", seed=3) as session:
        checks = run_kata(session).checks
    failed = [check for check in checks if check.status.value != "passed"]
    passed = [check for check in checks if check.status.value == "passed"]
    assert failed and passed, [(check.function, check.status) for check in checks]
    assert all("def bowl_prime(" in check.message or "def wavy_bowl_prime(" in check.message
               for check in failed)
    assert all("def " not in check.message for check in passed)
