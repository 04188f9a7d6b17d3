"""The terminal report: per exercise each function's status and points, the first failure
explained (or every one, on request), then totals and the seed; and what comes next.
Plain text that fits `width` columns (wide CJK characters count twice), so it reads the same
without colour, in CI logs and in notebooks."""

from __future__ import annotations

import unicodedata

from grader.records import messages
from grader.records.catalogue import Catalogue
from grader.records.progress import next_to_do
from grader.records.results import CheckResult, ExerciseTotal, Report, Status

INDENT = "    "
OUTPUT_LINES = 8  # lines of a learner's prints quoted under a failure


def render(report: Report, catalogue: Catalogue | None, width: int = 80, *,
           all_details: bool = False) -> str:
    """`all_details`: explain every failing function, not only each exercise's first."""
    width = max(width, 40)
    devices = ", ".join(report.devices) or "cpu"
    totals = report.by_exercise()
    kata = catalogue.title_in(messages.current()) if catalogue else "kata"
    title = messages.text("report.title", kata=kata, count=len(totals), seed=report.seed,
                          devices=devices)
    lines = wrap(f"{report.submission}: {title}" if report.submission else title, width)
    for total in totals.values():
        lines.append("")
        lines += _exercise(report, total, catalogue, width, all_details)
    lines.append("")
    lines += _summary(report, width)
    return "\n".join(lines) + "\n"


def _exercise(
    report: Report, total: ExerciseTotal, catalogue: Catalogue | None, width: int,
    all_details: bool = False,
) -> list[str]:
    entry = _entry(catalogue, total.exercise)
    title = entry.title_in(messages.current()) if entry else ""
    heading = f"{total.exercise}  {title}" if entry else total.exercise
    earned = messages.text(
        "report.exercise_points", score=points(total.score), max_score=points(total.max_score)
    )
    lines = [_columns(heading, earned, width)]
    run = report.run_of(total.exercise)
    if run is not None:
        if run.source:
            lines += wrap(messages.text("report.source", source=run.source), width, "  ")
        elif not run.load_error:  # the load error already says the file is missing
            lines += wrap(messages.text("report.no_source"), width, "  ")
        if run.load_error:
            lines += _paragraphs(messages.text("report.load_error", error=run.load_error), width)
    lines += _function_lines(total.checks, width)
    explained = _failures(total.checks, all_details)
    if explained and not (run and run.load_error):
        for check in explained:
            lines += _explain(check, width)
        if entry and any(check.status is not Status.NOT_STARTED for check in explained):
            lines += wrap(messages.text("report.next_hint", exercise=entry.id), width, INDENT)
    return lines


def _function_lines(checks: tuple[CheckResult, ...], width: int) -> list[str]:
    status_width = max(_cells(messages.status_word(status)) for status in Status)
    names = [check.function for check in checks]
    lines = []
    for check in checks:
        name = check.function
        if names.count(name) > 1:  # graded on several devices: say which line is which
            name = f"{name} [{check.device}]"
        word = messages.status_word(check.status)
        left = "  " + word + " " * (status_width - _cells(word)) + "  " + name
        score = messages.text(
            "report.points", score=points(check.score), max_score=points(check.max_score)
        )
        lines.append(_columns(left, score, width))
    return lines


def _failures(checks: tuple[CheckResult, ...], every: bool) -> list[CheckResult]:
    """The failures to explain: every one, or the first wrong/error/timeout ("not started"
    only when nothing else failed)."""
    failing = [check for check in checks if not check.passed]
    if every:
        return failing
    started = [check for check in failing if check.status is not Status.NOT_STARTED]
    first = started or failing
    return first[:1]


def next_step(catalogue: Catalogue, state: dict, after: str | None) -> str:
    """After a passing run: the exercise to do next, or that the kata is done."""
    entry = next_to_do(catalogue, state, after)
    if entry is None:
        return messages.text("report.course_done")
    return messages.text("report.next_exercise", exercise=entry.id, number=f"{entry.number:02d}")


def _explain(check: CheckResult, width: int) -> list[str]:
    name = check.function if check.device == "cpu" else f"{check.function} [{check.device}]"
    heading = messages.text("report.failure", function=name,
                            status=messages.status_word(check.status))
    lines = wrap(heading, width, "  ")
    lines += _paragraphs(check.message, width, INDENT)
    if check.output.strip():
        lines += wrap(messages.text("output.printed"), width, INDENT)
        lines += _output_excerpt(check.output, width)
    if check.status in (Status.WRONG, Status.ERROR):  # a call the learner can replay
        number = check.exercise.split("_", 1)[0]
        lines += wrap(messages.text("report.repro", exercise=number, function=check.function),
                      width, INDENT)
    return lines


def _paragraphs(text: str, width: int, indent: str = "  ") -> list[str]:
    """Each line of `text` wrapped on its own (a traceback keeps its lines)."""
    return [out for line in text.splitlines() for out in wrap(line, width, indent)]


def _output_excerpt(output: str, width: int) -> list[str]:
    """The first printed lines, each whole (wrapped, not cut: a warning explains an error)."""
    printed = output.rstrip("\n").splitlines()
    room = max(width - _cells(INDENT + "| "), 10)
    lines = [INDENT + "| " + piece for line in printed[:OUTPUT_LINES]
             for piece in _chunks(line.expandtabs(4), room)]
    if len(printed) > OUTPUT_LINES:
        more = messages.text("report.output_lines", count=len(printed) - OUTPUT_LINES)
        lines.append(_fit(INDENT + "| " + more, width))
    return lines


def _summary(report: Report, width: int) -> list[str]:
    counts = report.counts()
    total = messages.text(
        "report.total",
        score=points(report.score),
        max_score=points(report.max_score),
        passed=counts[Status.PASSED],
        checks=len(report.checks),
    )
    lines = wrap(total, width)
    if report.passed and report.checks:
        lines += wrap(messages.text("report.all_passed"), width)
    return lines + wrap(messages.text("report.seed", seed=report.seed), width)


def _entry(catalogue: Catalogue | None, exercise: str):
    if catalogue is None:
        return None
    return next((entry for entry in catalogue.exercises if entry.id == exercise), None)


def points(value: float) -> str:
    return f"{round(value, 2):g}"


# ---- text that fits the terminal ----------------------------------------------------------------


def _cells(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` columns (wide characters count twice)."""
    return text + " " * (width - _cells(text))


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` columns, ending in "..." when something was cut."""
    if _cells(text) <= width:
        return text
    kept = ""
    for char in text:
        if _cells(kept + char) > width - 3:
            break
        kept += char
    return kept + "..."


def _columns(left: str, right: str, width: int) -> str:
    """`left` and `right` on one line, `right` flush with the edge; `left` cut to fit."""
    room = width - _cells(right) - 1
    left = _fit(left, room)
    return left + " " * (width - _cells(left) - _cells(right)) + right


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """`text` after `indent`, on lines of at most `width` columns.

    A line that fits is kept as written (aligned columns stay aligned); a longer one is
    broken between words, and a word longer than a line (a path, an array) is split.
    """
    text = text.expandtabs(4).rstrip()
    if _cells(indent + text) <= width:
        return [indent + text]
    indent += text[: len(text) - len(text.lstrip())]
    room = max(width - _cells(indent), 10)
    words = [chunk for word in text.split() for chunk in _chunks(word, room)]
    lines, line = [], ""
    for word in words:
        if line and _cells(line) + 1 + _cells(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [indent + line for line in lines]


# Punctuation a line must not start with (Chinese typesetting's rule, and the Latin marks):
# the character before it moves to the next line with it.
_NO_LINE_START = set("，。、；：！？）》」』】〕…—,.;:!?)]}%")


def _chunks(word: str, room: int) -> list[str]:
    """`word` in pieces of at most `room` columns, none starting with punctuation."""
    pieces = []
    while _cells(word) > room:
        head = ""
        for char in word:
            if _cells(head + char) > room:
                break
            head += char
        while len(head) > 1 and word[len(head)] in _NO_LINE_START:
            head = head[:-1]  # a closing mark stays with the character before it
        pieces.append(head)
        word = word[len(head):]
    return pieces + [word]
