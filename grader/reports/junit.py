"""Reports as JUnit XML, for CI systems: one <testsuite> per submission, one <testcase> per
function and device. Wrong answers and "not started" are failures; errors and timeouts are
errors (the code did not finish), so CI dashboards keep the two apart."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from grader.records import messages
from grader.records.results import CheckResult, Report, Status

# Characters XML 1.0 cannot hold at all; learner output may contain them (ANSI escapes, NUL).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ELEMENT = {Status.WRONG: "failure", Status.NOT_STARTED: "failure",
            Status.ERROR: "error", Status.TIMED_OUT: "error"}


def to_element(reports: Sequence[Report]) -> ET.Element:
    suites = ET.Element("testsuites", name="descent-kata")
    for report in reports:
        suites.append(_suite(report))
    _add_counts(suites, suites.iter("testcase"))
    return suites


def write(reports: Sequence[Report], path: Path) -> None:
    tree = ET.ElementTree(to_element(reports))
    ET.indent(tree)
    partial = Path(path).with_name(Path(path).name + ".partial")
    tree.write(partial, encoding="utf-8", xml_declaration=True)
    os.replace(partial, path)  # readers never see half a file


def _suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(report.submission or "kata"))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("seed", report.seed), ("devices", ",".join(report.devices)),
                        ("score", f"{report.score:g}"), ("max_score", f"{report.max_score:g}"),
                        ("confinement", report.confinement)):
        ET.SubElement(properties, "property", name=name, value=_clean(str(value)))
    for check in report.checks:
        suite.append(_case(report, check))
    _add_counts(suite, suite.iter("testcase"))
    suite.set("time", f"{report.execution_time:.3f}")
    return suite


def _case(report: Report, check: CheckResult) -> ET.Element:
    classname = f"{report.submission}.{check.exercise}" if report.submission else check.exercise
    case = ET.Element(
        "testcase", classname=_clean(classname), name=_clean(f"{check.function}[{check.device}]")
    )
    tag = _ELEMENT.get(check.status)
    if tag is not None:
        word = messages.status_word(check.status)
        outcome = ET.SubElement(case, tag, message=_clean(word), type=check.status.value)
        outcome.text = _clean(check.message or word)
    if check.output:
        ET.SubElement(case, "system-out").text = _clean(check.output)
    return case


def _add_counts(element: ET.Element, cases) -> None:
    cases = list(cases)
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    element.set("errors", str(sum(case.find("error") is not None for case in cases)))
    element.set("skipped", "0")  # every function is graded; "not started" is a failure


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
