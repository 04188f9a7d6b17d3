"""Files that fail while loading, and a notebook submission: every function of such an
exercise is still reported, with the reason naming the file (and cell) and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.records import messages
from grader.records.results import Status
from tests.support.golden import check_golden, exercise_results
from tests.support.grading import grade_kata
from tests.support.katas import GOLDEN, copy_kata

SEED = 3


@pytest.fixture(scope="module")
def report(tmp_path_factory, pool):
    root = copy_kata("loading", tmp_path_factory.mktemp("kata"))
    return grade_kata(root, exercises=["1", "2", "3"], seed=SEED, pool=pool)


@pytest.mark.parametrize("exercise", ["01_import_hang", "02_import_exit", "03_import_os_exit"])
def test_load_failures_match_their_golden_results(report, exercise):
    check_golden(exercise_results(report, exercise), GOLDEN / "loading" / f"{exercise}.json")


def test_a_load_that_never_ends_is_stopped_at_the_load_limit(report, pool):
    run = report.run_of("01_import_hang")
    assert f"did not finish within {pool.load_time_limit:g} s" in run.load_error
    assert [check.status for check in report.checks] == [Status.ERROR] * 3


def notebook_kata(tmp_path: Path, cell_source: list[str]) -> Path:
    root = copy_kata("loading", tmp_path)
    path = root / "exercises" / "04_notebook.ipynb"
    notebook = json.loads(path.read_text())
    notebook["cells"][2]["source"] = cell_source
    path.write_text(json.dumps(notebook))
    return root


def test_a_notebook_is_graded_like_a_py_file(tmp_path, pool):
    report = grade_kata(copy_kata("loading", tmp_path), exercises=["4"], seed=SEED, pool=pool)
    assert report.run_of("04_notebook").source == "exercises/04_notebook.ipynb"
    assert report.checks[0].status is Status.PASSED
    assert "doubling in a notebook" in report.checks[0].output


def test_notebook_errors_point_at_cell_and_line(tmp_path, pool):
    root = notebook_kata(tmp_path, ["def double(x):\n", "    return x / undefined_name\n"])
    report = grade_kata(root, exercises=["4"], seed=SEED, pool=pool)
    assert "exercises/04_notebook.ipynb, cell 3, line 2, in double" in report.checks[0].message


def test_a_notebook_syntax_error_names_the_cell(tmp_path, pool):
    root = notebook_kata(tmp_path, ["def double(x):\n", "    return 2 *\n"])
    report = grade_kata(root, exercises=["4"], seed=SEED, pool=pool)
    assert report.run_of("04_notebook").load_error == ""  # only that cell's function fails
    message = report.checks[0].message
    assert "04_notebook.ipynb" in message and "cell 3, line 2" in message


def exiting_kata(tmp_path: Path, source: str) -> Path:
    root = copy_kata("loading", tmp_path)
    (root / "exercises" / "02_import_exit.py").write_text(source)
    return root


def test_an_exit_inside_a_function_run_at_import_names_the_exit_line(tmp_path, pool):
    source = ('import sys\n\n\ndef main():\n    print("hi")\n    sys.exit("done")\n\n\n'
              'main()\n\n\ndef double(x):\n    return 2 * x\n')
    report = grade_kata(exiting_kata(tmp_path, source), exercises=["2"], seed=SEED, pool=pool)
    error = report.run_of("02_import_exit").load_error
    assert error.startswith("exercises/02_import_exit.py, line 6: called exit (done)"), error
    assert error.endswith('\n    sys.exit("done")')
    assert report.checks[0].status is Status.ERROR


def test_an_exit_at_import_names_its_line_in_chinese(tmp_path, pool):
    root = exiting_kata(tmp_path, "import sys\nexit(3)\ndef double(x):\n    return 2 * x\n")
    with messages.language("zh"):
        report = grade_kata(root, exercises=["2"], seed=SEED, pool=pool)
    error = report.run_of("02_import_exit").load_error
    assert error.startswith("exercises/02_import_exit.py，第 2 行：加载时调用了 exit（3）"), error
    assert error.endswith("\n    exit(3)")


def test_a_function_that_forgets_return_is_told_so(tmp_path, pool):
    root = exiting_kata(tmp_path, "def double(x):\n    y = 2 * x\n")
    report = grade_kata(root, exercises=["2"], seed=SEED, pool=pool)
    check = report.checks[0]
    assert check.status is Status.WRONG
    assert "got None" in check.message and "forget to `return`" in check.message


def test_a_function_that_returns_is_not_told_about_return(tmp_path, pool):
    root = exiting_kata(tmp_path, "def double(x):\n    return 3 * x\n")
    check = grade_kata(root, exercises=["2"], seed=SEED, pool=pool).checks[0]
    assert check.status is Status.WRONG and "`return`" not in check.message
