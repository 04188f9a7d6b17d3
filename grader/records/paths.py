"""Where things are in a kata checkout: found by walking up, as git finds its repository."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.records import messages
from grader.records.errors import SetupError

# The installed (or checked-out) grader package: copied into a student edition, readable by
# workers, and hidden from learner code when it sits inside a kata checkout.
GRADER_PACKAGE = Path(__file__).resolve().parents[1]


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
        return self.root / "hidden_tests"

    @property
    def project_tests(self) -> Path:
        """The kata's own tests (styles of correct and mistaken work among them)."""
        return self.root / "tests"

    @property
    def public_checks(self) -> Path:
        """Where a student edition keeps its replayed public checks instead."""
        return self.root / "public_checks"

    @property
    def checks(self) -> Path:
        """The tests grading runs: the hidden tests of a kata, or an edition's public checks."""
        return self.hidden_tests if self.hidden_tests.is_dir() else self.public_checks

    @property
    def callables(self) -> Path:
        """Trusted functions the checks pass by name (a derivative to descend along)."""
        return self.checks / "callables.py"

    @property
    def pictures(self) -> Path:
        """The fixed inputs `grader plot` draws with (kata content, copied into an edition)."""
        return self.checks / "pictures.py"

    @property
    def state(self) -> Path:
        """Local progress (last results, hints shown); never part of the kata itself."""
        return self.root / ".grader"

    def check_file(self, exercise_id: str) -> Path:
        return self.checks / f"test_{exercise_id}.py"

    def mistakes(self, exercise_id: str) -> Path:
        """The trusted models of an exercise's known mistakes (diagnoses), beside its tests."""
        return self.hidden_tests / "mistakes" / f"{exercise_id}.py"

    @property
    def diagnoses(self) -> Path:
        """The course's diagnosis ids and their sentences, beside the models that name them."""
        return self.hidden_tests / "mistakes" / "diagnoses.toml"

    def solution(self, exercise_id: str) -> Path:
        return self.solutions / f"{exercise_id}.py"


def grader_checkout() -> KataPaths | None:
    """The kata checkout the grader package sits in (a clone used in place or installed
    editable), or None for an installed grader."""
    checkout = KataPaths(GRADER_PACKAGE.parent)
    return checkout if checkout.exercises.is_dir() else None
