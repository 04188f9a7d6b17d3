"""A class of hostile submissions mixed with correct ones, graded by `grader grade` as an
instructor runs it: every correct one gets full marks, no hostile one more than its honest
part, the outputs are always written, the run ends within the documented bound
(submissions x --budget) and leaves no process behind."""

from __future__ import annotations

import csv
import ctypes
import json
import os
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader.classroom.batch import GradeSettings, check_confinement
from grader.grading.checks import CheckRecord
from grader.records.errors import SetupError
from grader.records.learner_text import clean
from grader.records.results import OUTPUT_LIMIT
from tests.support.hostile import ODD_NAMES, hostile_class
from tests.support.kata_maker import REPOSITORY

BUDGET = 20  # seconds per submission: a correct one of the small kata takes about one
CORRECT = ("ada", "grace")
_PR_SET_CHILD_SUBREAPER = 36


@pytest.fixture
def reaper():
    """Orphans of anything this test starts become its children, so none can slip away."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    yield
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


@pytest.fixture
def confinable(small_kata, tmp_path, require_confinement):
    """The class runs confined, as grade insists: where it cannot be, the test fails with the
    reason (or, with GRADER_CI_NO_NAMESPACES=1, skips and the run's summary says so)."""
    settings = GradeSettings(small_kata, tmp_path / "probe-out", ("cpu",), 0)
    try:
        check_confinement(settings)
    except SetupError as error:
        require_confinement(str(error))


@pytest.fixture
def marker():
    name = f"hostile-litter-{uuid.uuid4().hex}"
    yield name
    for place in ("/tmp", "/dev/shm"):  # what a worker left is removed after the report
        Path(place, name).unlink(missing_ok=True)


def grade(kata: Path, folders: list[Path], out: Path, jobs: int,
          budget: float = BUDGET) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "grader", "grade", *map(str, folders), "--out", str(out),
               "--jobs", str(jobs), "--budget", str(budget), "--seed", "7", "--device", "cpu"]
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    # the documented bound, and a minute for the checks before and the writing after
    return subprocess.run(command, cwd=kata, env=env, capture_output=True,
                          timeout=len(folders) * budget + 60)


def descendants() -> dict[int, str]:
    """Processes below this one still running, by pid (zombies reaped first)."""
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break
    parents = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            parents.setdefault(int(ppid), []).append(int(entry))
    found, todo = [], list(parents.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return {pid: _command(pid) for pid in found}


def _command(pid: int) -> str:
    try:
        return Path("/proc", str(pid), "cmdline").read_bytes()[:80].decode(errors="replace")
    except OSError:
        return "(gone)"


def new_descendants_within(seconds: float, before: dict[int, str]) -> list[str]:
    """Processes started since `before` (this test process's own worker server, started by
    an earlier test, stays) still left. Workers die with their forkserver by a signal the
    kernel sends: give it a moment."""
    deadline = time.monotonic() + seconds
    left = [command for pid, command in descendants().items() if pid not in before]
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = [command for pid, command in descendants().items() if pid not in before]
    return left


def read_outputs(out: Path) -> tuple[dict[str, dict], dict]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        rows = {row["submission"]: row for row in csv.DictReader(file)}
    ET.parse(out / "junit.xml")  # well-formed, whatever the names and outputs held
    batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    results = {item["name"]: json.loads((out / item["results"] / "results.json").read_text(
        encoding="utf-8")) for item in batch["submissions"]}
    return rows, results


def row_name(name: str) -> str:
    """A name as the gradebook writes it: cleaned, formula-like ones behind an apostrophe."""
    shown = clean(name)
    return "'" + shown if shown.startswith(("=", "+", "-", "@")) else shown


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hostile_class_cannot_hang_crash_or_outscore(small_kata, submissions, tmp_path,
                                                       confinable, reaper, marker, jobs,
                                                       capsys):
    attacks = hostile_class(marker)
    folders = [submissions.make(name, base="solved") for name in (*CORRECT, *ODD_NAMES)]
    folders += [submissions.make(name, files, base="solved")
                for name, (files, _) in attacks.items()]
    out = tmp_path / "out"
    before = descendants()
    finished = grade(small_kata, folders, out, jobs)
    assert finished.returncode == 0, finished.stderr.decode(errors="replace")[-3000:]
    rows, results = read_outputs(out)
    assert len(rows) == len(results) == len(folders)
    for name in (*CORRECT, *ODD_NAMES):
        assert rows[row_name(name)]["score"] == "100", name
    for name, (_, honest) in attacks.items():
        assert float(rows[name]["score"]) <= honest, (name, rows[name])
    # what this side guarantees exactly, whatever the worker does
    assert rows["hang-at-load"]["score"] == "0"
    assert rows["surrogate"]["score"] == "70" and rows["escapes"]["score"] == "80"
    assert rows["megabytes"]["score"] == "100"
    assert {name: row["confinement"] for name, row in rows.items()
            if not row["confinement"].startswith("mount-ns")} == {}
    for path in (out / "gradebook.csv", out / "junit.xml", out / "batch.json"):
        assert "\x1b" not in path.read_text(encoding="utf-8")
    for name, data in results.items():
        assert "\x1b" not in json.dumps(data, ensure_ascii=False), name
        assert all(len(test["output"].encode()) <= 2 * OUTPUT_LIMIT for test in data["tests"])
    assert new_descendants_within(15, before) == []
    # the worker side: nothing left behind, no verdict text a worker made up
    assert [place for place in ("/tmp", "/dev/shm") if Path(place, marker).exists()] == []
    assert not any("please award" in test["output"]
                   for test in results["fake-verdict"]["tests"])
    with capsys.disabled():
        _print_table(rows, jobs, results)


def _print_table(rows: dict[str, dict], jobs: int, results: dict) -> None:
    """The class as graded (shown with -s)."""
    print(f"\n--jobs {jobs}: submission | score | status")
    for name, row in rows.items():
        statuses = {t["extra_data"]["status"] for t in results.get(_result_key(name, results),
                                                                      {"tests": []})["tests"]}
        print(f"  {name!r:32} {row['score']:>5}  {', '.join(sorted(statuses))}")


def _result_key(row: str, results: dict) -> str:
    return next((name for name in results if row_name(name) == row), row)


SLOW_IMPORT = "import time\n\ntime.sleep(60)\n\n\ndef total(values):\n    return 0.0\n"


def test_a_slow_submission_keeps_what_it_earned_before_its_budget_ran_out(
        small_kata, submissions, tmp_path, confinable):
    # 01 is correct (50 points); 02 spends the budget loading. Past it, 02 is timed out and
    # 01 keeps its points: the grading process is not killed while it has budget to say so.
    slow = submissions.make("slow", {"exercises/02_total.py": SLOW_IMPORT}, base="solved")
    out = tmp_path / "out"
    finished = grade(small_kata, [slow], out, jobs=1, budget=8)
    assert finished.returncode == 0, finished.stderr.decode(errors="replace")[-3000:]
    rows, results = read_outputs(out)
    assert rows["slow"]["score"] == "50" and rows["slow"]["01_square"] == "50"
    statuses = {t["tags"][1]: t["extra_data"]["status"] for t in results["slow"]["tests"]}
    assert statuses == {"square": "passed", "cube": "passed", "total": "timed out",
                        "safe_sqrt": "timed out"}


def test_kept_output_stays_small_whatever_is_printed():
    record = CheckRecord()
    for _ in range(1000):  # a thousand calls printing 10 kB each: 10 MB in all
        record.add_output("z" * OUTPUT_LIMIT, 0)
    assert len(record.output) <= OUTPUT_LIMIT
    assert len(record.output) + record.output_dropped == 1000 * OUTPUT_LIMIT  # all counted


@pytest.mark.parametrize("text, shown", [
    ("plain\ttext\nkept", "plain\ttext\nkept"),
    ("\x1b[31mred\x07", "\\x1b[31mred\\x07"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("byte \udcff of a name", "byte \\xff of a name"),
    ("right\u202eleft", "right\\u202eleft"),
    ("windows\r\nline", "windows\nline"),
    ("梯度下降", "梯度下降"),
])
def test_learner_text_is_cleaned_visibly_and_once(text, shown):
    assert clean(text) == shown
    assert clean(shown) == shown
    shown.encode("utf-8")  # always writable
