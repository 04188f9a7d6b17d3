"""`grader list`: every exercise in order, its status and the file that is graded.

The status comes from the last `grader run` (kept in .grader/progress.json under the kata
root), so listing never runs learner code and stays instant; a file edited since that run
is marked as such.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

# Learner-facing words of `grader list` (the graded-check sentences are in grader.messages).
HEADER = "{number:>2}  {id:<28} {status:<13} {file}"
EDITED = " (edited since the last run)"
NO_FILE = "no file"


def configure(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def main(args: argparse.Namespace) -> int:
    from grader.catalogue import load_catalogue
    from grader.progress import read_state
    from grader.paths import KataPaths, find_kata_root
    from grader.sources import find_source

    paths = KataPaths(find_kata_root(Path.cwd()))
    catalogue = load_catalogue(paths.catalogue)
    progress = read_state(paths).get("exercises", {})
    print(HEADER.format(number="#", id="exercise", status="status", file="file"))
    for entry in catalogue.exercises:
        source = find_source(paths.exercises, entry.id)
        shown = str(source.relative_to(paths.root)) if source else NO_FILE
        status = _status(progress.get(entry.id), source)
        print(HEADER.format(number=entry.number, id=entry.id, status=status, file=shown))
    return 0


def _status(record: Any, source: Path | None) -> str:
    from grader.progress import NOT_STARTED

    if type(record) is not dict or source is None:
        return NOT_STARTED
    status = record.get("status", NOT_STARTED)
    if record.get("mtime_ns") != source.stat().st_mtime_ns:
        return status + EDITED
    return status
