"""`grader release OUT`: the student edition, without reference solutions or hidden tests.

The edition is built in a hidden folder beside OUT and moved into place only once the
reference has scored full marks on the hidden checks and on the public checks recorded for
the edition, and no reference function body is found anywhere in it: a failed release
leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.edition import leaks, public_checks
from grader.edition import self_check as release_check
from grader.edition import texts as release_files
from grader.edition.classroom_workflow import learner_workflow
from grader.edition.self_check import ReleaseError
from grader.records import pristine
from grader.records.catalogue import Catalogue, load_catalogue
from grader.records.paths import GRADER_PACKAGE, KataPaths

RELEASE_SEED = 20240601  # public checks are the same in every release of one kata
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".grader")


@dataclass(frozen=True)
class Edition:
    root: Path
    public_cases: int  # recorded checks in all
    notebooks: int  # .ipynb files shipped


def release(kata_root: Path, out_dir: Path, *, seed: int = RELEASE_SEED) -> Edition:
    kata = KataPaths(Path(kata_root).resolve())
    out_dir = Path(out_dir).resolve()
    _check_target(out_dir, kata.root)
    catalogue = load_catalogue(kata.catalogue)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        edition = _build(kata, catalogue, work, seed=seed)
        _install(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Edition(out_dir, edition.public_cases, edition.notebooks)


def _build(kata: KataPaths, catalogue: Catalogue, work: Path, *, seed: int) -> Edition:
    with release_check.reference_as_submission(kata, catalogue) as reference:
        cases = release_check.hidden_full_marks_and_cases(kata, catalogue, reference, seed=seed)
        _copy_files(kata, work)
        _restore_shipped_exercises(kata, work, catalogue)
        _write_notebooks(work, catalogue)
        _write_readme(work, catalogue)
        _write_workflow(work, catalogue)
        count = _write_public_checks(kata, work, catalogue, cases, seed=seed)
        release_check.public_full_marks(work, reference, seed=seed)
    found = leaks.find_reference_code(kata.solutions, work)
    found += leaks.copied_into_stubs(kata.solutions, work / "exercises")
    if found:
        raise ReleaseError("reference code found in the edition: " + "; ".join(found))
    return Edition(work, count, len(list((work / "exercises").glob("*.ipynb"))))


def _check_target(out_dir: Path, kata_root: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ReleaseError(f"{out_dir} exists and is not an empty folder")
    if out_dir == kata_root or kata_root in out_dir.parents:
        raise ReleaseError(f"{out_dir} is inside the kata; release to a folder outside it")
    if not out_dir.parent.is_dir():
        raise ReleaseError(f"{out_dir.parent} does not exist")


def _copy_files(kata: KataPaths, work: Path) -> None:
    """Stubs (and notebooks, data), the grader, the catalogue, packaging and learner texts."""
    shutil.copytree(kata.exercises, work / "exercises", ignore=IGNORED, dirs_exist_ok=True)
    shutil.copytree(GRADER_PACKAGE, work / "grader", ignore=IGNORED)
    shutil.copyfile(kata.catalogue, work / "catalogue.toml")
    for name in ("pyproject.toml", ".gitignore", "LICENSE"):
        if (kata.root / name).is_file():
            shutil.copyfile(kata.root / name, work / name)


def _restore_shipped_exercises(kata: KataPaths, work: Path, catalogue: Catalogue) -> None:
    """Stubs as the repository holds them: a maintainer who tried the exercises in this
    checkout must not ship their answers (an uncommitted notebook twin is remade)."""
    checkout = pristine.is_git_checkout(kata.root)
    for entry in catalogue.exercises:
        stub = work / "exercises" / f"{entry.id}.py"
        if stub.is_file():
            stub.write_text(pristine.pristine_stub(kata.root, entry.id), encoding="utf-8")
        notebook = f"exercises/{entry.id}.ipynb"
        shipped = pristine.committed_text(kata.root, notebook) if checkout else None
        if shipped is not None:
            (work / notebook).write_text(shipped, encoding="utf-8")
        elif checkout and (work / notebook).exists():
            (work / notebook).unlink()


def _write_notebooks(work: Path, catalogue: Catalogue) -> None:
    """A notebook twin for every stub the kata ships without one."""
    from grader.notebooks.making import make_notebook

    for entry in catalogue.exercises:
        stub = work / "exercises" / f"{entry.id}.py"
        notebook = stub.with_suffix(".ipynb")
        if stub.is_file() and not notebook.exists():
            make_notebook(stub, notebook, entry.id)
            # same time as the stub: a tie goes to the .py, the more recently saved wins later
            stamp = stub.stat().st_mtime_ns
            os.utime(notebook, ns=(stamp, stamp))


def _write_public_checks(kata: KataPaths, work: Path, catalogue: Catalogue, cases,
                         *, seed: int) -> int:
    checks = KataPaths(work).public_checks
    checks.mkdir(parents=True)
    if kata.callables.is_file():  # a kata whose tests pass no functions has none
        shutil.copyfile(kata.callables, checks / "callables.py")
    if kata.pictures.is_file():
        shutil.copyfile(kata.pictures, checks / "pictures.py")
    (work / "conftest.py").write_text(release_files.ROOT_CONFTEST, encoding="utf-8")
    for entry in catalogue.exercises:
        mine = [case for case in cases if case.exercise == entry.id]
        names = [function.name for function in entry.functions]
        text = public_checks.to_json(entry.id, mine, seed=seed)
        (checks / f"{entry.id}.json").write_text(text, encoding="utf-8")
        module = public_checks.replay_module(entry.id, names)
        (checks / f"test_{entry.id}.py").write_text(module, encoding="utf-8")
    return len(cases)


def _write_workflow(work: Path, catalogue: Catalogue) -> None:
    workflow = work / ".github" / "workflows" / "grade.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(learner_workflow(catalogue), encoding="utf-8")


def _write_readme(work: Path, catalogue: Catalogue) -> None:
    listing = "\n".join(f"{e.number}. `{e.id}`: {e.title}" for e in catalogue.exercises)
    text = release_files.LEARNER_README.format(exercise_list=listing)
    (work / "README.md").write_text(text, encoding="utf-8")


def _install(work: Path, out_dir: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    work.chmod(0o777 & ~umask)  # mkdtemp made it private; the edition is an ordinary folder
    if out_dir.exists():
        out_dir.rmdir()  # checked empty; the edition takes its place in one rename
    os.replace(work, out_dir)
