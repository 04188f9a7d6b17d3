"""Sharded grading merged by `collect` equals one run; the grade command line."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grader.classroom.batch import grade_class
from grader.classroom.merge import collect
from grader.classroom.shards import Shard
from grader.cli import main
from grader.records.errors import SetupError
from tests.support.kata_maker import REPOSITORY

WRONG = "def square(x):\n    return x + 1\n\ndef cube(x):\n    return x ** 3\n"


@pytest.fixture
def small_class(submissions) -> list[Path]:
    return [
        submissions.make("erin", base="solved"),
        submissions.make("alice", base="stubs"),
        submissions.make("dave", {"exercises/01_square.py": WRONG}, base="solved"),
        submissions.make("bob", {"01_square.py": WRONG}),
        submissions.make("carol"),
    ]


def without_times(value):
    """A run's output with its timings left out (the one thing two runs may differ in)."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items()
                if k not in ("execution_time", "time", "seconds")}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def junit_without_times(path: Path) -> str:
    return re.sub(r' (time|timestamp)="[^"]*"', "", path.read_text(encoding="utf-8"))


def test_shards_collected_equal_one_run(small_kata, small_class, tmp_path):
    grade_class(small_class, kata_root=small_kata, out_dir=tmp_path / "whole", seed=11)
    for index in (1, 2, 3):
        grade_class(small_class, kata_root=small_kata, out_dir=tmp_path / f"shard{index}",
                    seed=11, shard=Shard(index, 3))
    shards = [tmp_path / f"shard{index}" for index in (3, 1, 2)]
    collect(shards, out_dir=tmp_path / "merged")
    whole, merged = tmp_path / "whole", tmp_path / "merged"
    assert (merged / "gradebook.csv").read_bytes() == (whole / "gradebook.csv").read_bytes()
    assert junit_without_times(merged / "junit.xml") == junit_without_times(whole / "junit.xml")
    names = sorted(p.parent.name for p in whole.glob("*/results.json"))
    assert names == sorted(p.parent.name for p in merged.glob("*/results.json"))
    assert len(names) == 5
    for name in names:
        one, two = (json.loads((d / name / "results.json").read_text()) for d in (whole, merged))
        assert without_times(one) == without_times(two)


def test_collect_refuses_an_incomplete_or_mixed_set(small_kata, small_class, tmp_path):
    for index, seed in ((1, 11), (2, 11), (3, 12)):
        grade_class(small_class, kata_root=small_kata, out_dir=tmp_path / f"s{index}",
                    seed=seed, shard=Shard(index, 3))
    with pytest.raises(SetupError, match="not shards 1/N to N/N"):
        collect([tmp_path / "s1", tmp_path / "s2"], out_dir=tmp_path / "merged")
    with pytest.raises(SetupError, match="graded differently"):
        collect([tmp_path / "s1", tmp_path / "s2", tmp_path / "s3"], out_dir=tmp_path / "m")
    with pytest.raises(SetupError, match="choose another"):
        collect([tmp_path / "s1"], out_dir=tmp_path / "s1")
    with pytest.raises(SetupError, match="not an output folder"):
        collect([tmp_path], out_dir=tmp_path / "m2")


@pytest.mark.parametrize("edit, words", [
    (lambda batch: batch.update(shard=["1", 2]), "shard ['1', 2] is not [index, count]"),
    (lambda batch: batch.update(shard=[3, 2]), "shard 3/2 is not one of 1/2 to 2/2"),
    (lambda batch: batch.pop("submissions"), "KeyError: 'submissions'"),
    (lambda batch: batch["submissions"][0].pop("notes"), "KeyError: 'notes'"),
    (lambda batch: batch.update(submissions=[7]), "not an output folder"),
])
def test_collect_says_what_is_wrong_with_a_batch_file_without_a_traceback(
        small_kata, small_class, tmp_path, capsys, edit, words):
    grade_class(small_class, kata_root=small_kata, out_dir=tmp_path / "s1", seed=11,
                shard=Shard(1, 2))
    batch = json.loads((tmp_path / "s1" / "batch.json").read_text(encoding="utf-8"))
    edit(batch)
    (tmp_path / "s1" / "batch.json").write_text(json.dumps(batch), encoding="utf-8")
    assert main(["collect", str(tmp_path / "s1"), "--out", str(tmp_path / "merged")]) == 2
    said = capsys.readouterr().err
    assert words in said and "not an output folder of `grader grade`" in said
    assert "Traceback" not in said


def test_a_batch_file_without_a_shard_key_is_an_unsharded_run(small_kata, small_class,
                                                              tmp_path, capsys):
    grade_class(small_class, kata_root=small_kata, out_dir=tmp_path / "whole", seed=11)
    batch = json.loads((tmp_path / "whole" / "batch.json").read_text(encoding="utf-8"))
    del batch["shard"]
    (tmp_path / "whole" / "batch.json").write_text(json.dumps(batch), encoding="utf-8")
    assert main(["collect", str(tmp_path / "whole"), "--out", str(tmp_path / "merged")]) == 1
    assert (tmp_path / "merged" / "gradebook.csv").read_bytes() == (
        tmp_path / "whole" / "gradebook.csv").read_bytes()
    assert "Traceback" not in capsys.readouterr().err


def test_two_submissions_with_one_name_are_a_setup_error(small_kata, submissions, tmp_path,
                                                         monkeypatch, capsys):
    first = submissions.make("a/sam", base="solved")
    second = submissions.make("b/sam", base="stubs")
    monkeypatch.chdir(small_kata)
    assert main(["grade", str(first), str(second), "--out", str(tmp_path / "out")]) == 2
    assert "two submissions are named 'sam'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_grade_command_in_parallel_matches_one_process(small_kata, small_class, tmp_path,
                                                       monkeypatch, capsys):
    monkeypatch.chdir(small_kata)
    paths = [str(p) for p in small_class]
    one = main(["grade", *paths, "--out", str(tmp_path / "one"), "--seed", "4"])
    two = main(["grade", *paths, "--out", str(tmp_path / "two"), "--seed", "4", "--jobs", "2"])
    captured = capsys.readouterr()
    assert one == two == 1  # carol has no exercise files: graded 4 of 5
    one, two = (tmp_path / name / "gradebook.csv" for name in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    assert "\r" not in captured.err  # no progress line when stderr is not a terminal
    assert "carol: empty submission" in captured.err


def test_grade_exits_0_when_every_submission_was_graded_whatever_the_scores(
        small_kata, submissions, tmp_path, monkeypatch):
    monkeypatch.chdir(small_kata)
    subs = [submissions.make("stubs", base="stubs"), submissions.make("solved", base="solved")]
    assert main(["grade", *map(str, subs), "--out", str(tmp_path / "out")]) == 0


def test_progress_line_counts_and_estimates():
    import io

    from grader.commands.grade import TerminalProgress

    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress(1, 4)
    progress(4, 4)
    lines = stream.getvalue().split("\r")[1:]
    assert lines[0].startswith("graded 1/4, about ")
    assert lines[1].startswith("graded 4/4, about 0:00 left")


@pytest.mark.parametrize("option", [["--shard", "3/2"], ["--jobs", "0"], ["--device", "gpu"]])
def test_bad_options_are_usage_errors(small_kata, tmp_path, monkeypatch, option):
    monkeypatch.chdir(small_kata)
    assert main(["grade", str(tmp_path), "--out", str(tmp_path / "out"), *option]) == 2


def test_collect_needs_none_of_the_grading_dependencies(small_kata, small_class, tmp_path):
    """The CI merge job installs the grader without dependencies."""
    grade_class(small_class, kata_root=small_kata, out_dir=tmp_path / "whole", seed=11)
    script = (
        "import sys\n"
        "from grader.cli import main\n"
        f"code = main(['collect', {str(tmp_path / 'whole')!r}, '--out', {str(tmp_path / 'm')!r}])\n"
        "heavy = [m for m in ('numpy', 'torch', 'pytest') if m in sys.modules]\n"
        "assert code == 1 and heavy == [], (code, heavy)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path, env=env)


def test_a_submission_is_named_by_the_folder_given(small_kata, submissions, tmp_path):
    stored = submissions.make("x81f3", base="solved")
    (tmp_path / "named").mkdir()
    (tmp_path / "named" / "maria").symlink_to(stored)
    [outcome] = grade_class([tmp_path / "named" / "maria" / "."], kata_root=small_kata,
                            out_dir=tmp_path / "out", seed=3)
    assert outcome.name == "maria" and (tmp_path / "out" / "maria" / "results.json").is_file()


@pytest.mark.parametrize("sandbox, allow, code, said", [
    ("off", [], 2, "learner code would run unconfined"),
    ("off", ["--allow-unconfined"], 0, "learner code ran unconfined"),
    ("on", [], 0, ""),
])
def test_grade_refuses_to_run_learner_code_unconfined_unless_allowed(
        small_kata, submissions, tmp_path, monkeypatch, capsys, sandbox, allow, code, said):
    monkeypatch.chdir(small_kata)
    monkeypatch.setenv("GRADER_SANDBOX", sandbox)
    solved = submissions.make("erin", base="solved")
    out = tmp_path / "out"
    assert main(["grade", str(solved), "--out", str(out), "--device", "cpu", *allow]) == code
    err = capsys.readouterr().err
    assert (said in err) if said else "unconfined" not in err
    if code == 2:
        assert "--allow-unconfined" in err and not out.exists()
        return
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        [row] = list(csv.DictReader(file))
    recorded = json.loads((out / "erin" / "results.json").read_text())["extra_data"]
    assert row["confinement"] == recorded["confinement"]
    assert row["confinement"].startswith("none: turned off" if allow else "mount-ns")


def test_odd_names_keep_their_rows_through_shards_and_collect(small_kata, submissions, tmp_path):
    names = ["junit.xml", "=cmd", "esc\x1bname", "bad\udcffbyte", "plain"]
    folders = [submissions.make(name, base="solved") for name in names]
    whole = tmp_path / "whole"
    grade_class(folders, kata_root=small_kata, out_dir=whole, seed=11)
    for index in (1, 2):
        grade_class(folders, kata_root=small_kata, out_dir=tmp_path / f"s{index}", seed=11,
                    shard=Shard(index, 2))
    collect([tmp_path / "s1", tmp_path / "s2"], out_dir=tmp_path / "merged")
    merged = tmp_path / "merged"
    assert (merged / "gradebook.csv").read_bytes() == (whole / "gradebook.csv").read_bytes()
    with open(whole / "gradebook.csv", encoding="utf-8", newline="") as file:
        rows = {row["submission"]: row["score"] for row in csv.DictReader(file)}
    assert rows == {"junit.xml": "100", "'=cmd": "100", "esc\\x1bname": "100",
                    "bad\\xffbyte": "100", "plain": "100"}
    used = {str(p.parent.relative_to(merged)) for p in merged.rglob("results.json")}
    assert len(used) == 5 and "plain" in used
    assert all(folder.startswith("submissions/") for folder in used - {"plain"})
