"""Staging copies a submission's exercise files and nothing else."""

from __future__ import annotations

import os

from grader.classroom import staging
from grader.classroom.staging import discard, stage
from tests.support.hostile import hostile_files

IDS = ["01_square", "02_total"]


def staged_files(staged) -> set[str]:
    root = staged.root
    return {str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir()}


def test_only_exercise_files_are_copied(submissions, tmp_path):
    sub = submissions.make("hostile", hostile_files(tmp_path / "marker"), base="solved")
    (sub / "exercises" / "01_square.ipynb").write_text("{}")
    staged = stage(sub, IDS)
    try:
        assert staged_files(staged) == {
            "exercises/01_square.py", "exercises/01_square.ipynb", "exercises/02_total.py"}
        assert staged.problems == ()
    finally:
        discard(staged)
    assert not staged.root.exists()


def test_times_are_kept_so_the_same_file_of_a_pair_is_graded(submissions):
    sub = submissions.make("pair", {"exercises/01_square.ipynb": "{}"}, base="solved")
    os.utime(sub / "exercises" / "01_square.py", ns=(1_000_000_000, 1_000_000_000))
    staged = stage(sub, IDS)
    try:
        copied = staged.root / "exercises"
        assert (copied / "01_square.py").stat().st_mtime_ns == 1_000_000_000
        original = sub / "exercises" / "01_square.ipynb"
        assert (copied / "01_square.ipynb").stat().st_mtime_ns == original.stat().st_mtime_ns
    finally:
        discard(staged)


def test_exercise_files_may_sit_in_the_folder_itself(submissions):
    sub = submissions.make("flat", {"01_square.py": "x = 1\n", "02_total.py": "y = 2\n"})
    staged = stage(sub, IDS)
    try:
        assert (staged.root / "exercises" / "01_square.py").read_text() == "x = 1\n"
        assert staged.copied == ("01_square.py", "02_total.py")
    finally:
        discard(staged)


def test_a_symlinked_exercises_folder_is_not_followed(submissions, tmp_path):
    elsewhere = submissions.make("elsewhere", base="solved")
    sub = submissions.make("linked")
    (sub / "exercises").symlink_to(elsewhere / "exercises")
    staged = stage(sub, IDS)
    try:
        assert staged.copied == ()
        assert staged.problems[0].startswith("no exercise files")
    finally:
        discard(staged)


def test_an_oversized_file_is_refused(submissions, monkeypatch):
    monkeypatch.setattr(staging, "MAX_BYTES", 100)
    sub = submissions.make("big", {"exercises/01_square.py": "#" * 101})
    staged = stage(sub, IDS)
    try:
        assert staged.copied == ()
        assert "larger than" in staged.problems[0]
    finally:
        discard(staged)


def test_a_second_download_s_name_is_graded_as_the_exercise(submissions):
    sub = submissions.make("copies", {"01_square (1).py": "def square(x):\n    return 1\n",
                                      "01_square (2).py": "def square(x):\n    return 2\n",
                                      "02_Total - Copy.ipynb": "{}",
                                      "01_squares.py": "not a copy of anything\n"})
    os.utime(sub / "01_square (1).py", (1_000, 1_000))  # the older of the two copies
    staged = stage(sub, IDS)
    try:
        assert staged_files(staged) == {"exercises/01_square.py", "exercises/02_total.ipynb"}
        assert "return 2" in (staged.root / "exercises" / "01_square.py").read_text()
        assert dict(staged.renamed) == {"01_square.py": "01_square (2).py",
                                        "02_total.ipynb": "02_Total - Copy.ipynb"}
    finally:
        discard(staged)


def test_a_file_of_the_exact_name_wins_over_its_copies(submissions):
    sub = submissions.make("both", {"exercises/01_square.py": "def square(x):\n    return 0\n",
                                    "exercises/01_square (1).py": "def square(x):\n    return 1\n"})
    staged = stage(sub, IDS)
    try:
        assert staged_files(staged) == {"exercises/01_square.py"}
        assert "return 0" in (staged.root / "exercises" / "01_square.py").read_text()
        assert staged.renamed == ()
    finally:
        discard(staged)


def test_the_files_a_resume_fingerprints_are_the_ones_staging_grades(submissions):
    # A changed near miss must change the submission's fingerprint, or `--resume` would keep
    # a grade of the file as it was.
    sub = submissions.make("copies", {"01_square (1).py": "def square(x):\n    return 1\n",
                                      "01_square (2).py": "def square(x):\n    return 2\n",
                                      "exercises/02_total.py": "def total(xs):\n    return 0\n",
                                      "exercises/02_total (1).py": "the exact name wins\n"})
    os.utime(sub / "01_square (1).py", (1_000, 1_000))
    staged = stage(sub, IDS)
    try:
        graded = {name: (staged.root / "exercises" / name).read_bytes() for name in staged.copied}
        fingerprinted = staging.exercise_files(sub, IDS)
        assert sorted(path.read_bytes() for path in fingerprinted) == sorted(graded.values())
        assert {path.name for path in fingerprinted} == {"01_square (2).py", "02_total.py"}
    finally:
        discard(staged)


def test_a_symlink_of_the_exact_name_is_refused_and_its_copies_are_not_taken(submissions):
    # Something of the exercise's name is there: it is refused, and saying why beats
    # grading a copy the learner may not have meant; nothing of it is fingerprinted.
    sub = submissions.make("linked", {
        "exercises/02_total.py": "def total(xs):\n    return 0\n",
        "exercises/01_square (1).py": "def square(x):\n    return 1\n"})
    (sub / "exercises" / "01_square.py").symlink_to(sub / "nowhere.py")  # dangling
    staged = stage(sub, IDS)
    try:
        assert staged_files(staged) == {"exercises/02_total.py"}
        assert len(staged.problems) == 1 and "01_square.py" in staged.problems[0]
        assert staged.renamed == ()
        fingerprinted = staging.exercise_files(sub, IDS)
        assert [path.name for path in fingerprinted] == ["02_total.py"]
    finally:
        discard(staged)
