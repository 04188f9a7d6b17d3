"""A class graded into its output over several runs: regrading some submissions keeps the
others' rows, --fresh starts over, --resume grades only what is new, changed or unfinished,
--only failed only what a fault of the grader or its environment stopped."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from grader.classroom.batch import grade_class
from grader.classroom.incremental import Selection
from grader.cli import main
from grader.records.errors import SetupError
from tests.support.kata_maker import SOLUTIONS

WRONG_CUBE = SOLUTIONS["01_square"].replace("x ** 3", "x ** 2").replace("x * x * x", "x * x")


def gradebook(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        return {row["submission"]: row for row in csv.DictReader(file)}


@pytest.fixture
def three(submissions) -> dict[str, Path]:
    return {"alice": submissions.make("alice", base="solved"),
            "bob": submissions.make("bob", base="stubs"),
            "carol": submissions.make("carol", base="solved")}


def test_wrong_cube_is_wrong():  # the edit the tests below make must change a score
    assert WRONG_CUBE != SOLUTIONS["01_square"]


def test_regrading_one_keeps_the_other_rows(small_kata, three, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    grade_class(list(three.values()), kata_root=small_kata, out_dir=out, seed=7)
    before = {name: (out / name / "results.json").read_bytes() for name in three}
    assert {n: r["score"] for n, r in gradebook(out).items()} == {
        "alice": "100", "bob": "0", "carol": "100"}

    (three["alice"] / "exercises" / "01_square.py").write_text(WRONG_CUBE, encoding="utf-8")
    monkeypatch.chdir(small_kata)
    assert main(["grade", str(three["alice"]), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "graded 1 of 1 submissions" in printed
    assert "rows updated: 1; rows kept from the earlier output: 2" in printed

    rows = gradebook(out)
    assert sorted(rows) == ["alice", "bob", "carol"]
    assert {n: r["score"] for n, r in rows.items()} == {"alice": "80", "bob": "0", "carol": "100"}
    for name in ("bob", "carol"):  # untouched, byte for byte
        assert (out / name / "results.json").read_bytes() == before[name]
    batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert batch["seed"] == 7  # the class keeps its seed: the same inputs for everyone
    assert [item["name"] for item in batch["submissions"]] == ["alice", "bob", "carol"]

    assert main(["grade", str(three["alice"]), "--out", str(out), "--fresh"]) == 0
    assert sorted(gradebook(out)) == ["alice"]
    assert not (out / "bob").exists() and not (out / "carol").exists()


def test_resume_grades_only_what_is_new_or_changed(small_kata, three, tmp_path):
    out = tmp_path / "out"
    grade_class([three["alice"], three["bob"]], kata_root=small_kata, out_dir=out, seed=7)
    (three["bob"] / "exercises" / "01_square.py").write_text(SOLUTIONS["01_square"])
    resume = Selection("resume")
    rows = grade_class(list(three.values()), kata_root=small_kata, out_dir=out,
                       selection=resume)
    assert {o.name for o in rows if o.graded_now} == {"bob", "carol"}  # changed, and new
    assert {o.name: o.report.score for o in rows} == {"alice": 100, "bob": 50, "carol": 100}
    again = grade_class(list(three.values()), kata_root=small_kata, out_dir=out,
                        selection=resume)
    assert not any(o.graded_now for o in again) and len(again) == 3
    # a notebook newer than the .py is what gets graded: that is a change too
    shutil.copy(three["carol"] / "exercises" / "02_total.py",
                three["carol"] / "exercises" / "02_total.ipynb")
    touched = grade_class([three["carol"]], kata_root=small_kata, out_dir=out,
                          selection=resume)
    assert [o.name for o in touched if o.graded_now] == ["carol"]


def test_only_failed_regrades_what_the_environment_broke(small_kata, three, tmp_path):
    out = tmp_path / "out"
    (out / "bob" / "results.json").mkdir(parents=True)  # bob's results cannot be written
    rows = {o.name: o for o in grade_class(list(three.values()), kata_root=small_kata,
                                           out_dir=out, seed=7)}
    assert rows["bob"].fault == "grader" and not rows["bob"].graded
    assert rows["alice"].graded and not rows["alice"].fault
    assert gradebook(out)["bob"]["status"].startswith("not graded:")

    (out / "bob" / "results.json").rmdir()  # the disk is mended
    again = grade_class(list(three.values()), kata_root=small_kata, out_dir=out,
                        selection=Selection("failed"))
    assert [o.name for o in again if o.graded_now] == ["bob"]
    assert {n: r["status"] for n, r in gradebook(out).items()} == dict.fromkeys(three, "graded")


def test_an_output_of_another_class_is_not_updated(small_kata, three, tmp_path):
    out = tmp_path / "out"
    grade_class([three["alice"]], kata_root=small_kata, out_dir=out, seed=7)
    with pytest.raises(SetupError, match="--seed 7, not 8"):
        grade_class([three["bob"]], kata_root=small_kata, out_dir=out, seed=8)
    batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    batch["exercise_ids"] = ["01_other"]
    (out / "batch.json").write_text(json.dumps(batch), encoding="utf-8")
    with pytest.raises(SetupError, match="another kata"):
        grade_class([three["bob"]], kata_root=small_kata, out_dir=out, seed=7)
    rows = grade_class([three["bob"]], kata_root=small_kata, out_dir=out, seed=8,
                       selection=Selection(fresh=True))
    assert [o.name for o in rows] == ["bob"]
