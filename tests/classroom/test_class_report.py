"""`grader report` on a class with planted mistakes: it names each planted diagnosis with
the right learners, keeps the grader's faults apart from learners' failures, pairs the
submissions with identical wrong results, and writes one self-contained HTML page and a
Markdown summary, in English and in Chinese.

The class is built from the course's own files: the reference solutions, the stubs as
shipped, and the realistic mistakes of tests/styles, whose declared diagnoses are what the
report must find."""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
import warnings
from pathlib import Path

import pytest

from grader.classroom.batch_output import read_batch
from grader.cli import main
from grader.records import course_diagnoses, messages
from grader.records.paths import KataPaths
from grader.reports import class_report
from grader.reports.class_summary import Learner, summarise
from tests.support.katas import REPOSITORY, copy_course, write_pristine_stubs
from tests.support.styles import STYLES, load_style

PLANTED = {  # learner -> the mistake files that replace their solutions
    "ben": ["02_gradient_descent/mistake_one_epoch_too_many"],
    "cat": ["02_gradient_descent/mistake_one_epoch_too_many",
            "01_derivatives/mistake_forward_difference"],
    "dan": ["01_derivatives/mistake_forward_difference"],
    "eve": ["05_linear_regression/mistake_standardize_with_ddof_1"],
}
# a wrong fn no known mistake explains, handed in by two learners
UNEXPLAINED_FN = "def fn(x):\n    return 2 * x**2 + 1\n"


def solved(folder: Path) -> Path:
    shutil.copytree(REPOSITORY / "solutions", folder / "exercises",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def with_fn(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    start = source.index("def fn(")
    end = source.index("\ndef ", start + 1)
    path.write_text(source[:start] + UNEXPLAINED_FN + source[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("class")
    kata = copy_course(root)
    subs = root / "submissions"
    solved(subs / "ann")
    for learner, styles in PLANTED.items():
        folder = solved(subs / learner)
        for style in styles:
            exercise = style.split("/")[0]
            shutil.copy(STYLES / f"{style}.py", folder / "exercises" / f"{exercise}.py")
    for learner in ("hue", "ivy"):
        with_fn(solved(subs / learner) / "exercises" / "01_derivatives.py")
    (subs / "fay" / "exercises").mkdir(parents=True)
    write_pristine_stubs(subs / "fay" / "exercises")
    (subs / "gus").mkdir()  # handed in nothing: not gradable, by the learner's own doing
    solved(subs / "gil")
    out = root / "out"
    (out / "gil" / "results.json").mkdir(parents=True)  # a disk fault: the grader's, not gil's
    with contextlib.chdir(kata):
        main(["grade", *map(str, sorted(subs.iterdir())), "--out", str(out), "--jobs", "2",
              "--seed", "5", "--device", "cpu"])
    return out


COURSE = course_diagnoses.load(KataPaths(REPOSITORY).diagnoses)


def expected_misconceptions() -> dict[str, set[str]]:
    """diagnosis id -> learners, from what each planted file declares."""
    found: dict[str, set[str]] = {}
    for learner, styles in PLANTED.items():
        for style in styles:
            for ids in load_style(STYLES / f"{style}.py").diagnoses.values():
                for diagnosis in ids:
                    found.setdefault(diagnosis, set()).add(learner)
    return found


def test_the_planted_mistakes_are_the_class_misconceptions(graded):
    batch = read_batch(graded)
    summary = summarise([Learner(o.name, o.report, o.reason, o.fault) for o in batch.outcomes])
    found = {m.diagnosis: set(m.learners) for m in summary.misconceptions}
    assert found == expected_misconceptions()
    assert found["one_step_too_many"] == {"ben", "cat"}  # the declarations mean what we think
    counts = [len(m.learners) for m in summary.misconceptions]
    assert counts == sorted(counts, reverse=True)  # most common first
    where = {m.diagnosis: m.functions for m in summary.misconceptions}
    assert where["sample_std"] == ("05_linear_regression: standardize",)

    firsts = {f.learner: f.check for f in summary.first_failures}
    assert firsts["ann"] is None
    assert (firsts["cat"].exercise, firsts["cat"].function) == (
        "01_derivatives", "numerical_derivative")  # the kata's order: 01 before 02
    assert firsts["fay"].status.value == "not started"
    assert "gil" not in firsts and "gus" not in firsts
    assert [(f.learner, f.where) for f in summary.faults] == [("gil", "")]
    assert [learner.name for learner in summary.not_graded] == ["gus"]

    pairs = {(p.first, p.second): p for p in summary.same_pairs}
    assert set(pairs) == {("ben", "cat"), ("cat", "dan"), ("hue", "ivy")}
    assert summary.same_pairs[0].first == "hue"  # unexplained first
    assert pairs["hue", "ivy"].unexplained == len(pairs["hue", "ivy"].functions) >= 1
    assert pairs["ben", "cat"].unexplained == 0


def test_report_files_name_each_planted_diagnosis(graded, capsys):
    assert main(["report", str(graded)]) == 0
    assert "report.html" in capsys.readouterr().out
    markdown = (graded / "report.md").read_text(encoding="utf-8")
    for diagnosis, learners in expected_misconceptions().items():
        escaped = diagnosis.replace("_", r"\_")
        row = next(line for line in markdown.splitlines() if line.startswith(f"| {escaped} |"))
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert cells[2] == str(len(learners)) and cells[3] == ", ".join(sorted(learners))
        # the course's own sentence for it (hidden_tests/mistakes/diagnoses.toml)
        assert cells[1].replace("\\", "").startswith(COURSE[diagnosis]["en"][:20]), cells[1]
    assert "hue – ivy" in markdown

    page = (graded / "report.html").read_text(encoding="utf-8")
    sources = re.findall(r'src="([^"]*)"', page)
    assert len(sources) == 3 and all(s.startswith("data:image/png;base64,") for s in sources)
    for source in sources:
        assert base64.b64decode(source.split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
    assert not re.search(r"(href|src)=\"(?!data:)|https?://|<script|<link", page)
    assert 'lang="en"' in page and "one_step_too_many" in page


def test_report_in_chinese(graded):
    assert main(["--lang", "zh", "report", str(graded)]) == 0
    markdown = (graded / "report.md").read_text(encoding="utf-8")
    page = (graded / "report.html").read_text(encoding="utf-8")
    with messages.language("zh"):
        title = messages.text("class_report.title_misconceptions")
    sentence = COURSE["one_step_too_many"]["zh"]  # the course's own, in Chinese
    assert re.search(r"[\u4e00-\u9fff]", title)
    assert f"## {title}" in markdown
    assert 'lang="zh-CN"' in page and sentence in page
    assert "one\\_step\\_too\\_many" in markdown  # ids stay ids in every language


def test_chinese_pictures_are_never_drawn_in_boxes(graded, monkeypatch, capsys):
    # Without a font that holds Chinese, the charts are labelled in English and the
    # instructor is told why; matplotlib would otherwise draw each character as a box.
    from grader.pictures import drawing

    monkeypatch.setattr(drawing, "label_font",
                        lambda language: "" if language == "en" else None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["--lang", "zh", "report", str(graded)]) == 0
    assert not [w for w in caught if "missing from font" in str(w.message)]
    with messages.language("zh"):
        assert messages.text("picture.no_font") in capsys.readouterr().err


def test_learner_text_cannot_break_the_report():
    odd = Learner("<script>alert(1)</script> | # _x_", None, "a | b <b>", "")
    parts = class_report.sections(summarise([odd]))
    page = class_report.to_html(parts, "t", {})
    markdown = class_report.to_markdown(parts, "t")
    assert "<script>" not in page and "&lt;script&gt;" in page
    row = next(line for line in markdown.splitlines() if "alert" in line)
    assert row.count(" | ") == 1  # the learner's pipes are escaped, the table holds
