"""The learner files of tests/styles and how to grade them with the kata's hidden tests.

tests/styles/<exercise id>/ holds learner files: `correct_*.py` meet the spec in some
style, `mistake_*.py` are a correct file with one realistic mistake and declare the
functions it breaks (`BREAKS = ("descent_path",)`) and the diagnoses each failed function
must get (`DIAGNOSES = {"descent_path": ("path_missing_start",)}`; a function not named
there, and every function of a correct file, must get none: a wrong name is worse than
none). tests/styles/gpu/ holds mistakes that show on a GPU; they also name their exercise
and declare what breaks per device (`BREAKS = {"cpu": (), "cuda": ("train_torch",)}`).
Declarations are read with `ast`, so learner code never runs in the test process.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.records.catalogue import load_catalogue
from grader.records.results import Status
from grader.workers.pool import WorkerPool
from tests.support.grading import grade_kata

KATA_ROOT = Path(__file__).resolve().parents[2]
STYLES = KATA_ROOT / "tests" / "styles"
CATALOGUE = load_catalogue(KATA_ROOT / "catalogue.toml")
EXERCISES = tuple(entry.id for entry in CATALOGUE.exercises)


@dataclass(frozen=True)
class Style:
    """One learner file and the functions it must fail, per device."""

    exercise: str
    path: Path
    breaks: dict  # device -> frozenset of function names
    diagnoses: dict  # function name -> frozenset of diagnosis ids when it fails

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"

    @property
    def correct(self) -> bool:
        return self.path.stem.startswith("correct_")

    def broken_on(self, device: str) -> frozenset:
        return self.breaks.get(device, frozenset())

    def points_lost(self, device: str = "cpu") -> float:
        """The catalogue points of the functions this file breaks, on a CPU-only run."""
        entry = CATALOGUE.exercise(self.exercise)
        return sum(entry.function(name).points for name in self.broken_on(device))

    def problems(self, report) -> list[str]:
        """How this file's grade in `report` differs from its declaration (empty: as declared)."""
        tensors = {f.name for f in CATALOGUE.exercise(self.exercise).functions if f.takes_tensors}
        found = []
        for device in report.devices:
            failed = failed_functions(report, self.exercise, device)
            expected = set(self.broken_on(device))
            if device != "cpu":  # only tensor functions are graded per device
                expected &= tensors
            for name in sorted(failed - expected):
                message = _message(report, self.exercise, name, device)
                found.append(f"{self.name}: {name}[{device}] failed: {message}")
            for name in sorted(expected - failed):
                found.append(f"{self.name}: {name}[{device}] passed, but the file breaks it")
        return found + self.diagnosis_problems(report)

    def diagnosis_problems(self, report) -> list[str]:
        """How the diagnoses in `report` differ from the declared ones (empty: as declared).
        A passed check never has one; a failed one has exactly the declared ids."""
        found = []
        for check in report.checks:
            if check.exercise != self.exercise:
                continue
            want = frozenset() if check.passed else self.diagnoses.get(check.function, frozenset())
            if set(check.diagnoses) != want:
                found.append(f"{self.name}: {check.function}[{check.device}] diagnosed"
                             f" {list(check.diagnoses)}, declared {sorted(want)}")
        return found


def _constants(path: Path) -> dict:
    """Module-level constants assigned a literal (BREAKS, EXERCISE), without running the file."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id.isupper():
                found[target.id] = ast.literal_eval(node.value)
    return found


def load_style(path: Path) -> Style:
    constants = _constants(path)
    exercise = constants.get("EXERCISE", path.parent.name)
    declared = constants.get("BREAKS", ())
    if not isinstance(declared, dict):  # a CPU-graded mistake breaks the same everywhere
        declared = {"cpu": declared, "cuda": declared}
    breaks = {device: frozenset(names) for device, names in declared.items()}
    diagnoses = {name: frozenset(_ids(path, name, ids))
                 for name, ids in constants.get("DIAGNOSES", {}).items()}
    return Style(exercise, path, breaks, diagnoses)


def _ids(path: Path, function: str, ids: object) -> tuple[str, ...]:
    """A function's declared diagnoses: a tuple of ids (a bare string would be read as its
    letters)."""
    if isinstance(ids, str):
        raise TypeError(f'{path.name}: DIAGNOSES[{function!r}] must be a tuple of ids, such '
                        f'as ("{ids}",), not a string')
    if not isinstance(ids, (tuple, list)) or not all(isinstance(ident, str) for ident in ids):
        raise TypeError(f"{path.name}: DIAGNOSES[{function!r}] must be a tuple of ids")
    return tuple(ids)


def styles_of(folder: str) -> list[Style]:
    files = sorted((STYLES / folder).glob("*.py"))
    return [load_style(path) for path in files if path.stem.startswith(("correct_", "mistake_"))]


def all_styles() -> list[Style]:
    return [style for exercise in EXERCISES for style in styles_of(exercise)]


def submission(folder: Path, files: dict[str, Path]) -> Path:
    """A fresh submission folder whose exercises/ holds `files` (exercise id -> source)."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "exercises").mkdir(parents=True)
    for exercise, source in files.items():
        shutil.copyfile(source, folder / "exercises" / f"{exercise}.py")
    return folder


def grade(folder: Path, files: dict[str, Path], *, seed: int, pool: WorkerPool,
          devices: tuple[str, ...] = ("cpu",)):
    """Grade `files` (exercise id -> learner file) with the kata's own hidden tests."""
    submission(folder, files)
    return grade_kata(KATA_ROOT, sources_root=folder, exercises=list(files), devices=devices,
                    seed=seed, pool=pool)


def failed_functions(report, exercise: str, device: str) -> set[str]:
    return {check.function for check in report.checks
            if check.exercise == exercise and check.device == device
            and check.status is not Status.PASSED}


def _message(report, exercise: str, function: str, device: str) -> str:
    for check in report.checks:
        if (check.exercise, check.function, check.device) == (exercise, function, device):
            return f"{check.status.value}: {check.message[:600]}"
    return "no check"


def rounds(styles: list[Style]) -> list[dict[str, Style]]:
    """The styles grouped into submissions holding at most one file per exercise, so one
    grading run covers several exercises at once."""
    groups: list[dict[str, Style]] = []
    for style in styles:
        group = next((g for g in groups if style.exercise not in g), None)
        if group is None:
            group = {}
            groups.append(group)
        group[style.exercise] = style
    return groups
