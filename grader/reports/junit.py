"""Reports as JUnit XML, for CI systems: one <testsuite> per submission, one <testcase> per
function and device. Wrong answers and "not started" are failures; errors and timeouts are
errors (the code did not finish), so CI dashboards keep the two apart.

The file follows the common JUnit schema (Jenkins' junit-10.xsd, Ant's format): a
<testsuites> root named after the kata, suites with tests/failures/errors, a timestamp
(UTC, ISO 8601 without a zone, as Ant writes it), a hostname and their time. A testcase's
time is its function's tests' time; a failure's message is the first line of its verdict
(after the call it shows), so a dashboard's list says what went wrong. Learner text follows
grader.reports.escaping's XML rule.
"""

from __future__ import annotations

import os
import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from grader.records import messages
from grader.records.results import CheckResult, Report, Status
from grader.reports.escaping import xml_text as _clean

_ELEMENT = {Status.WRONG: "failure", Status.NOT_STARTED: "failure",
            Status.ERROR: "error", Status.TIMED_OUT: "error"}


def to_element(reports: Sequence[Report], *, kata: str = "kata",
               when: datetime | None = None) -> ET.Element:
    """The XML of `reports`; `kata` names the root, `when` (default now) stamps the suites."""
    stamp = (when or datetime.now(UTC)).astimezone(UTC)
    suites = ET.Element("testsuites", name=kata)
    for report in reports:
        suites.append(_suite(report, stamp.strftime("%Y-%m-%dT%H:%M:%S")))
    _add_counts(suites, suites.iter("testcase"))
    suites.set("time", _seconds(sum(report.execution_time for report in reports)))
    return suites


def write(reports: Sequence[Report], path: Path, *, kata: str = "kata") -> None:
    tree = ET.ElementTree(to_element(reports, kata=kata))
    ET.indent(tree)
    partial = Path(path).with_name(Path(path).name + ".partial")
    tree.write(partial, encoding="utf-8", xml_declaration=True)
    os.replace(partial, path)  # readers never see half a file


def _suite(report: Report, timestamp: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(report.submission or "kata"), timestamp=timestamp,
                       hostname=_clean(socket.gethostname()) or "localhost")
    properties = ET.SubElement(suite, "properties")
    for name, value in (("seed", report.seed), ("devices", ",".join(report.devices)),
                        ("score", f"{report.score:g}"), ("max_score", f"{report.max_score:g}"),
                        ("confinement", report.confinement)):
        ET.SubElement(properties, "property", name=name, value=_clean(str(value)))
    for check in report.checks:
        if not check.public:  # worth nothing, and the hidden tests grade the same function
            suite.append(_case(report, check))
    _add_counts(suite, suite.iter("testcase"))
    suite.set("skipped", "0")  # every function is graded; "not started" is a failure
    suite.set("time", _seconds(report.execution_time))
    return suite


def _case(report: Report, check: CheckResult) -> ET.Element:
    classname = f"{report.submission}.{check.exercise}" if report.submission else check.exercise
    case = ET.Element(
        "testcase", classname=_clean(classname), name=_clean(f"{check.function}[{check.device}]"),
        time=_seconds(check.seconds),
    )
    tag = _ELEMENT.get(check.status)
    if tag is not None:
        word = messages.status_word(check.status)
        outcome = ET.SubElement(case, tag, message=_clean(headline(check.message) or word),
                                type=check.status.value)
        outcome.text = _clean(check.message or word)
    if check.output:
        ET.SubElement(case, "system-out").text = _clean(check.output)
    return case


def _add_counts(element: ET.Element, cases: Iterable[ET.Element]) -> None:
    cases = list(cases)
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    element.set("errors", str(sum(case.find("error") is not None for case in cases)))


def _seconds(value: float) -> str:
    """Seconds as the schema's time type wants them: digits, a point, digits; never negative."""
    return f"{max(value, 0.0):.3f}"


def headline(message: str) -> str:
    """The verdict's first line: the call a check shows first, and the code that rebuilds
    its functions passed by name, are skipped (in any language the message was written in)."""
    lines = [line for line in message.splitlines() if line.strip()]
    called, helpers = _prefixes("check.called"), _prefixes("check.helpers")
    if len(lines) > 1 and lines[0].startswith(called):
        lines = lines[1:]
        if lines and lines[0].startswith(helpers):
            lines = lines[1:]
            while len(lines) > 1 and lines[0].startswith(" "):
                lines = lines[1:]
    return lines[0][:300] if lines else ""


def _prefixes(key: str) -> tuple[str, ...]:
    """What every language's template `key` starts with, before its first field."""
    found = []
    for code in messages.LANGUAGES:
        with messages.language(code):
            found.append(messages.text(key, call="\0", code="\0").split("\0")[0].split("\n")[0])
    return tuple(found)
