"""Turning a learner's file into Python source, inside the worker.

A notebook is converted by grader.workers.notebook_source (imported only for .ipynb files), and its
line map lets every error point at "cell N, line M" instead of a line of the joined source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from grader.records import messages

LineMap = Callable[[int], tuple[int, int]]


class SourceError(Exception):
    """The file cannot become source code (unreadable, bad notebook); message says why."""


def load_source(path: Path, display: str | None = None) -> tuple[str, str, LineMap | None]:
    """(code_text, filename, line_map); filename is what tracebacks show."""
    path = Path(path)
    filename = display or str(path)
    if path.suffix != ".ipynb":
        try:
            return path.read_text(encoding="utf-8"), filename, None
        except (OSError, UnicodeDecodeError) as error:
            reason = messages.text("load.unreadable", file=filename, reason=error)
            raise SourceError(reason) from None
    # imported here: a worker grading .py files never needs the notebook reader
    from grader.workers import notebook_source

    try:
        source = notebook_source.notebook_to_source(path, name=filename)
    except notebook_source.NotebookError as error:  # its message starts with the file's name
        raise SourceError(str(error)) from None
    return source.code, filename, source.locate


def location(filename: str, line: int | None, line_map: LineMap | None) -> str:
    """'exercises/x.py, line 3' or 'exercises/x.ipynb, cell 2, line 3'."""
    if line is None:
        return filename
    if line_map is None:
        return messages.text("load.where_line", file=filename, line=line)
    try:
        cell, line_in_cell = line_map(line)
    except Exception:  # a line outside every cell: fall back to the joined source's line
        return messages.text("load.where_line", file=filename, line=line)
    return messages.text("load.where_cell", file=filename, cell=cell, line=line_in_cell)
