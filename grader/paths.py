"""Where things are in a kata checkout: found by walking up, as git finds its repository."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader import messages
from grader.errors import SetupError


def find_kata_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `exercises/`."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "exercises").is_dir():
            return folder
    raise SetupError(messages.text("setup.no_kata", start=start))


@dataclass(frozen=True)
class KataPaths:
    root: Path

    @property
    def catalogue(self) -> Path:
        return self.root / "catalogue.toml"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    @property
    def hidden_tests(self) -> Path:
        return self.root / "tests" / "kata"

    @property
    def callables(self) -> Path:
        return self.hidden_tests / "callables.py"

    @property
    def state(self) -> Path:
        """Local progress (last results, hints shown); never part of the kata itself."""
        return self.root / ".grader"

    def hidden_test(self, exercise_id: str) -> Path:
        return self.hidden_tests / f"test_{exercise_id}.py"

    def solution(self, exercise_id: str) -> Path:
        return self.solutions / f"{exercise_id}.py"
