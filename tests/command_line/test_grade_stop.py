"""A batch stopped by SIGTERM (a cancelled CI job) or Ctrl-C ends with its outputs written
and valid, the unfinished rows "not graded: interrupted", exit 143 or 130 and no traceback;
`--resume` then finishes it with the scores an uninterrupted run gives."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.kata_maker import REPOSITORY, SOLUTIONS

# square takes a while, so the batch is still running when the signal comes
SLOW_SQUARE = "import time\n\ndef square(x):\n    time.sleep(0.4)\n    return x * x\n\n" \
              "def cube(x):\n    return x ** 3\n"
WRONG_CUBE = SLOW_SQUARE.replace("return x ** 3", "return x ** 2")
NAMES = ("ada", "ben", "cy", "dee", "eli", "fox")


@pytest.fixture
def six(submissions) -> list[Path]:
    """Six slow submissions, every second one with a wrong cube."""
    return [submissions.make(name, {"exercises/01_square.py": WRONG_CUBE if i % 2 else SLOW_SQUARE,
                                    "exercises/02_total.py": SOLUTIONS["02_total"]})
            for i, name in enumerate(NAMES)]


def grade(kata: Path, *args, **options) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY), GRADER_LANG="en")
    return subprocess.Popen([sys.executable, "-m", "grader", "grade", *map(str, args)],
                            cwd=kata, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                            **options)


def graded_so_far(out: Path) -> int:
    try:
        batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # not written yet, or being replaced this moment
        return 0
    return sum(not item["reason"] for item in batch["submissions"])


def stop_after(command: subprocess.Popen, out: Path, graded: int, how: str) -> None:
    """Wait until `graded` submissions are written, then send the signal."""
    while graded_so_far(out) < graded:
        assert command.poll() is None, command.communicate()
        time.sleep(0.05)
    if how == "SIGTERM":  # to the grader alone, as `kill PID` or a CI runner sends it
        command.send_signal(signal.SIGTERM)
    else:  # to the whole process group, as a terminal's Ctrl-C
        os.killpg(command.pid, signal.SIGINT)


def rows(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        return {row["submission"]: row for row in csv.DictReader(file)}


@pytest.mark.parametrize("how, code", [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_stopped_batch_is_written_and_resumed(small_kata, six, tmp_path, how, code):
    out = tmp_path / "out"
    command = grade(small_kata, *six, "--out", out, "--seed", 3, "--allow-unconfined")
    stop_after(command, out, 2, how)
    stdout, stderr = command.communicate(timeout=120)
    assert command.returncode == code, stderr
    assert "Traceback" not in stderr + stdout and "Error" not in stderr, stderr
    assert "--resume" in stderr

    stopped = rows(out)
    assert sorted(stopped) == list(NAMES)
    done = [name for name, row in stopped.items() if row["status"] == "graded"]
    left = [name for name, row in stopped.items() if row["status"] != "graded"]
    assert len(done) >= 2 and left, stopped
    assert {stopped[name]["status"] for name in left} == {"not graded: interrupted"}
    for name in done:  # each finished row has its results, and only those
        assert json.loads((out / name / "results.json").read_text())["score"] >= 0
    assert not any((out / name / "results.json").exists() for name in left)
    suites = ET.parse(out / "junit.xml").getroot().findall("testsuite")
    assert sorted(suite.get("name") for suite in suites) == sorted(done)
    batch = json.loads((out / "batch.json").read_text())
    assert {item["name"] for item in batch["submissions"] if item["fault"]} == set(left)

    resumed = grade(small_kata, *six, "--out", out, "--resume", "--allow-unconfined")
    stdout, stderr = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, stderr
    assert f"graded {len(left)} of {len(left)} submissions" in stdout
    assert f"rows kept from the earlier output: {len(done)}" in stdout

    whole = grade(small_kata, *six, "--out", tmp_path / "whole", "--seed", 3,
                  "--allow-unconfined")
    assert whole.communicate(timeout=120) and whole.returncode == 0
    scores = {name: (row["score"], row["01_square"], row["status"])
              for name, row in rows(out).items()}
    assert scores == {name: (row["score"], row["01_square"], row["status"])
                      for name, row in rows(tmp_path / "whole").items()}
    assert {s[0] for s in scores.values()} == {"100", "80"}  # the wrong cubes lost 20
    assert len(ET.parse(out / "junit.xml").getroot().findall("testsuite")) == 6
