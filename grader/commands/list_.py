"""`grader list`: every exercise in order, its status and the file that is graded.

The status and points come from the last `grader run` (kept in .grader/progress.json under the kata
root), so listing never runs learner code and stays instant; a file edited since that run
is marked as such.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.list.epilog")  # no options


def main(args: argparse.Namespace) -> int:
    from grader.records import messages
    from grader.records.catalogue import load_catalogue
    from grader.records.paths import KataPaths, find_kata_root
    from grader.records.progress import read_state, score_of
    from grader.records.sources import find_source
    from grader.reports.terminal import points

    paths = KataPaths(find_kata_root(Path.cwd()))
    catalogue = load_catalogue(paths.catalogue)
    state = read_state(paths)
    progress = state.get("exercises", {})
    print(_row("#", messages.text("list.column.exercise"), messages.text("list.column.status"),
               messages.text("list.column.points"), messages.text("list.column.file")))
    total = 0.0
    for entry in catalogue.exercises:
        source = find_source(paths.exercises, entry.id)
        shown = str(source.relative_to(paths.root)) if source else messages.text("list.no_file")
        status = _status(progress.get(entry.id), source)
        score = score_of(state, entry.id)
        total += score
        print(_row(entry.number, entry.id, status, f"{points(score)}/{points(entry.max_points)}",
                   shown))
    print(messages.text("list.total", bar=bar(total, catalogue.max_points),
                        score=points(total), max_score=points(catalogue.max_points)))
    return 0


def bar(score: float, max_score: float, width: int = 20) -> str:
    """`[######--------------]`: the share of the kata's points earned."""
    filled = round(width * score / max_score) if max_score > 0 else 0
    filled = min(max(filled, 0), width)
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _row(number: object, exercise: str, status: str, score: str, file: str) -> str:
    """One line of the listing; columns padded by terminal cells, so Chinese words align."""
    from grader.records import messages
    from grader.reports.terminal import pad

    return messages.text("list.header", number=number, id=pad(exercise, 28),
                         status=pad(status, 13), points=pad(score, 7), file=file)


def _status(record: Any, source: Path | None) -> str:
    """The exercise's status in words; progress.json keeps the untranslated values."""
    from grader.records import messages
    from grader.records.progress import NOT_STARTED, STATUSES

    if type(record) is not dict or source is None:
        return messages.text(f"list.status.{NOT_STARTED}")
    status = record.get("status", NOT_STARTED)
    word = messages.text(f"list.status.{status}") if status in STATUSES else str(status)
    if record.get("mtime_ns") != source.stat().st_mtime_ns:
        return messages.text("list.edited", status=word)
    return word
