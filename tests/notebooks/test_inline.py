"""`grader.check(...)` from a notebook: grades the saved file in workers, prints the same
report as the command line, returns it; and does nothing while the grader loads the code."""

from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
import pytest

from tests.support.grading import grade_kata
from grader.notebooks.inline import graded_files, unsaved_functions
from grader.notebooks.making import make_notebook
from grader.records.catalogue import load_catalogue
from grader.records.results import Status
from grader.reports.terminal import render

REPO = Path(__file__).resolve().parents[2]
SEED = 424242
RIGHT_SQUARE = "def square(x):\n    return x * x"


def prepared_notebook(kata: Path) -> Path:
    """01 as `grader notebook` writes it, with `square` answered and `cube` not started."""
    exercises = kata / "exercises"
    target = exercises / "01_squares.ipynb"
    make_notebook(exercises / "01_squares.py", target, "01_squares")
    book = nbformat.read(target, as_version=4)
    cell = next(c for c in book.cells if c.source.startswith("def square("))
    cell.source = RIGHT_SQUARE
    book.cells[-1].source = book.cells[-1].source.replace('check("01")',
                                                         f'check("01", seed={SEED})')
    nbformat.write(book, target)
    return target


def graded_here(kata: Path):
    """(report, its terminal text) of 01 graded in this process with the test's seed."""
    report = grade_kata(kata, exercises=["01"], seed=SEED)
    result = {c.function: c.status for c in report.checks}
    assert result == {"square": Status.PASSED, "cube": Status.NOT_STARTED}
    return report, render(report, load_catalogue(kata / "catalogue.toml"))


def test_check_prints_the_command_line_report_and_returns_it(kata, monkeypatch, capsys):
    prepared_notebook(kata)
    monkeypatch.chdir(kata / "exercises")
    namespace = {"__name__": "__main__"}  # as in a Jupyter cell or a script
    exec(f"from grader import check\nreport = check('1', seed={SEED})", namespace)
    printed = capsys.readouterr().out
    assert graded_here(kata)[1] in printed
    assert "exercises/01_squares.ipynb, saved at " in printed
    assert namespace["report"].seed == SEED
    assert {c.function: c.status for c in namespace["report"].checks}["square"] is Status.PASSED


def test_check_records_progress_for_grader_list(kata, monkeypatch, capsys):
    prepared_notebook(kata)
    monkeypatch.chdir(kata / "exercises")
    exec(f"from grader import check\ncheck('1', seed={SEED})", {"__name__": "__main__"})
    capsys.readouterr()
    from grader.cli import main

    assert main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "01_squares" in line)
    assert "failing" in row and "01_squares.ipynb" in row  # cube is not started yet


def test_check_does_nothing_while_the_grader_loads_the_code(kata, monkeypatch, capsys):
    monkeypatch.chdir(kata / "exercises")
    namespace = {"__name__": "01_squares"}  # how the grader's worker names a loaded file
    exec("from grader import check\nreport = check('01')", namespace)
    assert namespace["report"] is None
    assert "skipped" in capsys.readouterr().out


def test_the_saved_time_of_each_graded_file_is_shown(kata):
    source = kata / "exercises" / "01_squares.py"
    saved = time.mktime((2030, 5, 17, 14, 3, 12, 0, 0, -1))
    os.utime(source, (saved, saved))
    report = grade_kata(kata, exercises=["01"], seed=SEED)
    today = graded_files(report, kata, now=saved + 60)
    later = graded_files(report, kata, now=saved + 3 * 86400)
    clock = time.strftime("%H:%M:%S", time.localtime(saved))
    assert today.splitlines()[1] == f"  01_squares: exercises/01_squares.py, saved at {clock}"
    assert later.splitlines()[1].endswith(f"saved on 2030-05-17 at {clock}")


def test_functions_run_but_not_saved_are_named(kata):
    prepared_notebook(kata)
    report = grade_kata(kata, exercises=["01"], seed=SEED)
    assert unsaved_functions(report, kata, ["import numpy as np", RIGHT_SQUARE]) == []
    edited = ["", RIGHT_SQUARE, "def cube(x):\n    return x ** 3", "def square(x):\n    return 0"]
    assert unsaved_functions(report, kata, edited) == ["square", "cube"]
    (kata / "exercises" / "01_squares.ipynb").unlink()
    report = grade_kata(kata, exercises=["01"], seed=SEED)  # now the .py file is graded
    assert unsaved_functions(report, kata, edited) == []


def test_the_check_cell_runs_in_a_real_jupyter_kernel(kata, monkeypatch):
    nbclient = pytest.importorskip("nbclient", reason="needs nbclient (the `test` extra)")
    pytest.importorskip("ipykernel", reason="needs ipykernel (the `test` extra)")
    target = prepared_notebook(kata)
    book = nbformat.read(target, as_version=4)
    # Only in the kernel, not in the saved file: an edit not saved yet, and a look at the
    # returned report.
    book.cells.insert(-1, nbformat.v4.new_code_cell("def cube(x):\n    return x ** 3"))
    book.cells.append(nbformat.v4.new_code_cell("print('score', report.score, report.max_score)"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO),
                                                                  os.environ.get("PYTHONPATH")])))
    client = nbclient.NotebookClient(book, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(target.parent)}})
    client.execute()
    check_output = _stdout(book.cells[-2])
    report, text = graded_here(kata)
    assert text in check_output
    assert "exercises/01_squares.ipynb, saved at " in check_output
    unsaved = [line for line in check_output.splitlines() if "not in the saved notebook" in line]
    assert len(unsaved) == 1 and " cube " in unsaved[0] and "square" not in unsaved[0]
    assert _stdout(book.cells[-1]).split() == ["score", str(report.score), str(report.max_score)]


def _stdout(cell) -> str:
    return "".join(out.get("text", "") for out in cell.outputs
                   if out.output_type == "stream" and out.name == "stdout")
