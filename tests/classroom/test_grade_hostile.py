"""A submission is hostile: only its exercise files may be read, and nothing it ships or does
can change its own grade or anyone else's."""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import pytest

from grader.classroom.batch import grade_class
from tests.support.hostile import WRONG_SQUARE, hostile_files


def read_gradebook(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        return {row["submission"]: row for row in csv.DictReader(file)}


def results(out: Path, name: str) -> dict:
    return json.loads((out / name / "results.json").read_text(encoding="utf-8"))


def statuses(out: Path, name: str) -> dict[tuple, str]:
    return {tuple(t["tags"]): (t["status"], t["score"]) for t in results(out, name)["tests"]}


def test_files_beside_the_exercises_are_never_used(small_kata, submissions, tmp_path):
    marker = tmp_path / "imported"
    clean = submissions.make("clean", {"exercises/01_square.py": WRONG_SQUARE}, base="stubs")
    hostile = submissions.make(
        "hostile", {"exercises/01_square.py": WRONG_SQUARE, **hostile_files(marker)},
        base="stubs")
    out = tmp_path / "out"
    grade_class([clean, hostile], kata_root=small_kata, out_dir=out, seed=5)
    book = read_gradebook(out)
    assert not marker.exists(), "a file of the submission was imported"
    assert book["hostile"]["score"] == book["clean"]["score"] == "0"
    assert statuses(out, "hostile") == statuses(out, "clean")
    assert {status for status, _ in statuses(out, "hostile").values()} == {"failed"}


def test_a_symlink_is_not_followed(small_kata, submissions, tmp_path):
    outside = tmp_path / "someone-else" / "02_total.py"
    outside.parent.mkdir()
    outside.write_text("def total(values):\n    return float(sum(values))\n")
    linked = submissions.make("linked", base="solved")
    (linked / "exercises" / "02_total.py").unlink()
    (linked / "exercises" / "02_total.py").symlink_to(outside)
    (linked / "exercises" / "02_total.ipynb").symlink_to(outside)
    out = tmp_path / "out"
    [outcome] = grade_class([linked], kata_root=small_kata, out_dir=out, seed=5)
    book = read_gradebook(out)
    assert book["linked"]["01_square"] == "50" and book["linked"]["02_total"] == "0"
    assert any("symbolic link" in note for note in outcome.notes)


def test_forged_results_and_printed_json_are_ignored(small_kata, submissions, tmp_path,
                                                     monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # the learner's code may guess where results go
    fake = json.dumps({"score": 100, "max_score": 100, "tests": []})
    forger = f"""\
import json, os, pathlib, sys
FAKE = {fake!r}
for place in (pathlib.Path.cwd() / "forger", pathlib.Path(__file__).parent):
    place.mkdir(parents=True, exist_ok=True)
    (place / "results.json").write_text(FAKE)
(pathlib.Path.cwd() / "gradebook.csv").write_text("submission,score\\nforger,100\\n")
print(FAKE)
sys.__stdout__.write(FAKE)


def square(x):
    print(FAKE)
    os.write(1, FAKE.encode())
    return x + 1


def cube(x):
    return x + 1
"""
    forged = {"exercises/01_square.py": forger, "results.json": fake,
              "exercises/results.json": fake}
    sub = submissions.make("forger", forged, base="stubs")
    grade_class([sub], kata_root=small_kata, out_dir=out, seed=5)
    assert results(out, "forger")["score"] == 0
    assert read_gradebook(out)["forger"]["score"] == "0"


def test_a_hang_and_a_crash_leave_every_other_row_right(small_kata, submissions, tmp_path):
    hang = ("import time\n\ndef square(x):\n    while True:\n        pass\n\n"
            "def cube(x):\n    time.sleep(60)\n")
    crash = "import os\nos._exit(3)\n"
    subs = [
        submissions.make("a_hangs", {"exercises/01_square.py": hang}, base="solved"),
        submissions.make("b_crashes", {"exercises/01_square.py": crash}, base="solved"),
        submissions.make("c_solved", base="solved"),
        submissions.make("d_stubs", base="stubs"),
    ]
    out = tmp_path / "out"
    grade_class(subs, kata_root=small_kata, out_dir=out, seed=5)
    book = read_gradebook(out)
    assert [book[name]["score"] for name in sorted(book)] == ["50", "50", "100", "0"]
    assert all(row["status"] == "graded" for row in book.values())
    hung = results(out, "a_hangs")["tests"]
    assert any("time" in t["output"].lower() for t in hung if t["tags"][0] == "01_square")


def test_code_left_running_by_one_submission_cannot_touch_the_next(small_kata, submissions,
                                                                    tmp_path):
    marker = tmp_path / "left-behind"
    poison = f"""\
import builtins, os, time
import numpy

numpy.allclose = lambda *a, **k: True  # no effect: comparisons run in the grading process
builtins.float = int
if os.fork() == 0:
    time.sleep(1.5)
    open({str(marker)!r}, "w").write("still running")
    os._exit(0)


def square(x):
    return x + 1


def cube(x):
    return x + 1
"""
    kill_parent = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
    poisons = {"exercises/01_square.py": poison, "exercises/02_total.py": kill_parent}
    subs = [
        submissions.make("a_poisons", poisons, base="solved"),
        submissions.make("b_solved", base="solved"),
    ]
    out = tmp_path / "out"
    grade_class(subs, kata_root=small_kata, out_dir=out, seed=5)
    time.sleep(2.0)  # longer than the process it started would have waited
    book = read_gradebook(out)
    assert book["a_poisons"]["score"] == "0" and book["b_solved"]["score"] == "100"
    assert not marker.exists(), "a process started by learner code outlived its worker"


def test_submissions_that_cannot_be_graded_get_a_row_saying_why(small_kata, submissions, tmp_path):
    empty = submissions.make("empty")
    junk = submissions.make("junk", {"notes.txt": "my homework"})
    a_file = submissions.root / "a_file"
    a_file.write_text("not a folder")
    fifo = submissions.make("fifo", base="solved")
    (fifo / "exercises" / "01_square.py").unlink()
    os.mkfifo(fifo / "exercises" / "01_square.py")
    paths = [empty, junk, a_file, submissions.root / "missing", fifo,
             submissions.make("ok", base="solved")]
    out = tmp_path / "out"
    outcomes = {o.name: o for o in grade_class(paths, kata_root=small_kata, out_dir=out, seed=5)}
    book = read_gradebook(out)
    assert book["empty"]["status"] == "not graded: empty submission"
    assert book["junk"]["status"].startswith("not graded: no exercise files")
    assert book["a_file"]["status"] == "not graded: not a folder"
    assert book["missing"]["status"] == "not graded: does not exist"
    assert book["fifo"]["score"] == "50" and book["ok"]["score"] == "100"
    assert [name for name, o in sorted(outcomes.items()) if o.graded] == ["fifo", "ok"]
    assert any("not a regular file" in note for note in outcomes["fifo"].notes)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_submission_gets_a_row(small_kata, submissions, tmp_path):
    locked = submissions.make("locked", base="solved")
    (locked / "exercises").chmod(0)
    try:
        grade_class([locked], kata_root=small_kata, out_dir=tmp_path / "out", seed=5)
    finally:
        (locked / "exercises").chmod(0o755)
    assert read_gradebook(tmp_path / "out")["locked"]["status"].startswith("not graded: unreadable")
