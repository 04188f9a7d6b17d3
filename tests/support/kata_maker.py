"""The small NumPy-only fixture kata (fast to grade: no torch; tests/fixture_katas/small)
and a maker of submissions for it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from tests.support.katas import FIXTURE_KATAS

REPOSITORY = Path(__file__).resolve().parents[2]

SMALL = FIXTURE_KATAS / "small"
EXERCISE_IDS = ("01_square", "02_total")


def _files(folder: str) -> dict[str, str]:
    return {exercise_id: (SMALL / folder / f"{exercise_id}.py").read_text(encoding="utf-8")
            for exercise_id in EXERCISE_IDS}


SOLUTIONS = _files("solutions")
STUBS = _files("exercises")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_kata(root: Path, *, solutions: dict[str, str] = SOLUTIONS) -> Path:
    """A copy of the small fixture kata at `root`, its solutions replaced where given."""
    shutil.copytree(SMALL, root, ignore=shutil.ignore_patterns("__pycache__", ".grader"))
    for exercise_id, text in solutions.items():
        write(root / "solutions" / f"{exercise_id}.py", text)
    return root


class SubmissionMaker:
    """Builds learner folders: `solved`, `stubs` or any files given by relative path."""

    def __init__(self, root: Path):
        self.root = root

    def make(self, name: str, files: dict[str, str] | None = None, *, base: str = "") -> Path:
        folder = self.root / name
        folder.mkdir(parents=True)
        sources = {"solved": SOLUTIONS, "stubs": STUBS}.get(base, {})
        for exercise_id, text in sources.items():
            write(folder / "exercises" / f"{exercise_id}.py", text)
        for relative, text in (files or {}).items():
            write(folder / relative, text)
        return folder
