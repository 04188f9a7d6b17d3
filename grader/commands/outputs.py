"""Output paths checked before any grading, so a typo in `--json`, `--junit`, `--out` or
OUT costs a one-line usage error (exit 2), not a graded run followed by a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from grader.records import messages
from grader.records.errors import SetupError


def check_file(path: Path | None) -> None:
    """A file the command will write (replacing it if it exists): its folder must exist and
    be writable, and the path itself must not be a folder."""
    if path is None:
        return
    path = Path(path)
    if path.is_dir():
        raise SetupError(messages.text("output.is_folder", path=path))
    _writable_folder(path, path.absolute().parent)


def check_folder(path: Path) -> None:
    """A folder the command will write into, made (with its parents) if missing: it must
    not be a file, and the nearest folder that exists must be writable."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise SetupError(messages.text("output.not_a_folder", path=path))
    existing = path.absolute()
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise SetupError(messages.text("output.not_a_folder", path=existing))
    _writable_folder(path, existing)


def _writable_folder(path: Path, folder: Path) -> None:
    if not folder.is_dir():
        raise SetupError(messages.text("output.no_folder", path=path, folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SetupError(messages.text("output.not_writable", path=path, folder=folder))
