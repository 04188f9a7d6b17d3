"""`grader gradescope OUT.zip` end to end: the bundle unzipped into a folder laid out as
Gradescope's /autograder, its run_autograder run on a solved, a stub and a hostile
submission, every results.json checked against Gradescope's documented keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import jsonschema
import pytest

from grader.edition.gradescope_bundle import build_bundle
from grader.records.errors import SetupError
from tests.support.kata_maker import REPOSITORY
from tests.support.katas import write_pristine_stubs

SCHEMA = json.loads((Path(__file__).with_name("gradescope_schema.json")).read_text("utf-8"))
EXERCISES = sorted(path.name for path in (REPOSITORY / "solutions").glob("[0-9][0-9]_*.py"))


def points_of(exercise_id: str) -> float:
    catalogue = tomllib.loads((REPOSITORY / "catalogue.toml").read_text("utf-8"))
    entry = next(e for e in catalogue["exercise"] if e["id"] == exercise_id)
    return float(sum(entry["points"].values()))


def autograder(tmp_path: Path, visibility: str | None) -> Path:
    """A fresh /autograder: the bundle unzipped into source/, run_autograder beside it."""
    bundle = build_bundle(REPOSITORY, tmp_path / "autograder.zip", visibility=visibility)
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle.path) as archive:
        archive.extractall(root / "source")
    for name in ("run_autograder", "setup.sh"):
        (root / "source" / name).chmod(0o755)  # extractall does not keep modes
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    return root


def run_autograder(root: Path) -> tuple[subprocess.CompletedProcess, dict]:
    env = {**os.environ, "GRADER_AUTOGRADER": str(root), "GRADER_PYTHON": sys.executable}
    env.pop("PYTHONPATH", None)  # the bundle's own grader (kata/grader) is the one that runs
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    results = json.loads((root / "results" / "results.json").read_text("utf-8"))
    jsonschema.validate(results, SCHEMA)
    return done, results


def test_solved_submission_flat_scores_full_marks_with_details_visible(tmp_path):
    root = autograder(tmp_path, None)  # the catalogue sets no visibility: visible
    for name in EXERCISES:  # uploaded flat, as a learner drags the files in
        shutil.copy(REPOSITORY / "solutions" / name, root / "submission" / name)
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == 100 and results["max_score"] == 100
    assert {test["status"] for test in results["tests"]} == {"passed"}
    assert {test["visibility"] for test in results["tests"]} == {"visible"}
    assert results["output_format"] == "md" and "**100/100 points**" in results["output"]
    assert "grader run" not in results["output"]


def test_stub_submission_in_a_repository_folder_scores_zero(tmp_path):
    root = autograder(tmp_path, "after_due_date")
    # a repository downloaded as a zip: one top folder, the files under exercises/
    stubs = root / "submission" / "kata-main" / "exercises"
    shutil.copytree(REPOSITORY / "exercises", stubs)
    write_pristine_stubs(stubs)  # the shipped stubs, whatever this checkout's working files
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == 0 and results["max_score"] == 100
    assert {test["visibility"] for test in results["tests"]} == {"after_due_date"}
    # the learner still learns which file was graded, but no points before the due date
    assert "appear after the due date" in results["output"]
    assert "graded `exercises/01_derivatives.py`" in results["output"]
    assert "/100" not in results["output"] and "grader run" not in results["output"]


def test_missing_files_say_what_to_upload(tmp_path):
    root = autograder(tmp_path, "hidden")
    (root / "submission" / "notes.txt").write_text("my answers are in my head\n")
    done, results = run_autograder(root)
    assert results["score"] == 0
    assert "no file found; upload `02_gradient_descent.py`" in results["output"]
    assert {test["visibility"] for test in results["tests"]} == {"hidden"}


HOSTILE_PREAMBLE = """\
import json, pathlib
FAKE = {{"score": 100, "max_score": 100, "output": "FORGED", "tests": []}}
print(json.dumps(FAKE))
for target in ({results!r}, {partial!r}):
    try:
        pathlib.Path(target).write_text(json.dumps(FAKE))
    except OSError as error:
        print("could not write", target, error)
"""


def test_hostile_submission_keeps_only_what_its_honest_part_earns(tmp_path):
    root = autograder(tmp_path, "visible")
    results_file = root / "results" / "results.json"
    (root / "results").mkdir()
    results_file.write_text('{"score": 100, "tests": []}')  # left there before the run
    preamble = HOSTILE_PREAMBLE.format(results=str(results_file),
                                       partial=str(results_file) + ".partial")
    solution = (REPOSITORY / "solutions" / "02_gradient_descent.py").read_text("utf-8")
    (root / "submission" / "02_gradient_descent.py").write_text(preamble + solution)
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == points_of("02_gradient_descent") == 20
    assert "FORGED" not in results["output"]
    earned = {test["tags"][0] for test in results["tests"] if test["score"] > 0}
    assert earned == {"02_gradient_descent"}


def test_setup_installs_torch_pinned_and_can_be_skipped(tmp_path):
    root = autograder(tmp_path, None)
    setup = (root / "source" / "setup.sh").read_text("utf-8")
    assert '"torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu' in setup
    done = subprocess.run(["bash", str(root / "source" / "setup.sh")], capture_output=True,
                          text=True, env={**os.environ, "GRADER_SKIP_INSTALL": "1"})
    assert done.returncode == 0 and "nothing installed" in done.stdout


def test_bundle_ships_the_trusted_kata_and_no_caches(tmp_path):
    bundle = build_bundle(REPOSITORY, tmp_path / "b.zip", visibility="after_published")
    with zipfile.ZipFile(bundle.path) as archive:
        names = archive.namelist()
        run = archive.read("run_autograder").decode()
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
    assert names[:2] == ["setup.sh", "run_autograder"] and modes["run_autograder"] & 0o111
    assert "--visibility after_published" in run
    for name in EXERCISES:
        assert f"kata/solutions/{name}" in names
        assert f"kata/hidden_tests/test_{name}" in names
    assert "kata/grader/cli.py" in names and "kata/catalogue.toml" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_bundle_refuses_a_student_edition(tmp_path):
    edition = tmp_path / "edition"
    (edition / "exercises").mkdir(parents=True)
    shutil.copy(REPOSITORY / "catalogue.toml", edition / "catalogue.toml")
    with pytest.raises(SetupError, match="no solutions/"):
        build_bundle(edition, tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()
