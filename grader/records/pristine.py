"""The kata's files as the repository holds them, not as a learner has changed them.

A learner solves the exercises in exercises/ of a clone, so the working files stop being the
stubs the kata ships. The project's own checks and `grader release` must still see the
shipped stubs: in a git checkout that is the copy committed in HEAD; outside one (a kata
unpacked from an archive, a fixture kata built by a test) the working file is all there is.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

GIT_TIME_LIMIT = 30.0  # seconds; reading one blob takes milliseconds


def is_git_checkout(root: Path) -> bool:
    """True when `root` is inside a git work tree that git (if installed) can read."""
    found = _git(root, "rev-parse", "--is-inside-work-tree")
    return found is not None and found.strip() == "true"


def committed_text(root: Path, relative: str) -> str | None:
    """The file `relative` (to `root`) as committed in HEAD; None outside a git checkout or
    when HEAD does not hold it."""
    return _git(root, "show", f"HEAD:./{relative}")


def pristine_text(root: Path, relative: str) -> str:
    """The committed copy where there is one, else the working file (a new exercise not yet
    committed, or a folder that is not a git checkout)."""
    committed = committed_text(root, relative)
    if committed is not None:
        return committed
    return (Path(root) / relative).read_text(encoding="utf-8")


def pristine_stub(root: Path, exercise_id: str) -> str:
    """The shipped stub exercises/<exercise_id>.py."""
    return pristine_text(root, f"exercises/{exercise_id}.py")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              timeout=GIT_TIME_LIMIT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None  # no git here: the working files are the kata
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8")
