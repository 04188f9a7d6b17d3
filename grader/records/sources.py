"""Which learner file is graded for an exercise: the .py stub or its notebook twin."""

from __future__ import annotations

from pathlib import Path

SUFFIXES = (".py", ".ipynb")


def find_source(exercises_dir: Path, exercise_id: str) -> Path | None:
    """The `.py` or `.ipynb` of the exercise; when both exist the more recently modified wins
    (ties go to the .py file, the form the kata ships). None when neither exists."""
    candidates = [exercises_dir / f"{exercise_id}{suffix}" for suffix in SUFFIXES]
    present = [path for path in candidates if path.is_file()]
    if not present:
        return None
    return max(present, key=lambda path: (path.stat().st_mtime_ns, path.suffix == ".py"))
