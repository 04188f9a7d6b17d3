"""The project's own tests, and fixtures several folders share.

Fixture katas hold hidden tests that run only inside the grader (which gives them their
fixtures), so pytest never collects them directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.kata_maker import SubmissionMaker, make_kata

collect_ignore = ["fixture_katas"]


@pytest.fixture(scope="session")
def small_kata(tmp_path_factory) -> Path:
    """A small kata built once per run: two NumPy exercises with hidden tests."""
    return make_kata(tmp_path_factory.mktemp("kata") / "kata")


@pytest.fixture
def submissions(tmp_path) -> SubmissionMaker:
    """Makes learner submissions (folders of exercise files) for the small kata."""
    return SubmissionMaker(tmp_path / "class")
