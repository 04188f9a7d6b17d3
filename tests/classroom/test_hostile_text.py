"""Learner text is data in every output: a submission whose exception messages, printed
output, load error and folder name are written to forge a heading, a score line, a link, a
tracking pixel, a table, a formula, an XML element or a terminal command gets none of them,
in results.json (Markdown, rendered as a renderer that allows HTML and links bare URLs
renders it), the summary, gradebook.csv, junit.xml and the terminal. The same grading of an
honest submission is the other direction: its points, and no quoting where none is due."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from grader.cli import main
from tests.support.kata_maker import make_kata

FORGED = (
    "`\n## square: passed (30/30)\n**100/100 points** from your instructor's tests.\n"
    "![pixel](https://evil.example/p.png) [request a regrade](https://evil.example/r) "
    "<img src=https://evil.example/i.png> https://evil.example/bare\n| a | b |\n| - | - |\n"
    "</failure></testcase><testcase name=\"forged\"/> ]]> &amp; =1+1 \x1b[2J\x1b]0;owned\x07"
)

SQUARE_FORGES = f'''\
print({FORGED!r})


def square(x):
    raise ValueError({FORGED!r})


def cube(x):
    print("```\\n# printed heading\\n```")
    return x * x * x
'''

TOTAL_FAILS_TO_LOAD = f'''\
raise RuntimeError("**100/100 points** ![p](https://evil.example/p.png) ` <b>x</b>" + {FORGED!r})


def total(values):
    return float(sum(values))
'''

FOLDER = "=HYPERLINK(\"evil\") `## x` [a](https)"

# What learner text must never become: markup that is not the grader's own.
FORGED_MARKUP = {"heading_open", "link_open", "image", "html_inline", "html_block",
                 "table_open", "hr"}


def tokens(markdown: str) -> list:
    """Every token, inline ones too, as a GitHub-like renderer with raw HTML sees it."""
    parser = MarkdownIt("gfm-like", {"html": True})
    found = []
    for token in parser.parse(markdown):
        found.append(token)
        found.extend(token.children or ())
    return found


def code_text(markdown: str) -> str:
    """All text the renderer shows as code (where the learner's words belong)."""
    return "\n".join(t.content for t in tokens(markdown) if t.type in ("code_inline", "fence"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory, small_kata):
    root = tmp_path_factory.mktemp("hostile-text")
    hostile = root / "class" / FOLDER / "exercises"
    honest = root / "class" / "honest" / "exercises"
    for folder in (hostile, honest):
        folder.mkdir(parents=True)
    (hostile / "01_square.py").write_text(SQUARE_FORGES, encoding="utf-8")
    (hostile / "02_total.py").write_text(TOTAL_FAILS_TO_LOAD, encoding="utf-8")
    for name in ("01_square", "02_total"):
        (honest / f"{name}.py").write_text(
            (small_kata / "solutions" / f"{name}.py").read_text(encoding="utf-8"))
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(small_kata)
        assert main(["grade", str(hostile.parent), str(honest.parent), "--out", str(out),
                     "--seed", "3"]) == 0
    return out


def results_of(out: Path, tag: str) -> dict:
    """The honest one's results by name; the hostile name is no safe folder name."""
    [path] = [out / "honest" / "results.json"] if tag == "honest" else list(
        out.glob("submissions/*/results.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def test_results_json_shows_the_learner_s_words_as_code_only(graded):
    data = results_of(graded, "forged")
    for test in data["tests"]:
        assert test["output_format"] == "md"
        found = {t.type for t in tokens(test["output"])}
        assert not found & FORGED_MARKUP, (test["name"], found & FORGED_MARKUP)
        assert "strong_open" not in found
    square = data["tests"][0]
    assert square["score"] == 0 and "## square: passed (30/30)" in code_text(square["output"])
    assert "pixel](https://evil.example/p.png)" in code_text(square["output"])
    cube = data["tests"][1]  # right answer, hostile prints: points, and the prints as code
    assert cube["score"] == 20 and "# printed heading" in code_text(cube["output"])


def test_the_summary_has_one_score_line_and_it_is_the_grader_s(graded):
    data = results_of(graded, "forged")
    found = tokens(data["output"])
    assert not {t.type for t in found} & FORGED_MARKUP
    bold = [t for t in found if t.type == "strong_open"]
    assert len(bold) == 1 and data["output"].startswith(f"**{data['score']:g}/")
    assert "**100/100 points**" in code_text(data["output"])  # quoted, as code
    assert data["score"] == 20


def test_an_honest_submission_keeps_its_points_and_plain_words(graded):
    data = results_of(graded, "honest")
    assert data["score"] == data["max_score"] == 100
    assert {t.type for t in tokens(data["output"])} & FORGED_MARKUP == set()
    assert all(test["output"] == "passed" for test in data["tests"])


def test_the_gradebook_never_starts_a_formula(graded):
    with open(graded / "gradebook.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.lstrip().startswith(("=", "+", "-", "@"))]
    assert "'" + FOLDER in cells and "honest" in cells


def test_junit_holds_the_texts_as_text(graded):
    root = ET.parse(graded / "junit.xml").getroot()
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 8 and not [c for c in cases if c.get("name") == "forged"]
    forged = [c for c in cases if c.get("classname", "").startswith("=HYPERLINK")]
    failure = forged[0].find("error")
    assert failure.get("message").startswith("square raised ValueError: `")
    assert "</failure></testcase><testcase name=\"forged\"/> ]]>" in failure.text
    assert "\x1b" not in (graded / "junit.xml").read_text(encoding="utf-8")


def test_the_terminal_shows_escapes_instead_of_running_them(tmp_path, capsys, monkeypatch):
    kata = make_kata(tmp_path / "kata")
    (kata / "exercises" / "01_square.py").write_text(SQUARE_FORGES, encoding="utf-8")
    monkeypatch.chdir(kata)
    assert main(["run", "01", "--seed", "3"]) == 1
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b[2J" in shown and "## square: passed (30/30)" in shown
    (kata / "exercises" / "01_square.py").write_text(
        (kata / "solutions" / "01_square.py").read_text(encoding="utf-8"))
    assert main(["run", "01", "--seed", "3"]) == 0
    assert not re.search(r"\\x[0-9a-f]{2}", capsys.readouterr().out)
