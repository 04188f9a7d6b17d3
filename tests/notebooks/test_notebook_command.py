"""`grader notebook`: writes valid notebooks whose stubs grade as "not started", and keeps a
notebook the learner changed unless --force."""

from __future__ import annotations

import os

import nbformat
import pytest

from grader.cli import main
from tests.support.grading import grade_kata
from grader.records.results import Status


@pytest.fixture
def in_kata(kata, monkeypatch):
    monkeypatch.chdir(kata / "exercises")  # the kata is found by walking up, as git does
    return kata


def test_writes_every_notebook_and_they_grade_as_not_started(in_kata, capsys):
    assert main(["notebook"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["exercises/01_squares.ipynb: written", "exercises/02_sums.ipynb: written"]
    for name in ("01_squares", "02_sums"):
        nbformat.validate(nbformat.read(in_kata / "exercises" / f"{name}.ipynb", as_version=4))
    report = grade_kata(in_kata, seed=3)
    assert [run.source for run in report.exercises] == ["exercises/01_squares.ipynb",
                                                        "exercises/02_sums.ipynb"]
    assert {check.status for check in report.checks} == {Status.NOT_STARTED}
    assert len(report.checks) == 3


def test_only_the_named_exercises_are_written(in_kata, capsys):
    assert main(["notebook", "2"]) == 0
    assert capsys.readouterr().out == "exercises/02_sums.ipynb: written\n"
    assert (in_kata / "exercises" / "02_sums.ipynb").exists()
    assert not (in_kata / "exercises" / "01_squares.ipynb").exists()


def test_a_changed_notebook_is_kept_unless_forced(in_kata, capsys):
    main(["notebook"])
    target = in_kata / "exercises" / "01_squares.ipynb"
    book = nbformat.read(target, as_version=4)
    cell = next(c for c in book.cells if c.source.startswith("def square("))
    cell.source = "def square(x):\n    return x * x"
    nbformat.write(book, target)
    edited = target.read_bytes()
    capsys.readouterr()
    assert main(["notebook"]) == 0
    kept, untouched = capsys.readouterr().out.splitlines()
    assert kept.startswith("exercises/01_squares.ipynb: kept") and "--force" in kept
    assert untouched == "exercises/02_sums.ipynb: up to date"
    assert target.read_bytes() == edited
    assert main(["notebook", "01", "--force"]) == 0
    assert capsys.readouterr().out == "exercises/01_squares.ipynb: overwritten\n"
    assert "return x * x" not in target.read_text(encoding="utf-8")


def test_a_missing_py_file_fails_that_notebook_only(in_kata, capsys):
    (in_kata / "exercises" / "01_squares.py").unlink()
    assert main(["notebook"]) == 1
    failed, written = capsys.readouterr().out.splitlines()
    assert failed.startswith("exercises/01_squares.ipynb: not written: 01_squares.py: cannot")
    assert written == "exercises/02_sums.ipynb: written"


def test_an_unknown_exercise_is_a_usage_error(in_kata, capsys):
    assert main(["notebook", "7"]) == 2
    assert "7" in capsys.readouterr().err


def test_grader_list_shows_the_notebook_once_it_is_the_newer_file(in_kata, capsys):
    def graded_file(exercise: str) -> str:
        assert main(["list"]) == 0
        row = next(line for line in capsys.readouterr().out.splitlines() if exercise in line)
        return row.split()[-1]

    stub = in_kata / "exercises" / "01_squares.py"
    os.utime(stub, (1_000_000, 1_000_000))
    main(["notebook", "01"])
    capsys.readouterr()
    assert graded_file("01_squares") == "exercises/01_squares.ipynb"
    os.utime(stub, (4_000_000_000, 4_000_000_000))
    assert graded_file("01_squares") == "exercises/01_squares.py"
