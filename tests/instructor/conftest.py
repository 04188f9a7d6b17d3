"""Fixtures of the instructor tests: a small kata and a class of submissions for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kata_maker import SubmissionMaker, make_kata


@pytest.fixture(scope="session")
def small_kata(tmp_path_factory) -> Path:
    return make_kata(tmp_path_factory.mktemp("kata") / "kata")


@pytest.fixture
def submissions(tmp_path) -> "SubmissionMaker":
    return SubmissionMaker(tmp_path / "class")
