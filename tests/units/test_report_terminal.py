"""The terminal report: content, first failure explained, and the 80-column promise."""

import unicodedata

import pytest

from grader.records.results import ExerciseRun, Report
from grader.records import messages_zh
from grader.reports import terminal
from grader.reports.terminal import render, wrap
from tests.support.report_samples import check


def columns(line):
    """Terminal columns, measured independently of the reporter: wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_small_report_golden(report, catalogue):
    assert render(report, catalogue) == """\
alice: Slopes kata: exercises graded: 2, seed 4242, devices cpu, cuda

01_slopes  Slopes (导数): which way is downhill                     20/50 points
  file: exercises/01_slopes.py
  wrong        slope                                                        0/30
  passed       tangent                                                     20/20
  > slope (wrong):
    Called slope(x=array(shape=(3,), float64: [0.5, 1.0, 1.5]))
    result[2] (1 of 3 values differ): got 0.96, expected 0.9216 (differs by
    0.038; tolerance 1e-6 relative, 1e-9 absolute).
    Your code printed:
    | x = 0.5
    | x = 1.0
    To replay this call exactly: grader repro 01 slope
    Stuck? `grader hint 01_slopes` shows a hint.

02_steps  Steps                                                     20/50 points
  file: exercises/02_steps.ipynb
  passed       step [cpu]                                                  20/20
  timed out    step [cuda]                                                  0/20
  not started  walk                                                         0/10
  > step [cuda] (timed out):
    timed out: step did not return within 2.0 s.
    Stuck? `grader hint 02_steps` shows a hint.

Total: 40/100 points; 2 of 5 checks passed.
Seed 4242: rerun with `grader run --seed 4242` to get the same inputs.
"""


@pytest.mark.parametrize("width", [80, 60, 40])
def test_every_line_fits_the_width(report, broken_report, catalogue, width):
    long_word = "x" * 200
    long = check("02_steps", "a_function_with_a_very_long_name_" * 3, "wrong", 0, 5,
                 message=f"got {long_word} and 数值" * 5, output="y" * 500 + "\n")
    crowded = Report(seed=1, devices=("cpu",), checks=report.checks + (long,),
                     exercises=report.exercises, execution_time=0.0)
    for each in (report, broken_report, crowded):
        for line in render(each, catalogue, width=width).splitlines():
            assert columns(line) <= width, line


def test_wide_characters_count_twice():
    lines = wrap("梯度下降 " * 30, 20)
    assert all(columns(line) <= 20 for line in lines)
    assert lines == ["梯度下降 梯度下降"] * 15  # a third word would need 26 columns


def test_a_line_that_fits_keeps_its_spacing():
    assert wrap("got:      1.0", 80, "  ") == ["  got:      1.0"]


def test_wrapped_lines_keep_every_word():
    text = "one two three " * 20
    assert " ".join(" ".join(wrap(text, 30, "  ")).split()) == text.strip()


def test_first_failure_is_the_wrong_one_not_the_not_started_one(catalogue):
    checks = (check("02_steps", "step", "not started", 0, 40, message="not started: step"),
              check("02_steps", "walk", "wrong", 0, 10, message="walk is wrong here"))
    text = render(Report(1, ("cpu",), checks, (), 0.0), catalogue)
    assert "walk is wrong here" in text and "not started: step" not in text


def test_not_started_alone_is_explained(catalogue):
    checks = (check("02_steps", "walk", "not started", 0, 10, message="not started: walk"),)
    text = render(Report(1, ("cpu",), checks, (), 0.0), catalogue)
    assert "not started: walk" in text and "grader hint" not in text


def test_load_error_is_shown_once(broken_report, catalogue):
    text = render(broken_report, catalogue)
    assert text.count("line 3: syntax error") == 1
    assert "could not load" in text
    assert "step raised ZeroDivisionError" in text


def test_a_traceback_keeps_its_lines(catalogue):
    error = "f.py raised ValueError while loading: bad\nTraceback:\n  f.py, line 3\n    x = 1"
    checks = (check("02_steps", "walk", "error", 0, 10, message="not graded"),)
    runs = (ExerciseRun("02_steps", "f.py", error),)
    lines = render(Report(1, ("cpu",), checks, runs, 0.0), catalogue).splitlines()
    start = lines.index("  could not load: f.py raised ValueError while loading: bad")
    assert lines[start + 1:start + 4] == ["  Traceback:", "    f.py, line 3", "      x = 1"]


def test_missing_file_and_unknown_catalogue(catalogue):
    checks = (check("09_extra", "f", "error", 0, 5, message="no file"),)
    text = render(Report(3, ("cpu",), checks, (ExerciseRun("09_extra", None),), 0.0), catalogue)
    assert "09_extra" in text and "file: none found" in text
    runs = (ExerciseRun("09_extra", None, "09_extra: no exercises/09_extra.py"),)
    text = render(Report(3, ("cpu",), checks, runs, 0.0), catalogue)
    assert "file: none found" not in text and "no exercises/09_extra.py" in text


def test_all_passed_and_without_a_catalogue():
    checks = (check("01_slopes", "slope", "passed", 2.5, 2.5),)
    text = render(Report(5, ("cpu",), checks, (), 0.0), None)
    assert "Every check passed." in text and "2.5/2.5" in text and "seed 5" in text


def test_long_output_is_cut_to_a_few_lines(catalogue):
    checks = (check("02_steps", "walk", "wrong", 0, 10, message="m",
                    output="".join(f"line {i}\n" for i in range(100))),)
    text = render(Report(1, ("cpu",), checks, (), 0.0), catalogue)
    assert "line 7" in text and "line 8\n" not in text and "92 more lines" in text


def test_chinese_lines_never_start_with_punctuation():
    text = messages_zh.TABLE["diagnosis.changes_input"] + "先检查步长，再更新。"
    for width in range(16, 60):
        for line in terminal.wrap(text, width, "    "):
            assert line.strip()[0] not in "，。；：！？）、", (width, line)
    joined = "".join(terminal.wrap(text, 21, "    "))
    assert joined.replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added


def test_a_printed_warning_is_shown_whole_on_narrow_terminals():
    warning = ("UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being"
               " accessed. Its .grad attribute won't be populated during autograd.backward().")
    lines = terminal._output_excerpt(warning + "\n", 60)
    assert len(lines) > 1 and all(len(line) <= 60 for line in lines)
    assert "".join(line.split("| ", 1)[1] for line in lines) == warning
