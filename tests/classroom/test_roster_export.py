"""--roster joins students to the gradebook, --due with a late policy gives final scores,
the submission time comes from the submission's git history or its files, and `grader
export` writes what Canvas and Moodle import."""

from __future__ import annotations

import csv
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from grader.cli import main
from grader.classroom.submission_facts import facts_of
from grader.records.lateness import LatePolicy, parse_time

ROSTER = (
    "submission,student_id,name,email,section\n"
    "alice,S001,\"Liddell, Alice\",alice@uni.edu,Mon\n"
    "bob,S002,=HYPERLINK(\"x\"),bob@uni.edu,Tue\n"
    "hal,S008,Hal Ma,hal@uni.edu,Mon\n"
)
DUE = datetime(2026, 3, 1, 23, 59, tzinfo=UTC)


def table(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def handed_in(folder: Path, when: datetime) -> None:
    for path in (folder / "exercises").iterdir():
        os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.fixture
def graded(small_kata, submissions, tmp_path, monkeypatch, capsys) -> Path:
    """alice on time; bob (02 not done: half the points) 2 days and 1 minute late; zed not
    on the roster; hal on the roster with nothing handed in. A 10 %-a-day policy, capped
    at 25 %."""
    alice = submissions.make("alice", base="solved")
    bob = submissions.make("bob", {"exercises/02_total.py": "def total(v):\n    return 0\n"},
                           base="solved")
    zed = submissions.make("zed", base="stubs")
    handed_in(alice, DUE - timedelta(hours=3))
    handed_in(bob, DUE + timedelta(days=2, minutes=1))
    handed_in(zed, DUE)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    monkeypatch.chdir(small_kata)
    out = tmp_path / "out"
    code = main(["grade", str(alice), str(bob), str(zed), "--out", str(out), "--seed", "3",
                 "--roster", str(roster), "--due", DUE.isoformat(), "--late-penalty", "10",
                 "--late-cap", "25"])
    assert code == 0, capsys.readouterr()
    return out


def test_roster_and_late_policy_join_the_gradebook(graded):
    header, *rows = table(graded / "gradebook.csv")
    assert header == ["submission", "score", "max_score", "01_square", "02_total", "status",
                      "confinement", "student_id", "name", "email", "section", "on_roster",
                      "submitted_at", "days_late", "late_penalty_percent", "final_score"]
    by_name = {row[0]: dict(zip(header, row)) for row in rows}
    assert sorted(by_name) == ["alice", "bob", "hal", "zed"]
    alice, bob, hal, zed = (by_name[n] for n in ("alice", "bob", "hal", "zed"))
    assert (alice["student_id"], alice["name"], alice["on_roster"]) == (
        "S001", "Liddell, Alice", "yes")
    assert (alice["days_late"], alice["late_penalty_percent"], alice["final_score"]) == (
        "0", "0", "100")
    assert parse_time(alice["submitted_at"]) == DUE - timedelta(hours=3)
    # 2 days and a minute: 3 started days, 30 % capped at 25 %, of a raw 50
    assert (bob["score"], bob["days_late"], bob["late_penalty_percent"],
            bob["final_score"]) == ("50", "3", "25", "37.5")
    assert bob["name"] == "'=HYPERLINK(\"x\")"  # a formula in the roster stays text
    assert (hal["status"], hal["score"], hal["student_id"], hal["on_roster"]) == (
        "missing: no submission", "", "S008", "yes")
    assert (zed["on_roster"], zed["student_id"], zed["status"]) == ("no", "", "graded")


def test_canvas_export_is_canvas_gradebook_csv(graded, tmp_path, capsys):
    target = tmp_path / "canvas.csv"
    assert main(["export", str(graded), "--to", "canvas", "--assignment", "Kata 1",
                 "--out", str(target)]) == 0
    printed = capsys.readouterr()
    assert "zed" in printed.err  # not on the roster: said, and left out
    header, points, *rows = table(target)
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Kata 1"]
    assert points == ["    Points Possible", "", "", "", "", "100"]
    assert rows == [
        ["Liddell, Alice", "", "S001", "alice@uni.edu", "Mon", "100"],
        ["'=HYPERLINK(\"x\")", "", "S002", "bob@uni.edu", "Tue", "37.5"],  # the final score
        ["Hal Ma", "", "S008", "hal@uni.edu", "Mon", ""],  # nothing handed in: no score
    ]


def test_moodle_export_and_a_class_without_roster(graded, small_kata, submissions, tmp_path,
                                                  capsys):
    target = tmp_path / "moodle.csv"
    assert main(["export", str(graded), "--to", "moodle", "--out", str(target)]) == 0
    header, *rows = table(target)
    assert header == ["ID number", "Email address", "Full name", "Section", "kata"]
    assert [row[0] for row in rows] == ["S001", "S002", "S008"]
    plain = tmp_path / "plain"
    assert main(["grade", str(submissions.make("ann", base="solved")), "--out", str(plain)]) == 0
    assert main(["export", str(plain), "--to", "canvas", "--out", str(target)]) == 2
    assert "graded without a roster" in capsys.readouterr().err


def test_a_roster_without_its_columns_is_a_usage_error(small_kata, submissions, tmp_path,
                                                       monkeypatch, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("submission,name\nalice,Alice\n", encoding="utf-8")
    monkeypatch.chdir(small_kata)
    code = main(["grade", str(submissions.make("alice", base="solved")), "--out",
                 str(tmp_path / "out"), "--roster", str(roster)])
    assert code == 2
    assert "student_id, email" in capsys.readouterr().err
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_submission_time_from_git_history_else_file_times(submissions, tmp_path):
    clone = submissions.make("clone", base="solved")
    committed = "2026-02-27T10:00:00+00:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=committed, GIT_COMMITTER_DATE=committed,
               GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@b", GIT_COMMITTER_NAME="a",
               GIT_COMMITTER_EMAIL="a@b")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "done"]):
        subprocess.run(["git", "-C", str(clone), *command], check=True, env=env)
    handed_in(clone, DUE)  # files touched later: the commit is what counts
    facts = facts_of(clone, ["01_square", "02_total"])
    assert (facts.submitted_at, facts.submitted_from) == (
        datetime.fromisoformat(committed), "git")
    plain = submissions.make("plain", base="solved")
    handed_in(plain, DUE + timedelta(days=1))
    assert facts_of(plain, ["01_square", "02_total"]).submitted_at == DUE + timedelta(days=1)
    # the same files: the same fingerprint, wherever and whenever they were handed in
    assert facts_of(plain, ["01_square"]).digest == facts_of(clone, ["01_square"]).digest


def test_late_policy_counts_started_days_and_caps():
    policy = LatePolicy(DUE, percent_per_day=15, cap=40)
    assert [policy.days_late(DUE + timedelta(hours=h)) for h in (-1, 0, 1, 24, 25, 72)] == [
        0, 0, 1, 1, 2, 3]
    assert policy.penalty(DUE + timedelta(days=5)) == 40
    assert policy.final(80, DUE + timedelta(hours=30)) == pytest.approx(56)
    assert policy.final(80, None) == 80  # time unknown: no penalty
    end_of_day = parse_time("2026-03-01")  # a due date alone: the end of that day
    assert (end_of_day.hour, end_of_day.minute, end_of_day.tzinfo is not None) == (23, 59, True)


def test_an_lms_file_defuses_formulas_as_the_gradebook_does(tmp_path):
    # the reports' one CSV rule: after leading spaces and in full-width forms too; a number
    # stays a number
    from grader.reports import lms

    path = tmp_path / "lms.csv"
    lms.write([[" =1+1", "\uff1dSUM(A1)", "-3", "12.5", "Ada"]], path)
    with path.open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["' =1+1", "'\uff1dSUM(A1)", "-3", "12.5", "Ada"]
