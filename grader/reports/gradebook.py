"""The instructor's gradebook: one CSV row per submission, one column per exercise.

Header: submission,score,max_score,<exercise ids...>,status,confinement (the last column
says what confined the submission's code, after the columns the spec fixes). A submission
that could not be graded at all still gets its row (scores left empty), so none silently
goes missing. Text cells follow grader.reports.escaping's CSV rule: none starts a formula.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.records import messages
from grader.records.results import Report
from grader.reports.escaping import csv_cell


@dataclass(frozen=True)
class Ungraded:
    """A submission the grader could not grade, and why."""

    submission: str
    reason: str
    confinement: str = ""


def header(exercise_ids: Sequence[str]) -> list[str]:
    return ["submission", "score", "max_score", *exercise_ids, "status", "confinement"]


def row(entry: Report | Ungraded, exercise_ids: Sequence[str]) -> list[str]:
    if isinstance(entry, Ungraded):
        status = messages.text("gradebook.ungraded", reason=entry.reason)
        return [csv_cell(entry.submission), "", "", *("" for _ in exercise_ids), csv_cell(status),
                csv_cell(entry.confinement)]
    totals = entry.by_exercise()
    scores = [_number(totals[ex].score) if ex in totals else "" for ex in exercise_ids]
    status = messages.text("gradebook.graded")
    return [csv_cell(entry.submission), _number(entry.score), _number(entry.max_score), *scores,
            status, csv_cell(entry.confinement)]


def write(rows: Sequence[Report | Ungraded], exercise_ids: Sequence[str], path: Path) -> None:
    """Rows in the order given; exercises a report did not grade are left empty."""
    partial = Path(path).with_name(Path(path).name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as file:
        out = csv.writer(file)
        out.writerow(header(exercise_ids))
        for entry in rows:
            out.writerow(row(entry, exercise_ids))
    os.replace(partial, path)  # readers never see half a gradebook


def _number(value: float) -> str:
    return f"{round(value, 4):g}"
