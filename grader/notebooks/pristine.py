"""The stub an exercise's notebook is made from: the kata's own copy, not the learner's edits.

In a git checkout that is the committed file (`git show HEAD:exercises/NN_topic.py`), so
writing a notebook after editing the `.py` file still gives the stubs the README promises;
elsewhere (an unzipped kata, no git) the stub file as it is now.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIME_LIMIT = 10.0  # seconds; a hung git must not hang the command


@dataclass(frozen=True)
class Stub:
    text: str | None  # None: read the file (no committed copy)
    committed: bool  # True when text is git's copy at HEAD


def pristine_stub(kata_root: Path, stub: Path) -> Stub:
    """git's committed copy of `stub` when `kata_root` is in a git checkout that tracks it;
    otherwise Stub(None, False), meaning the file itself."""
    relative = Path(stub).resolve().relative_to(Path(kata_root).resolve())
    try:
        shown = subprocess.run(["git", "show", f"HEAD:./{relative.as_posix()}"],
                               cwd=kata_root, capture_output=True, timeout=GIT_TIME_LIMIT)
    except (OSError, subprocess.TimeoutExpired):  # no git installed, or it hangs
        return Stub(None, False)
    if shown.returncode != 0:  # not a checkout, no commit yet, or the file is not tracked
        return Stub(None, False)
    try:
        return Stub(shown.stdout.decode("utf-8"), True)
    except UnicodeDecodeError:
        return Stub(None, False)
