"""The command line on a fixture kata: exit codes 0/1/2, list, hint, --json, --junit."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree

import pytest

from grader.cli import main
from tests.support.katas import copy_kata


@pytest.fixture
def kata(tmp_path, monkeypatch):
    root = copy_kata("trust", tmp_path)
    monkeypatch.chdir(root / "exercises")  # found by walking up, as git finds its repo
    return root


def test_all_checks_passing_exits_0(kata, capsys):
    assert main(["run", "01", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "01_passing" in out and "seed 5" in out.lower()


def test_a_failing_check_exits_1(kata):
    assert main(["run", "2"]) == 1


def test_an_exercise_that_cannot_load_exits_1(kata):
    assert main(["run", "08_syntax_error"]) == 1


@pytest.mark.parametrize("argv", [["run", "99"], ["run", "--device", "gpu"], ["hint"],
                                  ["run", "--seed", "many"], ["frobnicate"]])
def test_usage_and_setup_errors_exit_2(kata, argv):
    assert main(argv) == 2


def test_no_kata_above_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["list"]) == 2
    assert "no kata found" in capsys.readouterr().err


def test_cuda_asked_for_without_cuda_is_a_setup_error(kata, tmp_path):
    from grader.workers.pool import WorkerPool

    with WorkerPool() as pool:
        has_cuda = pool.cuda_available()
    assert main(["run", "01", "--device", "cuda"]) == (0 if has_cuda else 2)


def test_json_and_junit_files_are_written(kata, tmp_path):
    results, junit = tmp_path / "results.json", tmp_path / "junit.xml"
    assert main(["run", "1", "2", "--seed", "9", "--json", str(results),
                 "--junit", str(junit)]) == 1
    data = json.loads(results.read_text())
    assert data["score"] == 8 and data["max_score"] == 16
    assert [test["tags"] for test in data["tests"]][0] == ["01_passing", "double", "cpu"]
    assert "9" in data["output"]
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    assert len(list(cases)) == 4


def list_lines(capsys) -> dict[str, str]:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    return {line.split()[1]: line for line in lines}


def test_list_shows_status_from_the_last_run_and_the_graded_file(kata, capsys):
    before = list_lines(capsys)
    assert "not started" in before["01_passing"]
    assert "exercises/01_passing.py" in before["01_passing"]
    assert "no file" in before["16_missing_file"]
    main(["run", "1", "2", "3"])
    capsys.readouterr()
    after = list_lines(capsys)
    assert " passed " in after["01_passing"]
    assert "failing" in after["02_wrong"]
    assert "not started" in after["03_not_started"]
    os.utime(kata / "exercises" / "02_wrong.py", ns=(1, 1))
    assert "edited since the last run" in list_lines(capsys)["02_wrong"]


def hints_shown(times: int, exercise: str, capsys) -> list[str]:
    shown = []
    for _ in range(times):
        assert main(["hint", exercise]) == 0
        shown.append(capsys.readouterr().out)
    return shown


def test_hint_before_any_run_is_for_the_first_function_one_more_each_time(kata, capsys):
    shown = hints_shown(4, "1", capsys)
    assert shown[0].startswith("Hint 1 of 3 for 01_passing, function double: first hint")
    assert "second hint" in shown[1] and "last hint" not in shown[1]
    assert "third hint" in shown[2] and "last hint for double" in shown[2]
    assert "third hint" in shown[3]
    assert main(["hint", "01_passing", "--all"]) == 0
    out = capsys.readouterr().out
    assert all(text in out for text in ("first hint", "second hint", "third hint", "descend hint"))


def test_hint_follows_the_first_function_the_last_run_failed(kata, capsys):
    learner = kata / "exercises" / "01_passing.py"
    learner.write_text(learner.read_text().replace("x - learning_rate", "x + learning_rate"))
    assert main(["run", "1"]) == 1  # double passes, descend climbs
    capsys.readouterr()
    first, again = hints_shown(2, "1", capsys)
    assert first.startswith("Hint 1 of 1 for 01_passing, function descend: descend hint")
    assert "last hint for descend" in first and "descend hint" in again


def test_hint_after_every_function_passed_says_so(kata, capsys):
    assert main(["run", "1"]) == 0
    capsys.readouterr()
    (shown,) = hints_shown(1, "1", capsys)
    assert "Every function of 01_passing passed" in shown and "first hint" not in shown


def test_hint_counts_kept_by_an_older_progress_file_start_again(kata, capsys):
    state = kata / ".grader"
    state.mkdir()
    (state / "progress.json").write_text('{"hints": {"01_passing": 2}}')
    (shown,) = hints_shown(1, "1", capsys)
    assert "first hint" in shown


def test_hint_for_a_function_without_hints_says_so(kata, capsys):
    (shown,) = hints_shown(1, "2", capsys)
    assert shown == "02_wrong: double has no hints.\n"
