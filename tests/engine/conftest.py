"""Fixtures for the engine's tests: fixture katas copied to a temporary folder (grading
writes .grader/ progress there) and one worker pool shared by the whole module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.workers.pool import WorkerPool

KATAS = Path(__file__).parent / "katas"
GOLDEN = Path(__file__).parent / "golden"
# Loading a fixture file takes milliseconds; a short load limit keeps the import-hang
# fixture quick without making any other load marginal.
LOAD_TIME_LIMIT = 3.0
# The fixture katas' hidden tests run only inside the grader, never collected directly.
collect_ignore = ["katas"]


def copy_kata(name: str, destination: Path) -> Path:
    root = destination / name
    shutil.copytree(KATAS / name, root, ignore=shutil.ignore_patterns("__pycache__", ".grader"))
    return root


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(load_time_limit=LOAD_TIME_LIMIT) as shared:
        yield shared
