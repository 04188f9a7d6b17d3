"""The instructor's gradebook: one CSV row per submission, one column per exercise.

Header: submission,score,max_score,<exercise ids...>,status,confinement (the last column
says what confined the submission's code, after the columns the spec fixes), then any extra
columns a class was graded with (a roster's, a late policy's). A submission that could not
be graded at all still gets its row (scores left empty), so none silently goes missing; a
roster student who handed nothing in gets a "missing" row. Text cells follow
grader.reports.escaping's CSV rule: none starts a formula.
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
    missing: bool = False  # on the roster, but nothing was handed in


@dataclass(frozen=True)
class Row:
    """A gradebook row and the cells of its extra columns."""

    entry: Report | Ungraded
    extra: tuple[str, ...] = ()


def header(exercise_ids: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    return ["submission", "score", "max_score", *exercise_ids, "status", "confinement", *extra]


def row(entry: Report | Ungraded, exercise_ids: Sequence[str]) -> list[str]:
    if isinstance(entry, Ungraded):
        status = messages.text("gradebook.missing") if entry.missing else messages.text(
            "gradebook.ungraded", reason=entry.reason)
        return [csv_cell(entry.submission), "", "", *("" for _ in exercise_ids), csv_cell(status),
                csv_cell(entry.confinement)]
    totals = entry.by_exercise()
    scores = [number(totals[ex].score) if ex in totals else "" for ex in exercise_ids]
    status = messages.text("gradebook.graded")
    return [csv_cell(entry.submission), number(entry.score), number(entry.max_score), *scores,
            status, csv_cell(entry.confinement)]


def write(rows: Sequence[Report | Ungraded | Row], exercise_ids: Sequence[str], path: Path, *,
          extra_header: Sequence[str] = ()) -> None:
    """Rows in the order given; exercises a report did not grade are left empty."""
    partial = Path(path).with_name(Path(path).name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as file:
        out = csv.writer(file)
        out.writerow(header(exercise_ids, extra_header))
        for item in rows:
            item = item if isinstance(item, Row) else Row(item)
            out.writerow(row(item.entry, exercise_ids) + [csv_cell(cell) for cell in item.extra])
    os.replace(partial, path)  # readers never see half a gradebook


def number(value: float) -> str:
    return f"{round(value, 4):g}"

