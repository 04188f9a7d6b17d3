"""`grader.hint("04")`: the next hint from inside Jupyter, as `grader hint 04` prints it."""

from __future__ import annotations

from pathlib import Path

from grader.notebooks.inline import called_as_main
from grader.records.catalogue import load_catalogue
from grader.records.hinting import next_hint
from grader.records.paths import KataPaths, find_kata_root


def hint(exercise: str, *, start: str | Path | None = None) -> None:
    """Print the next hint for the first function of `exercise` not yet passed in the last
    check (one more each call) for the kata that holds `start` (default: the current
    directory). Nothing happens while the grader loads the notebook to grade it: the
    learner's hint count must not move because a cell was graded."""
    if not called_as_main():
        return
    paths = KataPaths(find_kata_root(Path(start) if start is not None else Path.cwd()))
    entry = load_catalogue(paths.catalogue).exercise(exercise)
    print("\n".join(next_hint(paths, entry)))
