"""`grader gradescope OUT.zip` end to end: the bundle unzipped into a folder laid out as
Gradescope's /autograder, its run_autograder run on a solved, a stub and a hostile
submission and on uploads in folders and files a browser names, every results.json checked
against Gradescope's documented keys. Each visibility's bundle is built once per module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
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


TOTAL = sum(points_of(Path(name).stem) for name in EXERCISES)  # whatever the course adds to


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """The bundle of each visibility asked for, built once (a build releases an edition)."""
    built: dict = {}

    def bundle(visibility: str | None) -> Path:
        if visibility not in built:
            folder = tmp_path_factory.mktemp("bundle")
            built[visibility] = build_bundle(REPOSITORY, folder / "autograder.zip",
                                             visibility=visibility).path
        return built[visibility]
    return bundle


def hidden_tests(results: dict) -> list[dict]:
    return [test for test in results["tests"] if not test["extra_data"].get("public")]


def public_checks(results: dict) -> list[dict]:
    return [test for test in results["tests"] if test["extra_data"].get("public")]


def autograder(tmp_path: Path, bundle: Path) -> Path:
    """A fresh /autograder: the bundle unzipped into source/, run_autograder beside it."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as archive:
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


def test_solved_submission_flat_scores_full_marks_with_details_visible(tmp_path, bundles):
    root = autograder(tmp_path, bundles(None))  # the catalogue sets no visibility: visible
    for name in EXERCISES:  # uploaded flat, as a learner drags the files in
        shutil.copy(REPOSITORY / "solutions" / name, root / "submission" / name)
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == results["max_score"] == TOTAL
    assert {test["status"] for test in results["tests"]} == {"passed"}
    assert {test["visibility"] for test in results["tests"]} == {"visible"}
    assert results["output_format"] == "md"
    assert f"**{TOTAL:g}/{TOTAL:g} points**" in results["output"]
    assert "grader run" not in results["output"]


def test_stub_submission_in_a_repository_folder_scores_zero(tmp_path, bundles):
    root = autograder(tmp_path, bundles("after_due_date"))
    # a repository downloaded as a zip: one top folder, the files under exercises/
    stubs = root / "submission" / "kata-main" / "exercises"
    shutil.copytree(REPOSITORY / "exercises", stubs)
    write_pristine_stubs(stubs)  # the shipped stubs, whatever this checkout's working files
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == 0 and results["max_score"] == TOTAL
    # the public checks learners already have are shown now; the hidden tests after the date
    assert {test["visibility"] for test in hidden_tests(results)} == {"after_due_date"}
    assert {test["visibility"] for test in public_checks(results)} == {"visible"}
    assert len(public_checks(results)) == len(hidden_tests(results))
    assert {test["max_score"] for test in public_checks(results)} == {0}
    assert {test["status"] for test in results["tests"]} == {"failed"}
    assert results["stdout_visibility"] == "hidden"
    # the learner still learns which file was graded, but no points before the due date
    assert "appear after the due date" in results["output"]
    assert "graded `exercises/01_derivatives.py`" in results["output"]
    assert f"/{TOTAL:g}" not in results["output"] and "grader run" not in results["output"]


def test_missing_files_say_what_to_upload(tmp_path, bundles):
    root = autograder(tmp_path, bundles("hidden"))
    (root / "submission" / "notes.txt").write_text("my answers are in my head\n")
    done, results = run_autograder(root)
    assert results["score"] == 0
    assert "no file found; upload `02_gradient_descent.py`" in results["output"]
    assert {test["visibility"] for test in hidden_tests(results)} == {"hidden"}


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


def test_hostile_submission_keeps_only_what_its_honest_part_earns(tmp_path, bundles):
    root = autograder(tmp_path, bundles("visible"))
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


def test_setup_installs_torch_pinned_and_can_be_skipped(tmp_path, bundles):
    root = autograder(tmp_path, bundles(None))
    setup = (root / "source" / "setup.sh").read_text("utf-8")
    assert '"torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu' in setup
    done = subprocess.run(["bash", str(root / "source" / "setup.sh")], capture_output=True,
                          text=True, env={**os.environ, "GRADER_SKIP_INSTALL": "1"})
    assert done.returncode == 0 and "nothing installed" in done.stdout


@pytest.mark.parametrize("folder", ["kata (1)", ".kata", "+", "k" * 120])
def test_an_upload_in_any_folder_gets_its_results(tmp_path, bundles, folder):
    """What a browser names a second download, a hidden folder, a name the output folder
    rule rewrites: run_autograder writes results.json all the same."""
    root = autograder(tmp_path, bundles("visible"))
    upload = root / "submission" / folder
    upload.mkdir()
    (root / "submission" / "__MACOSX").mkdir()  # what a Mac's zip adds beside it
    shutil.copy(REPOSITORY / "solutions" / "01_derivatives.py", upload / "01_derivatives.py")
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == points_of("01_derivatives") > 0
    assert "`01_derivatives`: " in results["output"]


def test_a_second_download_s_file_name_is_graded_and_named(tmp_path, bundles):
    root = autograder(tmp_path, bundles("visible"))
    upload = root / "submission" / "kata (1)"
    upload.mkdir()
    shutil.copy(REPOSITORY / "solutions" / "02_gradient_descent.py",
                upload / "02_gradient_descent (1).py")
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == points_of("02_gradient_descent")
    assert "graded `02_gradient_descent (1).py`" in results["output"]


def test_setup_pins_every_package_to_the_versions_the_bundle_was_built_with(tmp_path,
                                                                          bundles):
    root = autograder(tmp_path, bundles(None))
    setup = (root / "source" / "setup.sh").read_text("utf-8")
    pinned_file = root / "source" / "kata" / "requirements-pinned.txt"
    assert '-m pip install -r "$SOURCE/kata/requirements-pinned.txt"' in setup
    assert '-m pip install -c "$SOURCE/kata/requirements-pinned.txt" "$SOURCE/kata"' in setup
    pins = dict(line.split("==") for line in pinned_file.read_text("utf-8").splitlines()
                if line and not line.startswith("#"))
    for name in ("numpy", "pytest", "pytest-timeout", "nbformat", "pluggy", "traitlets"):
        assert pins[name] == metadata.version(name), name
    assert "torch" not in pins  # the CPU build, pinned in setup.sh itself


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
    # the public checks learners have, and nothing of the reference beside them
    public = {n for n in names if n.startswith("public/")}
    assert {f"public/public_checks/test_{name}" for name in EXERCISES} <= public
    assert not [n for n in public if "solutions" in n or "hidden_tests" in n]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_bundle_refuses_a_student_edition(tmp_path):
    edition = tmp_path / "edition"
    (edition / "exercises").mkdir(parents=True)
    shutil.copy(REPOSITORY / "catalogue.toml", edition / "catalogue.toml")
    with pytest.raises(SetupError, match="no solutions/"):
        build_bundle(edition, tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()
