"""What is known of a submission before it is graded: a fingerprint of its exercise files
(so `--resume` grades only what changed) and when it was handed in (for a late policy).

The time comes from the submission's own git history where it is a clone (GitHub Classroom
hands those out): the committer time of its last commit. Elsewhere, from the newest
modification time of its exercise files. Both are what the learner's machine wrote, so
both are only as trustworthy as the way the submissions were collected.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Sequence

from grader.classroom.staging import MAX_BYTES, exercise_files

GIT_SECONDS = 10.0  # a clone's history is read in well under a second


@dataclass(frozen=True)
class SubmissionFacts:
    digest: str  # "" when the submission has no exercise files to read
    submitted_at: datetime | None
    submitted_from: str  # "git", "files" or "" when unknown


def facts_of(submission: Path, exercise_ids: Sequence[str]) -> SubmissionFacts:
    files = exercise_files(Path(submission), exercise_ids)
    moment, source = _git_time(Path(submission)), "git"
    if moment is None:
        moment, source = _file_time(files), "files"
    return SubmissionFacts(content_digest(files), moment, source if moment else "")


def content_digest(files: Sequence[Path]) -> str:
    """One hash of the exercise files' names and contents, and which of a .py and .ipynb
    pair is newer (that one is graded)."""
    digest = hashlib.sha256()
    newest: dict[str, tuple[int, str]] = {}
    for path in sorted(files, key=lambda p: p.name):
        try:
            data = _read(path)
            when = os.lstat(path).st_mtime_ns
        except OSError:
            continue
        digest.update(f"{path.name}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
        newest[path.stem] = max(newest.get(path.stem, (when, path.name)), (when, path.name))
    graded = sorted(name for _, name in newest.values())  # not the times themselves
    digest.update(repr(graded).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32] if files else ""


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def _file_time(files: Sequence[Path]) -> datetime | None:
    times = []
    for path in files:
        try:
            times.append(os.lstat(path).st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(times), UTC) if times else None


def _git_time(submission: Path) -> datetime | None:
    """The committer time of the last commit of a clone at `submission`. Its own .git only
    (never a repository above it), with no configuration but the repository's and nothing
    that runs a program: `git log` reads objects and refs, and a hostile config has no hook
    into it."""
    git_dir = submission / ".git"
    if not git_dir.is_dir() or git_dir.is_symlink():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".gitconfig") as config:
        config.write("[safe]\n\tdirectory = *\n")  # a clone owned by another user
        config.flush()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_CONFIG_GLOBAL": config.name, "GIT_TERMINAL_PROMPT": "0",
               "GIT_CEILING_DIRECTORIES": str(submission.absolute().parent)}
        try:
            done = subprocess.run(
                ["git", f"--git-dir={git_dir}", "--no-pager", "-c", "log.showSignature=false",
                 "-c", "core.fsmonitor=false", "log", "-1", "--format=%ct"],
                capture_output=True, text=True, env=env, timeout=GIT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):  # no git here: the files' times then
            return None
    stamp = done.stdout.strip()
    if done.returncode != 0 or not stamp.isdigit():  # no commit yet, a broken clone
        return None
    return datetime.fromtimestamp(int(stamp), UTC)
