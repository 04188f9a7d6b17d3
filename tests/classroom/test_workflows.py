"""The two GitHub workflows: the student edition's (public checks, points to Classroom) and
the instructor's grade-class.yml, read as YAML and their shell steps run in a dry run."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.support.kata_maker import REPOSITORY

from grader.edition.classroom_workflow import learner_workflow
from grader.records.catalogue import load_catalogue

CLASS_WORKFLOW = REPOSITORY / ".github" / "workflows" / "grade-class.yml"
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}")


def steps_of(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def assert_hardened(workflow: dict, text: str) -> None:
    for step in steps_of(workflow):
        if "uses" in step:
            assert PINNED.fullmatch(step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        # an expression pasted into a script is a template injection; env: is the way in
        assert "${{" not in step.get("run", ""), step.get("name")
    assert "torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in text
    assert not re.search(r"install torch(?!==)", text)


# ---- the student edition's workflow -------------------------------------------------------


@pytest.fixture(scope="module")
def learner():
    text = learner_workflow(load_catalogue(REPOSITORY / "catalogue.toml"))
    return text, yaml.safe_load(text)


def test_learner_workflow_is_pinned_and_keeps_no_credentials(learner):
    text, workflow = learner
    assert_hardened(workflow, text)
    assert workflow["permissions"] == {"checks": "write", "actions": "read",
                                       "contents": "read"}


def test_learner_workflow_reports_each_exercise_to_classroom(learner):
    text, workflow = learner
    steps = steps_of(workflow)
    graders = [s for s in steps if "autograding-command-grader" in s.get("uses", "")]
    catalogue = tomllib.loads((REPOSITORY / "catalogue.toml").read_text("utf-8"))
    ids = [entry["id"] for entry in catalogue["exercise"]]
    assert [s["with"]["command"] for s in graders] == [f"grader run {i}" for i in ids]
    points = [sum(entry["points"].values()) for entry in catalogue["exercise"]]
    assert [s["with"]["max-score"] for s in graders] == points
    reporter = next(s for s in steps if "autograding-grading-reporter" in s.get("uses", ""))
    runners = reporter["with"]["runners"].split(",")
    # the reporter reads <RUNNER ID IN CAPITALS>_RESULTS for every runner it is given
    assert runners == [s["id"] for s in graders]
    assert all(re.fullmatch(r"[a-zA-Z0-9]+", runner) for runner in runners)
    assert reporter["env"] == {f"{r.upper()}_RESULTS": f"${{{{ steps.{r}.outputs.result }}}}"
                               for r in runners}


# ---- grade-class.yml ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def class_workflow():
    text = CLASS_WORKFLOW.read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def test_class_workflow_is_hardened(class_workflow):
    text, workflow = class_workflow
    assert_hardened(workflow, text)


VALUES = {"inputs.submissions": "submissions", "matrix.shard": "1",
          "needs.plan.outputs.count": "2", "needs.plan.outputs.seed": "7",
          "inputs.device": "cpu"}


def run_step(step: dict, folder: Path, path: str,
             values: dict = VALUES) -> subprocess.CompletedProcess:
    """A step's script as the runner runs it (bash -e, pipefail), its env filled in."""
    env = {name: values[re.fullmatch(r"\$\{\{ (.+) \}\}", value).group(1)]
           for name, value in step.get("env", {}).items()}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, "PATH": path, **env})


def grade_steps(workflow: dict) -> tuple[dict, dict]:
    steps = workflow["jobs"]["grade"]["steps"]
    count = next(s for s in steps if s.get("name") == "Count submissions")
    grade = next(s for s in steps if s.get("name", "").startswith("Grade shard"))
    return count, grade


def fake_grader(folder: Path, status: int) -> str:
    """A PATH whose `grader` records its arguments and exits with `status`."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "grader"
    script.write_text(f'#!/bin/sh\necho "$@" > "{folder}/args"\nexit {status}\n')
    script.chmod(0o755)
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def test_dry_run_fails_when_no_submission_matches(class_workflow, tmp_path):
    count, grade = grade_steps(class_workflow[1])
    (tmp_path / "submissions").mkdir()  # there, but empty
    done = run_step(count, tmp_path, fake_grader(tmp_path, 0))
    assert done.returncode != 0 and "no submission folder matches" in done.stdout
    (tmp_path / "submissions" / "ada").mkdir()
    assert run_step(count, tmp_path, fake_grader(tmp_path, 0)).returncode == 0


@pytest.mark.parametrize("status", [0, 1, 2])
def test_dry_run_is_red_unless_grade_exits_0(class_workflow, tmp_path, status):
    _, grade = grade_steps(class_workflow[1])
    (tmp_path / "submissions" / "ada").mkdir(parents=True)
    done = run_step(grade, tmp_path, fake_grader(tmp_path, status))
    assert (done.returncode == 0) == (status == 0)
    args = (tmp_path / "args").read_text()
    assert args.split() == ["grade", "submissions/ada/", "--out", "out/shard-1", "--shard",
                            "1/2", "--seed", "7", "--device", "cpu", "--jobs", "2"]


def test_a_hostile_submissions_input_stays_a_string(class_workflow, tmp_path):
    count, _ = grade_steps(class_workflow[1])
    hostile = {**VALUES, "inputs.submissions": '"; touch pwned; echo "'}
    done = run_step(count, tmp_path, fake_grader(tmp_path, 0), hostile)
    assert done.returncode != 0 and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("old, new", [
    ("actions/checkout@11d5960a326750d5838078e36cf38b85af677262", "actions/checkout@v4"),
    ('"$SUBMISSIONS"/*/ \\', '"${{ inputs.submissions }}"/*/ \\'),
    ("persist-credentials: false", "persist-credentials: true"),
    ("install torch==2.13.0 --index-url", "install torch --index-url"),
])
def test_what_grade_class_was_is_caught(class_workflow, old, new):
    text = class_workflow[0]
    assert old in text
    changed = text.replace(old, new)
    with pytest.raises(AssertionError):
        assert_hardened(yaml.safe_load(changed), changed)
