"""The file reporters: Gradescope results.json, JUnit XML and the gradebook CSV."""

import csv
import dataclasses
from dataclasses import replace
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from grader.records.results import Report, Status
from grader.reports import gradebook as report_gradebook
from grader.reports import gradescope as report_gradescope
from grader.reports import junit as report_junit
from tests.support.report_samples import WRONG_MESSAGE, check

# The Gradescope autograder format, as kata-spec.md "Results" fixes it.
GRADESCOPE = {
    "type": "object",
    "required": ["score", "max_score", "execution_time", "output", "tests"],
    "properties": {
        "score": {"type": "number"},
        "max_score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "score", "max_score", "status", "output", "visibility",
                             "tags"],
                "properties": {
                    "name": {"type": "string"},
                    "score": {"type": "number"},
                    "max_score": {"type": "number"},
                    "status": {"enum": ["passed", "failed"]},
                    "output": {"type": "string"},
                    "visibility": {"enum": ["hidden", "after_due_date", "after_published",
                                            "visible"]},
                    "tags": {"type": "array", "items": {"type": "string"},
                             "minItems": 3, "maxItems": 3},
                },
            },
        },
    },
}


# ---- Gradescope -------------------------------------------------------------------------


def test_gradescope_format(report, broken_report, tmp_path):
    for each in (report, broken_report):
        path = tmp_path / f"{each.submission}.json"
        report_gradescope.write(each, path)
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, GRADESCOPE)
        assert data["score"] == sum(test["score"] for test in data["tests"])
        assert data["score"] == each.score and data["max_score"] == each.max_score
        assert f"seed {each.seed}" in data["output"]
    assert not list(tmp_path.glob("*.partial"))


def test_gradescope_tests_one_per_check_with_tags(report):
    tests = report_gradescope.to_dict(report)["tests"]
    assert [test["tags"] for test in tests] == [
        [c.exercise, c.function, c.device] for c in report.checks]
    assert [test["status"] for test in tests] == [
        "failed", "passed", "passed", "failed", "failed"]
    assert "got 0.96, expected 0.9216" in tests[0]["output"]
    assert "x = 0.5" in tests[0]["output"]  # the learner's prints are quoted
    assert tests[3]["name"] == "02_steps: step [cuda]"


def test_gradescope_load_error_is_in_every_test_of_that_exercise(broken_report):
    tests = report_gradescope.to_dict(broken_report)["tests"]
    for test in tests[:2]:
        assert "line 3: syntax error" in test["output"]
        assert test["status"] == "failed" and test["score"] == 0


def test_gradescope_load_error_is_added_when_the_message_lacks_it(broken_report):
    quiet = check("01_slopes", "slope", "error", 0, 30, message="not graded")
    report = Report(1, ("cpu",), (quiet,), broken_report.exercises, 0.0)
    output = report_gradescope.to_dict(report)["tests"][0]["output"]
    assert "line 3: syntax error" in output and "not graded" in output


def test_gradescope_round_trip(report, broken_report, tmp_path):
    for each in (report, broken_report):
        path = tmp_path / "results.json"
        report_gradescope.write(each, path)
        assert report_gradescope.read(path) == each


def test_gradescope_refuses_another_results_version(report):
    data = report_gradescope.to_dict(report)
    data["extra_data"]["results_version"] = 99
    with pytest.raises(ValueError, match="results version"):
        report_gradescope.from_dict(data)


# ---- JUnit ------------------------------------------------------------------------------


def junit(reports, tmp_path):
    path = tmp_path / "junit.xml"
    report_junit.write(reports, path)
    return ET.parse(path).getroot()  # also proves the file is well-formed XML


def test_junit_one_suite_per_submission(report, broken_report, tmp_path):
    root = junit([report, broken_report], tmp_path)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["alice", "bob"]
    assert [int(suite.get("tests")) for suite in suites] == [5, 4]
    assert root.get("tests") == "9"
    props = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert props["seed"] == "4242"


def test_junit_statuses(report, tmp_path):
    suite = junit([report], tmp_path).find("testsuite")
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("alice.01_slopes", "slope[cpu]"), ("alice.01_slopes", "tangent[cpu]"),
        ("alice.02_steps", "step[cpu]"), ("alice.02_steps", "step[cuda]"),
        ("alice.02_steps", "walk[cpu]")]
    outcome = [(c[0].tag, c[0].get("message")) if len(c) and c[0].tag != "system-out"
               else None for c in cases]
    # each message is its verdict's first line, the call it shows first left out
    assert outcome == [("failure", WRONG_MESSAGE.splitlines()[1]), None, None,
                       ("error", "timed out: step did not return within 2.0 s."),
                       ("failure", "not started: walk still raises NotImplementedError.")]
    assert "got 0.96" in cases[0].find("failure").text
    assert cases[0].find("system-out").text.startswith("x = 0.5")
    assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("2", "1", "0")


def test_junit_survives_control_characters(broken_report, tmp_path):
    case = junit([broken_report], tmp_path).find("testsuite").findall("testcase")[2]
    assert case.find("error").get("message") == "step raised ZeroDivisionError: division by zero"
    assert "red" in case.find("system-out").text


def test_junit_testcases_carry_their_function_s_time(report, tmp_path):
    timed = replace(report, checks=tuple(replace(c, seconds=0.25 * i)
                                         for i, c in enumerate(report.checks)))
    cases = junit([timed], tmp_path).find("testsuite").findall("testcase")
    assert [case.get("time") for case in cases] == ["0.000", "0.250", "0.500", "0.750", "1.000"]


def test_junit_message_skips_the_code_that_rebuilds_a_call(report, tmp_path):
    message = ("Called walk(f=cubic(a=1.0))\n"
               "where the functions passed by name are:\n"
               "    def cubic(x):\n        return x ** 3\n"
               "walk raised ValueError: no\nTraceback (most recent call last):")
    checks = (replace(report.checks[-1], status=Status.ERROR, message=message),)
    case = junit([replace(report, checks=checks)], tmp_path).find("testsuite").find("testcase")
    assert case.find("error").get("message") == "walk raised ValueError: no"


def test_junit_without_a_submission_name(report, tmp_path):
    plain = Report(report.seed, report.devices, report.checks, report.exercises, 1.0)
    suite = junit([plain], tmp_path).find("testsuite")
    assert suite.get("name") == "kata"
    assert suite.find("testcase").get("classname") == "01_slopes"


# ---- gradebook --------------------------------------------------------------------------


def test_gradebook(report, broken_report, tmp_path):
    path = tmp_path / "gradebook.csv"
    ungraded = report_gradebook.Ungraded("carol", "the worker could not start")
    report_gradebook.write([report, broken_report, ungraded], ["01_slopes", "02_steps"], path)
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["submission", "score", "max_score", "01_slopes", "02_steps", "status",
                       "confinement"]  # the spec's columns, then what confined the code
    assert rows[1] == ["alice", "40", "100", "20", "20", "graded", ""]
    assert rows[2] == ["bob", "10", "100", "0", "10", "graded", ""]
    assert rows[3] == ["carol", "", "", "", "", "not graded: the worker could not start", ""]


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"])
def test_gradebook_cells_are_never_formulas(report, tmp_path, name):
    path = tmp_path / "gradebook.csv"
    named = dataclasses.replace(report, submission=name, confinement="mount-ns")
    report_gradebook.write([named, report_gradebook.Ungraded(name, "-x", "=y")], ["01_slopes"],
                           path)
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[1] == ["'" + name, "40", "100", "20", "graded", "mount-ns"]
    assert rows[2] == ["'" + name, "", "", "", "not graded: -x", "'=y"]


def test_gradebook_plain_cells_are_left_alone(report, tmp_path):
    path = tmp_path / "gradebook.csv"
    report_gradebook.write([dataclasses.replace(report, submission="Ada Lovelace")],
                           ["01_slopes"], path)
    assert path.read_text(encoding="utf-8").splitlines()[1] == "Ada Lovelace,40,100,20,graded,"


def test_gradebook_leaves_ungraded_exercises_empty(report, tmp_path):
    path = tmp_path / "gradebook.csv"
    report_gradebook.write([report], ["01_slopes", "03_more", "02_steps"], path)
    row = path.read_text(encoding="utf-8").splitlines()[1]
    assert row == "alice,40,100,20,,20,graded,"
