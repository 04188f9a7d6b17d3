"""Where the learner stands and what comes next: `grader list` shows points per exercise and
the kata as a bar, a passing run names the next exercise, `--all-details` explains every
failing function."""

from __future__ import annotations

import pytest

from grader.cli import main
from grader.records.catalogue import load_catalogue
from tests.support.katas import copy_kata


@pytest.fixture
def kata(tmp_path, monkeypatch):
    root = copy_kata("trust", tmp_path)
    monkeypatch.chdir(root)
    return root


def listing(capsys) -> tuple[dict[str, str], str]:
    assert main(["list"]) == 0
    _header, *rows, total = capsys.readouterr().out.splitlines()
    return {row.split()[1]: row for row in rows}, total


def test_list_shows_points_per_exercise_and_a_bar_for_the_kata(kata, capsys):
    most = load_catalogue(kata / "catalogue.toml").max_points
    rows, total = listing(capsys)
    assert "0/8" in rows["01_passing"].split()
    assert total == f"[--------------------] 0/{most:g} points"
    assert main(["run", "1", "2"]) == 1
    capsys.readouterr()
    rows, total = listing(capsys)
    assert "8/8" in rows["01_passing"].split() and "0/8" in rows["02_wrong"].split()
    filled = round(20 * 8 / most)
    assert total == f"[{'#' * filled}{'-' * (20 - filled)}] 8/{most:g} points"


def test_a_passing_run_names_the_next_exercise(kata, capsys):
    assert main(["run", "1"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("Next: 02_wrong, `grader run 02`.")


def test_a_failing_run_names_no_next_exercise(kata, capsys):
    assert main(["run", "2"]) == 1
    assert "Next:" not in capsys.readouterr().out


def test_next_skips_exercises_already_passed(kata, capsys):
    state = kata / ".grader"
    state.mkdir()
    (state / "progress.json").write_text('{"exercises": {"02_wrong": {"status": "passed"}, '
                                         '"03_not_started": {"status": "failing"}}}')
    assert main(["run", "1"]) == 0
    assert "Next: 03_not_started, `grader run 03`." in capsys.readouterr().out


def test_all_details_explains_every_failing_function(kata, capsys):
    assert main(["run", "2"]) == 1
    first = capsys.readouterr().out
    assert "> double (wrong):" in first and "> descend" not in first
    assert main(["run", "2", "--all-details"]) == 1
    every = capsys.readouterr().out
    assert "> double (wrong):" in every and "> descend (wrong):" in every
    assert every.count("grader hint 02_wrong") == 1
