"""`grade`'s results as a Gradescope learner reads them: visibility of the hidden tests'
details, a summary without `grader run --seed`, Markdown in which the learner's words are
code (the hostile texts themselves are in tests/classroom/test_hostile_text.py)."""

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from tests.support.report_samples import CATALOGUE

from grader.records.catalogue import CatalogueError, parse_catalogue
from grader.records.results import ExerciseRun
from grader.reports import gradescope as report_gradescope
from grader.reports.escaping import markdown_block, markdown_code

SCHEMA_FILE = Path(__file__).parents[1] / "classroom" / "gradescope_schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_catalogue_visibility_defaults_to_visible_and_is_checked():
    assert parse_catalogue(CATALOGUE, Path("c.toml")).visibility == "visible"
    chosen = parse_catalogue({**CATALOGUE, "visibility": "after_due_date"}, Path("c.toml"))
    assert chosen.visibility == "after_due_date"
    with pytest.raises(CatalogueError, match="visibility 'later' is not one of"):
        parse_catalogue({**CATALOGUE, "visibility": "later"}, Path("c.toml"))


def test_run_results_stay_as_they_were(report):
    data = report_gradescope.to_dict(report)
    jsonschema.validate(data, SCHEMA)
    assert "output_format" not in data
    assert f"grader run --seed {report.seed}" in data["output"]
    assert not any("output_format" in test for test in data["tests"])


@pytest.mark.parametrize("visibility", ["visible", "after_due_date", "after_published",
                                        "hidden"])
def test_graded_results_carry_the_visibility_and_never_advise_a_rerun(report, visibility):
    data = report_gradescope.to_dict(report.with_visibility(visibility), graded=True)
    jsonschema.validate(data, SCHEMA)
    assert {test["visibility"] for test in data["tests"]} == {visibility}
    assert data["output_format"] == "md"
    assert "grader run" not in data["output"] and "--seed" not in data["output"]
    points = f"**{report.score:g}/{report.max_score:g} points**"
    assert (points in data["output"]) == (visibility == "visible")


def test_graded_summary_names_missing_and_broken_files(broken_report):
    output = report_gradescope.to_dict(broken_report, graded=True)["output"]
    assert "`01_slopes`: `exercises/01_slopes.py` could not be loaded: `" in output
    assert "line 3: syntax error" in output
    missing = replace(broken_report, exercises=(ExerciseRun("01_slopes", None),
                                                broken_report.exercises[1]))
    output = report_gradescope.to_dict(missing, graded=True)["output"]
    assert "`01_slopes`: no file found; upload `01_slopes.py` or `01_slopes.ipynb`" in output
    assert "`02_steps`: 10/50 (graded `exercises/02_steps.py`)" in output


def test_every_graded_test_is_markdown_with_the_learner_s_words_in_code(report):
    data = report_gradescope.to_dict(report, graded=True)
    for test, check in zip(data["tests"], report.checks):
        assert test["output_format"] == "md"
        if check.message:
            assert markdown_block(check.message) in test["output"]


def test_printed_output_is_fenced_longer_than_any_backticks_inside():
    block = markdown_block("x ``` y")
    assert block.startswith("````\n") and block.endswith("\n````")
    assert markdown_block("plain") == "```\nplain\n```"


@pytest.mark.parametrize("text, span", [
    ("plain", "`plain`"),
    ("a`b", "``a`b``"),
    ("`start", "`` `start ``"),
    ("two\nlines\n# here", "`two lines # here`"),
])
def test_a_line_of_learner_text_is_one_code_span(text, span):
    assert markdown_code(text) == span
