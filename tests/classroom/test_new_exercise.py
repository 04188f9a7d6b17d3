"""An author adds an exercise by writing four files (docs/authoring.md): the stub, the
solution, the hidden test and the catalogue entry. Nothing else changes, the points need not
add up to 100, and `grader list`, `run`, `grade` and `release` all work on the result.
`grader new-exercise` writes those four files from a template the course check passes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.records.catalogue import load_catalogue
from tests.support.kata_maker import REPOSITORY, make_kata, write
from tests.support.katas import copy_course

NAMED = """\
format = 1
name = "small-kata"
title = "Small kata"
"""

ENTRY = """
[[exercise]]
id = "03_mean"
title = "Means"
time_limit = 2.0
tensor_functions = []

[exercise.points]
mean = 7

[exercise.hints.mean]
en = ["Add them up, then divide by how many there are."]
"""

STUB = '''\
def mean(values):
    """The average of a non-empty list of floats; an empty list raises ValueError."""
    raise NotImplementedError("03_mean.mean: not written yet")
'''

SOLUTION = '''\
def mean(values):
    """The average of a non-empty list of floats; an empty list raises ValueError."""
    if not values:
        raise ValueError("the mean of no values is undefined")
    return sum(values) / len(values)
'''

HIDDEN_TEST = '''\
import pytest


@pytest.mark.grades("mean")
@pytest.mark.parametrize("size", [1, 4])
def test_mean(kata, rng, size):
    kata.check("mean", [float(v) for v in rng.normal(size=size)])


@pytest.mark.grades("mean")
def test_mean_of_nothing(kata):
    kata.check_raises("mean", "ValueError", [])
'''


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def add_exercise(kata: Path) -> None:
    """Exactly what docs/authoring.md asks an author to write."""
    catalogue = kata / "catalogue.toml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + ENTRY, encoding="utf-8")
    write(kata / "exercises" / "03_mean.py", STUB)
    write(kata / "solutions" / "03_mean.py", SOLUTION)
    write(kata / "hidden_tests" / "test_03_mean.py", HIDDEN_TEST)


def grader(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "GRADER_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "grader", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def kata(tmp_path_factory) -> Path:
    root = make_kata(tmp_path_factory.mktemp("authoring") / "kata")
    catalogue = root / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace("format = 1\n", NAMED, 1))
    before = snapshot(root)
    add_exercise(root)
    after = snapshot(root)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"catalogue.toml", "exercises/03_mean.py", "solutions/03_mean.py",
                       "hidden_tests/test_03_mean.py"}
    return root


def test_list_shows_the_new_exercise(kata):
    done = grader("list", cwd=kata)
    assert done.returncode == 0, done.stderr
    line = next(row.split() for row in done.stdout.splitlines() if "03_mean" in row)
    assert line[:2] == ["3", "03_mean"] and line[-1] == "exercises/03_mean.py"
    assert "0/107" in done.stdout.splitlines()[-1]  # the bar counts the new points too


def test_run_grades_the_stub_and_the_solution(kata, tmp_path):
    learner = tmp_path / "learner"
    subprocess.run(["cp", "-r", str(kata), str(learner)], check=True)
    done = grader("run", "03", "--junit", str(tmp_path / "stub.xml"), cwd=learner)
    assert done.returncode == 1
    assert done.stdout.startswith("Small kata: exercises graded: 1,")
    assert "not started  mean" in done.stdout and "0/7 points" in done.stdout
    (learner / "exercises" / "03_mean.py").write_text(SOLUTION)
    for solved in ("01_square", "02_total"):
        (learner / "exercises" / f"{solved}.py").write_bytes(
            (kata / "solutions" / f"{solved}.py").read_bytes())
    done = grader("run", "--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "j.xml"),
                  cwd=learner)
    assert done.returncode == 0, done.stdout
    results = json.loads((tmp_path / "r.json").read_text())
    assert results["score"] == results["max_score"] == 107  # any total works
    assert ET.parse(tmp_path / "j.xml").getroot().get("name") == "small-kata"


def test_grade_puts_the_new_exercise_in_the_gradebook(kata, tmp_path):
    solved = tmp_path / "solved"
    subprocess.run(["cp", "-r", str(kata / "solutions"), str(solved)], check=True)
    stub = tmp_path / "stub"
    subprocess.run(["cp", "-r", str(kata / "exercises"), str(stub)], check=True)
    done = grader("grade", str(solved), str(stub), "--out", str(tmp_path / "out"), cwd=kata)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out" / "gradebook.csv", newline="", encoding="utf-8") as file:
        rows = {row["submission"]: row for row in csv.DictReader(file)}
    assert (rows["solved"]["score"], rows["solved"]["03_mean"], rows["solved"]["max_score"]) == (
        "107", "7", "107")
    assert (rows["stub"]["score"], rows["stub"]["03_mean"]) == ("0", "0")
    assert ET.parse(tmp_path / "out" / "junit.xml").getroot().get("name") == "small-kata"


def test_release_ships_the_new_exercise_with_public_checks(kata, tmp_path):
    done = grader("release", str(tmp_path / "edition"), cwd=kata)
    assert done.returncode == 0, done.stderr
    edition = tmp_path / "edition"
    assert (edition / "exercises" / "03_mean.py").read_text() == STUB
    assert (edition / "exercises" / "03_mean.ipynb").is_file()
    assert json.loads((edition / "public_checks" / "03_mean.json").read_text())
    assert not (edition / "solutions").exists() and not (edition / "hidden_tests").exists()
    done = grader("run", "03", cwd=edition)
    assert done.returncode == 1 and "0/7 points" in done.stdout


def course_check(course: Path) -> subprocess.CompletedProcess:
    """The project's course check (tests/course/test_course.py) run on `course`."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
               "no:randomly", "-c", os.devnull, "--rootdir", str(course),
               str(course / "tests" / "course" / "test_course.py")]
    return subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=600)


@dataclass(frozen=True)
class Templated:
    course: Path
    exercise: str  # the id new-exercise was given: the number after the course's last
    number: int


@pytest.fixture
def course_with_template(tmp_path) -> Templated:
    """The course, its course check beside it, and one more exercise from `new-exercise`."""
    course = copy_course(tmp_path)
    (course / "tests" / "course").mkdir(parents=True)
    shutil.copy(REPOSITORY / "tests" / "course" / "test_course.py", course / "tests" / "course")
    ids = [entry.id for entry in load_catalogue(course / "catalogue.toml").exercises]
    number = int(ids[-1].split("_")[0]) + 1
    exercise = f"{number:02d}_drill"
    done = grader("new-exercise", exercise, cwd=course)
    assert done.returncode == 0, done.stderr
    assert f"wrote hidden_tests/test_{exercise}.py" in done.stdout
    return Templated(course, exercise, number)


def test_new_exercise_writes_a_template_the_course_check_passes(course_with_template):
    course, exercise = course_with_template.course, course_with_template.exercise
    checked = course_check(course)
    assert checked.returncode == 0, checked.stdout[-3000:]
    number = str(course_with_template.number)
    done = grader("run", number, cwd=course)  # the stub earns nothing: "not started"
    assert done.returncode == 1 and "not started" in done.stdout and "0/10 points" in done.stdout
    solution = (course / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
    (course / "exercises" / f"{exercise}.py").write_text(solution, encoding="utf-8")
    done = grader("run", number, cwd=course)  # the reference earns every point
    assert done.returncode == 0 and "10/10 points" in done.stdout, done.stdout


def test_the_course_check_is_what_holds_the_template_to_the_rules(course_with_template):
    """The other direction: the template without its example breaks the check, by name."""
    course, exercise = course_with_template.course, course_with_template.exercise
    stub = course / "exercises" / f"{exercise}.py"
    stub.write_text(stub.read_text(encoding="utf-8").replace("Example:", "For instance:"),
                    encoding="utf-8")
    checked = course_check(course)
    assert checked.returncode == 1
    assert "1 failed" in checked.stdout
    assert f"test_stubs_are_specifications[{exercise}]" in checked.stdout


def test_new_exercise_refuses_what_would_break_the_catalogue(course_with_template):
    course, number = course_with_template.course, course_with_template.number
    for exercise, words in (("6_momentum", "is not an exercise id"),
                            ("05_again", "exercise numbers increase down the catalogue"),
                            (course_with_template.exercise, "exercise numbers increase")):
        done = grader("new-exercise", exercise, cwd=course)
        assert done.returncode == 2 and words in done.stderr, done.stderr
    before = (course / "catalogue.toml").read_text(encoding="utf-8")
    draft = f"{number + 1:02d}_mine"
    (course / "solutions" / f"{draft}.py").write_text("# an author's draft\n")
    done = grader("new-exercise", draft, cwd=course)
    assert done.returncode == 2 and f"solutions/{draft}.py already exists" in done.stderr
    assert (course / "catalogue.toml").read_text(encoding="utf-8") == before
    assert not (course / "exercises" / f"{draft}.py").exists()
