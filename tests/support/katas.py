"""Fixture katas: small complete katas (catalogue, exercises, solutions, hidden tests) kept as
folders under tests/fixture_katas, each copied to a temporary folder before it is graded
(grading writes .grader/ progress into the kata)."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPOSITORY = TESTS.parent
FIXTURE_KATAS = TESTS / "fixture_katas"
GOLDEN = TESTS / "engine" / "golden"


def copy_kata(name: str, destination: Path) -> Path:
    """A fresh copy of the fixture kata `name` at destination/name."""
    root = Path(destination) / name
    shutil.copytree(FIXTURE_KATAS / name, root,
                    ignore=shutil.ignore_patterns("__pycache__", ".grader"))
    return root
