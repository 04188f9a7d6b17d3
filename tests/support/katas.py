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


def copy_course(destination: Path) -> Path:
    """A copy of this repository's own kata (catalogue, stubs, reference, hidden tests) at
    destination/kata, for commands that write progress or whose files a test edits."""
    root = Path(destination) / "kata"
    root.mkdir()
    shutil.copy2(REPOSITORY / "catalogue.toml", root / "catalogue.toml")
    for folder in ("exercises", "solutions", "hidden_tests"):
        shutil.copytree(REPOSITORY / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.ipynb", ".grader"))
    write_pristine_stubs(root / "exercises")
    return root


def write_pristine_stubs(folder: Path) -> None:
    """The course's stubs as shipped (git's copy) into `folder`: a learner's solved or
    half-written working files in this checkout must not change what a test starts from."""
    from grader.records.catalogue import load_catalogue
    from grader.records.pristine import pristine_stub

    for entry in load_catalogue(REPOSITORY / "catalogue.toml").exercises:
        (Path(folder) / f"{entry.id}.py").write_text(pristine_stub(REPOSITORY, entry.id),
                                                    encoding="utf-8")
