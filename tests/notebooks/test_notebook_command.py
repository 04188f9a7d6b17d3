"""`grader notebook`: writes valid notebooks whose stubs grade as "not started", and keeps a
notebook the learner changed unless --force."""

from __future__ import annotations

import os

import nbformat
import pytest

from grader.cli import main
from tests.support.grading import grade_kata
from grader.records.results import Status


def heads(printed: str) -> list[str]:
    """One line per exercise: the indented lines under each say more about it."""
    return [line for line in printed.splitlines() if not line.startswith("  ")]


@pytest.fixture
def in_kata(kata, monkeypatch):
    monkeypatch.chdir(kata / "exercises")  # the kata is found by walking up, as git does
    return kata


def test_writes_every_notebook_and_they_grade_as_not_started(in_kata, capsys):
    assert main(["notebook"]) == 0
    printed = heads(capsys.readouterr().out)
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
    assert heads(capsys.readouterr().out) == ["exercises/02_sums.ipynb: written"]
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
    kept, untouched = heads(capsys.readouterr().out)
    assert kept.startswith("exercises/01_squares.ipynb: kept") and "--force" in kept
    assert untouched == "exercises/02_sums.ipynb: up to date"
    assert target.read_bytes() == edited
    assert main(["notebook", "01", "--force"]) == 0
    assert heads(capsys.readouterr().out) == ["exercises/01_squares.ipynb: overwritten"]
    assert "return x * x" not in target.read_text(encoding="utf-8")


def test_a_missing_py_file_fails_that_notebook_only(in_kata, capsys):
    (in_kata / "exercises" / "01_squares.py").unlink()
    assert main(["notebook"]) == 1
    failed, written = heads(capsys.readouterr().out)
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


def git(kata, *args):
    import subprocess

    subprocess.run(["git", "-c", "user.name=kata", "-c", "user.email=kata@example.org",
                    "-c", "init.defaultBranch=main", *args], cwd=kata, check=True,
                   capture_output=True)


def test_in_a_git_checkout_the_notebook_has_the_committed_stubs_not_the_edits(in_kata, capsys):
    git(in_kata, "init", "-q")
    git(in_kata, "add", "-A")
    git(in_kata, "commit", "-qm", "kata")
    py = in_kata / "exercises" / "01_squares.py"
    py.write_text(py.read_text().replace("raise NotImplementedError", "return 12345"))
    assert main(["notebook", "01"]) == 0
    code = "".join(cell.source for cell in nbformat.read(
        in_kata / "exercises" / "01_squares.ipynb", as_version=4).cells)
    assert "NotImplementedError" in code and "12345" not in code
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "exercises/01_squares.ipynb: written"
    assert "git show HEAD:exercises/01_squares.py" in printed[1]
    assert printed[2].startswith("  graded from now on: exercises/01_squares.ipynb")
    assert "save exercises/01_squares.py" in printed[2]


def test_without_git_the_stub_file_is_used_and_the_graded_file_named(in_kata, capsys):
    py = in_kata / "exercises" / "02_sums.py"
    assert main(["notebook", "02"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["exercises/02_sums.ipynb: written",
                       "  graded from now on: exercises/02_sums.ipynb (the file saved last; "
                       "save exercises/02_sums.py to have it graded instead)"]
    later = (in_kata / "exercises" / "02_sums.ipynb").stat().st_mtime_ns + 10**9
    os.utime(py, ns=(later, later))  # the learner saves the .py again: it is graded again
    assert main(["notebook", "02"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith(
        "  graded from now on: exercises/02_sums.py")
