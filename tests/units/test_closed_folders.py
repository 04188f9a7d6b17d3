"""Where namespaces are refused, an instructor closes the folders learner code must not read
(chmod go-rwx). Every place that says which folders they are names every one the grader
keeps from learners: a folder left out is a refusal the instructor cannot act on (the
worker's probe finds it and grading stops again, naming it)."""

from __future__ import annotations

import pytest

from grader.edition.gradescope_scripts import run_autograder
from grader.grading.session import instructor_only
from grader.records import messages
from grader.records.paths import KataPaths
from tests.support.katas import REPOSITORY

FOLDERS = [path.name for path in instructor_only(KataPaths(REPOSITORY))]


def test_the_kept_folders_are_the_expected_five():
    assert sorted(FOLDERS) == sorted(["solutions", "hidden_tests", "tests", ".git", ".grader"])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_refusal_names_every_folder_to_close(language):
    with messages.language(language):
        text = messages.text("grade.refuse_unconfined", reason="x")
    assert [name for name in FOLDERS if name not in text] == []


def test_the_guide_and_the_gradescope_bundle_close_every_folder():
    guide = (REPOSITORY / "docs" / "instructors.md").read_text(encoding="utf-8")
    command = next(line for line in guide.splitlines() if "chmod go-rwx solutions" in line)
    assert [name for name in FOLDERS if f" {name}" not in command] == []
    script = run_autograder("visible")
    assert [name for name in FOLDERS if f"/source/kata/{name}\"" not in script] == []
