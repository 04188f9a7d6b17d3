"""Fixtures for the engine's tests: fixture katas copied to a temporary folder (grading
writes .grader/ progress there) and one worker pool shared by the whole module."""

from __future__ import annotations

import pytest

from grader.workers.pool import WorkerPool

# Loading a fixture file takes milliseconds; a short load limit keeps the import-hang
# fixture quick without making any other load marginal.
LOAD_TIME_LIMIT = 3.0


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(load_time_limit=LOAD_TIME_LIMIT) as shared:
        yield shared
