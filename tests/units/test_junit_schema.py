"""junit.xml follows the common JUnit schema (Jenkins' junit-10.xsd, the format Ant writes).

The schema's rules are written out below as a small validator, so the test needs no XML
schema library: which elements may hold which, which attributes each may carry, which are
required, and the form of `time`. The validator is proven to refuse what the schema refuses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from grader.reports import junit as report_junit
from grader.records.results import Report

# element -> (attributes allowed, attributes required, child elements allowed)
OUTCOME = ({"type", "message"}, set(), set())
RULES: dict[str, tuple[set[str], set[str], set[str]]] = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": (
        {"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp",
         "hostname", "id", "package", "file", "log", "url"},
        {"name", "tests", "failures", "errors"},
        {"testsuite", "properties", "testcase", "system-out", "system-err"},
    ),
    "properties": (set(), set(), {"property"}),
    "property": ({"name", "value"}, {"name", "value"}, set()),
    "testcase": (
        {"name", "time", "classname", "group"},
        {"name"},
        {"skipped", "error", "failure", "system-out", "system-err"},
    ),
    "failure": OUTCOME,
    "error": OUTCOME,
    "skipped": OUTCOME,
    "system-out": (set(), set(), set()),
    "system-err": (set(), set(), set()),
}
# The schema's SUREFIRE_TIME: digits (optionally grouped by commas) and a decimal part.
TIME = re.compile(r"(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?")
# Ant writes timestamps as ISO 8601 without a zone; stricter readers insist on that form.
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def schema_problems(root: ET.Element) -> list[str]:
    """Every way `root` breaks the schema; empty when it is valid."""
    if root.tag != "testsuites":
        return [f"root is <{root.tag}>, not <testsuites>"]
    problems: list[str] = []
    for element in root.iter():
        if element.tag not in RULES:
            problems.append(f"<{element.tag}> is not a JUnit element")
            continue
        allowed, required, children = RULES[element.tag]
        problems += [f"<{element.tag}> may not carry {name!r}"
                     for name in sorted(set(element.attrib) - allowed)]
        problems += [f"<{element.tag}> lacks {name!r}"
                     for name in sorted(required - set(element.attrib))]
        problems += [f"<{element.tag}> may not hold <{child.tag}>"
                     for child in element if child.tag not in children]
        if "time" in element.attrib and not TIME.fullmatch(element.get("time")):
            problems.append(f"<{element.tag}> time {element.get('time')!r} is not a time")
        if "timestamp" in element.attrib and not TIMESTAMP.fullmatch(element.get("timestamp")):
            problems.append(f"<{element.tag}> timestamp {element.get('timestamp')!r}")
    return problems


def written(reports, tmp_path, **options) -> ET.Element:
    path = tmp_path / "junit.xml"
    report_junit.write(reports, path, **options)
    return ET.parse(path).getroot()


def test_the_validator_refuses_what_the_schema_refuses():
    bad = ET.fromstring(
        '<testsuites skipped="0"><testsuite name="a" tests="1" failures="0" time="1 s">'
        '<testcase><failure><b/></failure></testcase><properties><property name="x"/>'
        "</properties></testsuite><testcase name=\"stray\"/></testsuites>"
    )
    assert schema_problems(bad) == [
        "<testsuites> may not carry 'skipped'",
        "<testsuites> may not hold <testcase>",
        "<testsuite> lacks 'errors'",
        "<testsuite> time '1 s' is not a time",
        "<testcase> lacks 'name'",
        "<failure> may not hold <b>",
        "<b> is not a JUnit element",
        "<property> lacks 'value'",
    ]


def test_junit_xml_is_valid_with_times_and_timestamps(report, broken_report, tmp_path):
    root = written([report, broken_report], tmp_path, kata="slopes-kata")
    assert schema_problems(root) == []
    assert root.get("name") == "slopes-kata"
    for suite in root.findall("testsuite"):
        assert suite.get("timestamp") and suite.get("hostname") and suite.get("time")
        assert all(case.get("time") for case in suite.iter("testcase"))
    total = sum(float(suite.get("time")) for suite in root.findall("testsuite"))
    assert float(root.get("time")) == pytest.approx(total, abs=0.002)


def test_the_timestamp_is_when_the_file_was_written_in_utc(report):
    when = datetime(2026, 3, 1, 17, 30, 5, tzinfo=UTC)
    suite = report_junit.to_element([report], when=when).find("testsuite")
    assert suite.get("timestamp") == "2026-03-01T17:30:05"


def test_an_empty_batch_is_still_valid(tmp_path):
    root = written([], tmp_path)
    assert schema_problems(root) == []
    assert (root.get("name"), root.get("tests"), root.get("time")) == ("kata", "0", "0.000")


def test_a_negative_clock_reading_is_written_as_zero(report, tmp_path):
    odd = Report(report.seed, report.devices, report.checks, report.exercises, -0.5)
    suite = written([odd], tmp_path).find("testsuite")
    assert suite.get("time") == "0.000" and schema_problems(written([odd], tmp_path)) == []
