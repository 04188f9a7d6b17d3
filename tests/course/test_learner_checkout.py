"""The project's content tests pass in a learner's clone, whatever state its exercises are in.

A learner works in exercises/ of a clone; the tests must read the stubs git holds, not those
files. Proof: clone this repository, solve every exercise there but break one, and run the
clone's own content tests on the clone's own grader in a fresh process.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.records.catalogue import load_catalogue
from grader.records.pristine import is_git_checkout

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).relative_to(ROOT).as_posix()


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_content_tests_pass_in_a_clone_whose_exercises_are_solved_or_broken(tmp_path):
    if not is_git_checkout(ROOT):
        pytest.skip("not a git checkout: here the working stubs are the only stubs")
    clone = tmp_path / "clone"
    git("clone", "-q", str(ROOT), str(clone), cwd=tmp_path)
    git("checkout", "-q", git("rev-parse", "HEAD", cwd=ROOT), cwd=clone)
    exercises = [entry.id for entry in load_catalogue(clone / "catalogue.toml").exercises]
    for exercise in exercises:  # every exercise solved ...
        shutil.copyfile(clone / "solutions" / f"{exercise}.py",
                        clone / "exercises" / f"{exercise}.py")
    broken = clone / "exercises" / f"{exercises[0]}.py"  # ... but one broken mid-edit
    broken.write_text(broken.read_text() + "\ndef half_written(:\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(clone), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        # the course's own rules, and grading that starts from the stubs (0 points, every
        # function not started) rather than from the learner's solved files
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/course",
         "tests/proofs/test_reference_and_stubs.py", f"--ignore={HERE}"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
