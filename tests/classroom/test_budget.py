"""Grading processes with a budget per item (grader.classroom.budget), driven with a grader
that only keeps time: an item handed out `first` (the environment's check) is graded before
any other item leaves the queue, and a batch may stop right after it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from grader.classroom.budget import Budgeted, grade_within_budget


class Clock:
    """A grader that notes when it started and ended each item in a shared log file."""

    def __init__(self, log: str) -> None:
        self.log = log

    def grade(self, item: tuple[str, float]) -> str:
        name, seconds = item
        if name == "dies":
            os._exit(3)
        started = time.time()
        time.sleep(seconds)
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(json.dumps([name, started, time.time(), os.getpid()]) + "\n")
        return name

    def close(self) -> None:
        pass


def lost(item: tuple[str, float], why: str) -> str:
    return f"lost {item[0]}: {why}"


def entries(log: Path) -> dict[str, list]:
    return {row[0]: row[1:] for row in map(json.loads, log.read_text().splitlines())}


def test_the_first_item_is_graded_before_any_other_is_handed_out(tmp_path):
    log = tmp_path / "log"
    plan = Budgeted(Clock, str(log), lost, budget=60.0, jobs=2)
    items = [("a", 0.0), ("b", 0.0), ("c", 0.0)]
    outcomes = list(grade_within_budget(items, plan, first=("check", 1.0)))
    assert outcomes[0] == "check" and sorted(outcomes[1:]) == ["a", "b", "c"]
    seen = entries(log)
    checked_at = seen["check"][1]
    assert all(seen[name][0] >= checked_at for name in "abc"), seen
    # the second process started meanwhile, and both graded items
    assert len({seen[name][2] for name in "abc"}) == 2


def test_a_first_item_whose_process_dies_comes_back_lost_and_the_caller_may_stop(tmp_path):
    log = tmp_path / "log"
    plan = Budgeted(Clock, str(log), lost, budget=60.0, jobs=2)
    graded = grade_within_budget([("a", 0.0)], plan, first=("dies", 0.0))
    assert next(graded) == "lost dies: exit code 3"
    graded.close()  # the batch stops: nothing else is graded
    assert not log.exists()


def test_a_first_item_past_its_budget_comes_back_lost(tmp_path):
    log = tmp_path / "log"
    plan = Budgeted(Clock, str(log), lost, budget=1.0, jobs=1)
    outcomes = list(grade_within_budget([("a", 0.0)], plan, first=("check", 30.0)))
    assert outcomes == ["lost check: budget", "a"]  # a fresh process takes the rest
