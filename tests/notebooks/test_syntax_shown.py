"""A syntax error in a .py exercise file names the line and shows it, with a caret under the
spot, as Python itself does."""

from __future__ import annotations

from tests.support.grading import grade_kata
from grader.records.results import Status
from grader.workers.worker import pointed_line

SEED = 20240601


def error_of(source: str) -> SyntaxError:
    try:
        compile(source, "x.py", "exec")
    except SyntaxError as error:
        return error
    raise AssertionError("this source compiles")


def test_the_caret_sits_under_the_spot_without_the_indentation():
    shown = pointed_line(error_of("def f(x):\n        return x +* 2\n"))
    line, caret = shown.split("\n")
    assert line == "    return x +* 2"
    assert caret.index("^") == line.index("*")


def test_a_span_gets_a_caret_per_character_and_no_text_no_lines():
    shown = pointed_line(error_of("x = (1, 2))\n"))
    assert shown.split("\n")[1].strip() == "^"
    error = SyntaxError("bad")  # raised without a line of text
    assert pointed_line(error) == ""


def test_a_py_file_with_a_syntax_error_shows_the_line(kata):
    (kata / "exercises" / "01_squares.py").write_text(
        "def square(x):\n    return x * x\n\ndef cube(x):\n    return x ** * 3\n",
        encoding="utf-8")
    report = grade_kata(kata, seed=SEED)
    run = next(run for run in report.exercises if run.exercise == "01_squares")
    lines = run.load_error.split("\n")
    assert lines[0].startswith("exercises/01_squares.py, line 5: syntax error")
    assert lines[1] == "    return x ** * 3" and lines[2].strip().startswith("^")
    assert lines[2].index("^") == lines[1].index("* 3")
    assert all(c.status is Status.ERROR for c in report.checks if c.exercise == "01_squares")
