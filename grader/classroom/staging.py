"""Copy a submission's exercise files, and nothing else, into a fresh private folder.

A submission is hostile: it may ship its own tests/, grader/, solutions/, conftest.py,
pyproject.toml, sitecustomize.py, .pth files or symlinks into other people's files. Grading
reads only the staging folder, which holds regular files named after catalogue exercises, so
nothing else of the submission can be imported or read.

An exercise with no file of its exact name takes a near miss: the name a browser or a file
manager gives a second copy (`02_gradient_descent (1).py`, `... copy.py`, `... - Copy.py`),
in any case; the most recently saved one where there are several. `Staged.renamed` says
which file was graded under the exercise's name, so the learner reads that.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from grader.records import messages

SUFFIXES = (".py", ".ipynb")
MAX_BYTES = 20 * 1024 * 1024  # a notebook with plots stays well below this
# what a second copy's name ends with: " (1)", "(2)", " copy", " copy 2", " - Copy (3)"
_COPY_MARK = re.compile(r"(\s*\(\d+\)|\s*-?\s+copy(\s*\(?\d+\)?)?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Staged:
    root: Path  # holds exercises/ with the copied files; run_kata's sources_root
    copied: tuple[str, ...]  # file names copied, such as "02_gradient_descent.py"
    problems: tuple[str, ...]  # why something could not be used (empty when all was fine)
    # (name copied, the submission's own name for it) for each near miss graded
    renamed: tuple[tuple[str, str], ...] = ()

    @property
    def gradable(self) -> bool:
        return bool(self.copied)


def stage(submission: Path, exercise_ids: Sequence[str], scratch: Path | None = None) -> Staged:
    """Make the staging folder for `submission` (inside `scratch`, a folder the batch removes
    even where a grading process was killed); the caller removes it with `discard`."""
    root = Path(tempfile.mkdtemp(prefix="grader-stage-", dir=scratch))
    # Readable by the sandbox user where no view of its own can be made (a default
    # container); the scratch folder above it cannot be listed, and the name is random.
    root.chmod(0o755)
    target = root / "exercises"
    target.mkdir(mode=0o755)
    folders, problem = _exercise_folders(submission)
    if problem:
        return Staged(root, (), (problem,))
    copied, problems, renamed = [], [], []
    for name, source, near_miss in _chosen(folders, exercise_ids):
        why = _copy_regular_file(source, target / name)
        if why is None:
            copied.append(name)
            if near_miss:
                shown = (source.name if source.parent == folders[-1]
                         else f"exercises/{source.name}")
                renamed.append((name, shown))
        elif why:
            problems.append(why)
    if not copied and not problems:
        problems.append(_nothing_found(submission, exercise_ids))
    return Staged(root, tuple(copied), tuple(problems), tuple(renamed))


def _chosen(folders: list[Path], exercise_ids: Sequence[str]) -> list[tuple[str, Path, bool]]:
    """What `stage` takes, in order: (the name it is staged as, its source, whether it is a
    near miss). Each exercise's names from the first folder holding something of that name
    (a symlink or a folder too: `stage` says why it refused it); an exercise with none of
    its names takes its newest near miss."""
    chosen, named = [], set()
    for name in _candidate_names(exercise_ids):
        for folder in folders:
            if _present(folder / name):
                chosen.append((name, folder / name, False))
                named.add(Path(name).stem)
                break
    for exercise_id in exercise_ids:
        near = None if exercise_id in named else _newest_near_miss(folders, exercise_id)
        if near is not None:
            chosen.append((exercise_id + near.suffix.lower(), near, True))
    return chosen


def _present(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError:  # there, but not to be read: stage says why
        return True
    return True


def _newest_near_miss(folders: list[Path], exercise_id: str) -> Path | None:
    misses = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            stem, suffix = os.path.splitext(entry.name)
            if suffix.lower() in SUFFIXES and _bare(stem) == exercise_id:
                misses.append((entry.stat(follow_symlinks=False).st_mtime_ns, Path(entry.path)))
    return max(misses)[1] if misses else None


def _bare(stem: str) -> str:
    """A file name's stem without the marks of a copy, in lower case."""
    while True:
        shorter = _COPY_MARK.sub("", stem)
        if shorter == stem:
            return stem.strip().lower()
        stem = shorter


def exercise_files(submission: Path, exercise_ids: Sequence[str]) -> list[Path]:
    """The files `stage` would copy from `submission` (regular files, never through a
    symlink), for fingerprints and submission times read without staging."""
    folders, problem = _exercise_folders(submission)
    if problem:
        return []
    return [source for _, source, _ in _chosen(folders, exercise_ids) if _regular(source)]


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:  # gone since it was chosen
        return False


def discard(staged: Staged) -> None:
    shutil.rmtree(staged.root, ignore_errors=True)


def _candidate_names(exercise_ids: Sequence[str]) -> list[str]:
    return [f"{exercise_id}{suffix}" for exercise_id in exercise_ids for suffix in SUFFIXES]


def _exercise_folders(submission: Path) -> tuple[list[Path], str]:
    """Where exercise files are looked for: submission/exercises first, then the submission."""
    try:
        if not submission.is_dir():
            key = "staging.not_a_folder" if submission.exists() else "staging.absent"
            return [], messages.text(key)
        inner = submission / "exercises"
        # a symlinked exercises/ could point anywhere, so only a real folder counts
        if stat.S_ISDIR(os.lstat(inner).st_mode):
            return [inner, submission], ""
    except FileNotFoundError:
        pass
    except OSError as error:
        return [], messages.text("staging.unreadable", reason=error.strerror)
    return [submission], ""


def _copy_regular_file(source: Path, target: Path) -> str | None:
    """Copy one file: None when copied, "" when absent, else the reason it was refused."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return ""
    except OSError as error:
        if os.path.islink(source):
            return messages.text("staging.symlink", file=source.name)
        reason = messages.text("staging.unreadable", reason=error.strerror)
        return messages.text("staging.file", file=source.name, problem=reason)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return messages.text("staging.not_regular", file=source.name)
        if info.st_size > MAX_BYTES:
            return messages.text("staging.too_large", file=source.name,
                                 megabytes=MAX_BYTES // (1024 * 1024))
        data = handle.read(MAX_BYTES + 1)
    target.write_bytes(data)
    # the newer of .py and .ipynb is the one graded, so keep the learner's times
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    return None


def _nothing_found(submission: Path, exercise_ids: Sequence[str]) -> str:
    try:
        empty = not any(submission.iterdir())
    except OSError as error:
        return messages.text("staging.unreadable", reason=error.strerror)
    if empty:
        return messages.text("staging.empty")
    first = exercise_ids[0] if exercise_ids else "NN_topic"
    return messages.text("staging.no_files", example=first)
