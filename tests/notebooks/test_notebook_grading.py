"""Grading notebooks end to end: the engine loads a learner's .ipynb in a worker and the
hidden tests judge it exactly as they judge the .py file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.support.grading import grade_kata
from grader.notebooks.making import make_notebook
from grader.records import messages
from grader.records.catalogue import load_catalogue
from grader.records.pristine import pristine_stub
from grader.records.results import Status

REPO = Path(__file__).resolve().parents[2]
SEED = 20240601
# The kata's NumPy exercises (no torch to start, so quick to grade as notebooks).
NUMPY_EXERCISES = [entry.id for entry in load_catalogue(REPO / "catalogue.toml").exercises
                   if not entry.tensor_functions]

SQUARES = ("import numpy as np", "def square(x):\n    return x * x",
           "def cube(x):\n    return x * x * x")
SUMS = "import numpy as np\n\ndef total(values):\n    return float(np.sum(values))\n"


def outcomes(report, exercise: str) -> dict[str, tuple[Status, float]]:
    return {c.function: (c.status, c.score) for c in report.checks if c.exercise == exercise}


def run_of(report, exercise: str):
    return next(run for run in report.exercises if run.exercise == exercise)


def learner_works_in_notebook(kata: Path) -> Path:
    """The learner's 01 lives in the notebook only; 02 is a correct .py file."""
    (kata / "exercises" / "01_squares.py").unlink()
    (kata / "exercises" / "02_sums.py").write_text(SUMS, encoding="utf-8")
    return kata / "exercises" / "01_squares.ipynb"


def test_a_correct_notebook_scores_full_marks(kata, write_notebook):
    target = learner_works_in_notebook(kata)
    write_notebook(target, ("markdown", "# Squares"), *SQUARES)
    report = grade_kata(kata, seed=SEED)
    assert report.max_score == 100 and report.score == report.max_score
    assert run_of(report, "01_squares").source == "exercises/01_squares.ipynb"


@pytest.mark.parametrize("exercise", NUMPY_EXERCISES)
@pytest.mark.parametrize("made_from", ["solutions", "exercises"])
def test_the_kata_as_notebooks_grades_like_its_py_files(tmp_path, exercise, made_from):
    # Made from the reference: full marks. Made from the stubs: every function not started.
    submission = tmp_path / "submission"
    (submission / "exercises").mkdir(parents=True)
    source = tmp_path / f"{exercise}.py"  # the shipped stub, not a learner's working file
    if made_from == "exercises":
        source.write_text(pristine_stub(REPO, exercise), encoding="utf-8")
    else:
        shutil.copyfile(REPO / "solutions" / f"{exercise}.py", source)
    make_notebook(source, submission / "exercises" / f"{exercise}.ipynb", exercise)
    report = grade_kata(REPO, sources_root=submission, exercises=[exercise], seed=SEED)
    assert run_of(report, exercise).source == f"exercises/{exercise}.ipynb"
    assert report.checks
    if made_from == "solutions":
        assert report.score == report.max_score
    else:
        assert {check.status for check in report.checks} == {Status.NOT_STARTED}


WRONG_DERIVATIVES = '''\
import numpy as np


def fn(x):
    return 2 * x**2


def dfn(x):
    return 2 * x  # the factor 2 of x**2 forgotten


def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h  # a forward difference, not the central one


def tangent_line(f, df, x0):
    slope = df(x0)
    return slope, f(x0) - slope * x0


def stationary_point(a, b, c):
    raise NotImplementedError("not yet")
'''


def test_a_wrong_notebook_fails_the_same_functions_as_the_py_file(tmp_path):
    as_py, as_notebook = tmp_path / "as_py", tmp_path / "as_notebook"
    for submission in (as_py, as_notebook):
        (submission / "exercises").mkdir(parents=True)
    learner = as_py / "exercises" / "01_derivatives.py"
    learner.write_text(WRONG_DERIVATIVES, encoding="utf-8")
    make_notebook(learner, as_notebook / "exercises" / "01_derivatives.ipynb", "01_derivatives")
    graded = [grade_kata(REPO, sources_root=s, exercises=["01"], seed=SEED)
              for s in (as_py, as_notebook)]
    assert [run_of(r, "01_derivatives").source[-3:] for r in graded] == [".py", "ynb"]
    py_outcomes, notebook_outcomes = (outcomes(r, "01_derivatives") for r in graded)
    assert notebook_outcomes == py_outcomes
    assert py_outcomes["fn"][0] is Status.PASSED
    assert py_outcomes["dfn"][0] is Status.WRONG
    assert py_outcomes["numerical_derivative"][0] is Status.WRONG
    assert py_outcomes["stationary_point"][0] is Status.NOT_STARTED


def _bad_json(path: Path, write_notebook) -> None:
    path.write_text('{"cells": [{"cell_type": "code", "source": "def square(x):', "utf-8")


def _nbformat_3(path: Path, write_notebook) -> None:
    cell = nbformat.v3.new_code_cell(input="\n\n".join(SQUARES))
    old = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[cell])])
    path.write_text(nbformat.v3.writes_json(old), encoding="utf-8")


def _no_code(path: Path, write_notebook) -> None:
    write_notebook(path, ("markdown", "# Squares\n\nI will do this later."), "")


def _syntax_error_outside_functions(path: Path, write_notebook) -> None:
    write_notebook(path, ("markdown", "# Squares"), SQUARES[0], "scale = (2 *\n",
                   *SQUARES[1:])


@pytest.mark.parametrize("spoil, reason", [
    (_bad_json, "JSON is malformed"),
    (_nbformat_3, "version 3"),
    (_no_code, "no code"),
    (_syntax_error_outside_functions, "cell 3, line 1"),
], ids=["bad-json", "nbformat-3", "no-code", "syntax-error-defining-nothing"])
def test_a_notebook_that_cannot_load_fails_its_functions_only(kata, write_notebook,
                                                              spoil, reason):
    target = learner_works_in_notebook(kata)
    spoil(target, write_notebook)
    report = grade_kata(kata, seed=SEED)
    load_error = run_of(report, "01_squares").load_error
    assert "01_squares.ipynb" in load_error and reason in load_error
    assert all(status is not Status.PASSED
               for status, _ in outcomes(report, "01_squares").values())
    assert all(reason in c.message for c in report.checks if c.exercise == "01_squares")
    assert outcomes(report, "02_sums") == {"total": (Status.PASSED, 40.0)}


def test_a_syntax_error_fails_only_the_functions_its_cell_defines(kata, write_notebook):
    target = learner_works_in_notebook(kata)
    write_notebook(target, ("markdown", "# Squares"), SQUARES[0],
                   "def square(x):\n    return x *\n", SQUARES[2])
    report = grade_kata(kata, seed=SEED)
    assert run_of(report, "01_squares").load_error == ""
    result = outcomes(report, "01_squares")
    assert result["cube"][0] is Status.PASSED
    assert result["square"] == (Status.ERROR, 0.0)
    square = next(c for c in report.checks if c.function == "square")
    assert "exercises/01_squares.ipynb, cell 3, line 2" in square.message
    assert "in: return x *" in square.message and "not valid Python" in square.message
    assert "\nsquare raised SyntaxError: square was not run" in square.message
    assert "Traceback" not in square.message  # no line of the learner's to show: no repeat
    assert square.message.endswith(messages.text("notebook.other_cells_graded"))
    assert outcomes(report, "02_sums") == {"total": (Status.PASSED, 40.0)}


def test_a_try_out_call_of_a_broken_cell_says_nothing_was_graded(kata, write_notebook):
    """The broken cell's function called by a later cell's top-level line stops the load:
    every function fails, and no message claims the other cells were graded."""
    target = learner_works_in_notebook(kata)
    write_notebook(target, SQUARES[0], "def square(x):\n    return x *\n", SQUARES[2],
                   "print(square(3))")
    report = grade_kata(kata, seed=SEED)
    load_error = run_of(report, "01_squares").load_error
    assert messages.text("notebook.load_stopped") in load_error
    checks = [c for c in report.checks if c.exercise == "01_squares"]
    assert all(c.status is Status.ERROR for c in checks)
    assert not any(messages.text("notebook.other_cells_graded") in c.message for c in checks)


def test_a_missing_function_fails_alone(kata, write_notebook):
    target = learner_works_in_notebook(kata)
    write_notebook(target, *SQUARES[:2])
    report = grade_kata(kata, seed=SEED)
    result = outcomes(report, "01_squares")
    assert result["square"] == (Status.PASSED, 30.0)
    assert result["cube"][0] is Status.ERROR
    cube = next(c for c in report.checks if c.function == "cube")
    assert "cube" in cube.message and "01_squares.ipynb" in cube.message
    assert outcomes(report, "02_sums") == {"total": (Status.PASSED, 40.0)}


def test_magics_shell_escapes_display_and_plots_do_not_break_grading(kata, write_notebook):
    target = learner_works_in_notebook(kata)
    write_notebook(
        target,
        "%matplotlib inline\n!pip install --no-index nothing-at-all\n" + SQUARES[0],
        "%%bash\necho 'a shell cell'\nexit 1",
        SQUARES[1] + "\n\ndisplay(square(np.arange(3.0)))\nsquare?",
        "get_ipython().run_line_magic('load_ext', 'autoreload')\n%time cube_of_two = 8\n"
        + SQUARES[2],
    )
    report = grade_kata(kata, exercises=["01"], seed=SEED)
    assert run_of(report, "01_squares").load_error == ""
    assert report.score == report.max_score == 60


def test_slow_demos_are_kept_out_of_grading(kata, write_notebook):
    # Were the demos run, loading would stop at the load time limit and every check fail.
    target = learner_works_in_notebook(kata)
    write_notebook(
        target,
        *SQUARES,
        "import time\ntime.sleep(600)  # a long training run",
        'if __name__ == "__main__":\n    import time\n    time.sleep(600)',
        "from grader import check\ncheck('01')",
        tags={4: ["skip-grading"]},
    )
    report = grade_kata(kata, exercises=["01"], seed=SEED)
    assert run_of(report, "01_squares").load_error == ""
    assert report.score == report.max_score == 60


@pytest.mark.parametrize("newer", [".py", ".ipynb"])
def test_the_more_recently_saved_of_py_and_ipynb_is_graded(kata, newer):
    exercises = kata / "exercises"
    make_notebook(exercises / "01_squares.py", exercises / "01_squares.ipynb", "01_squares")
    shutil.copy(kata / "solutions" / "01_squares.py", exercises / "01_squares.py")
    older = ".ipynb" if newer == ".py" else ".py"
    os.utime(exercises / f"01_squares{older}", (1_000_000, 1_000_000))
    os.utime(exercises / f"01_squares{newer}", (2_000_000, 2_000_000))
    report = grade_kata(kata, exercises=["01"], seed=SEED)
    assert run_of(report, "01_squares").source == f"exercises/01_squares{newer}"
    expected = Status.PASSED if newer == ".py" else Status.NOT_STARTED
    assert {status for status, _ in outcomes(report, "01_squares").values()} == {expected}
