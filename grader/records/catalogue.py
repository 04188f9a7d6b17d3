"""The kata's one catalogue (catalogue.toml) as typed, validated, frozen records.

Every tool reads exercise order, titles, points, hints and time limits from here, so a
mistake in the file is reported once, naming the file and the entry, before anything runs.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.records import messages
from grader.records.errors import SetupError

FORMAT = 1
TOTAL_POINTS = 100
MAX_HINTS = 5
# Who sees a hidden test's details on Gradescope (its documented values); public checks are
# always visible, so this only ever applies to `grade`'s results.
VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")
_ID = re.compile(r"(\d{2})_[a-z][a-z0-9_]*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EXERCISE_KEYS = {"id", "title", "time_limit", "tensor_functions", "hints", "points"}


class CatalogueError(SetupError):
    """catalogue.toml is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class FunctionEntry:
    name: str
    points: float
    takes_tensors: bool  # graded once per device asked for


@dataclass(frozen=True)
class ExerciseEntry:
    id: str
    number: int
    title: str
    time_limit: float  # seconds per function call
    hints: tuple[str, ...]  # gentle first
    functions: tuple[FunctionEntry, ...]  # in catalogue (spec) order

    def function(self, name: str) -> FunctionEntry:
        for entry in self.functions:
            if entry.name == name:
                return entry
        raise KeyError(f"{self.id} has no function {name!r}")

    @property
    def max_points(self) -> float:
        return sum(entry.points for entry in self.functions)

    @property
    def tensor_functions(self) -> tuple[str, ...]:
        return tuple(entry.name for entry in self.functions if entry.takes_tensors)


@dataclass(frozen=True)
class Catalogue:
    path: Path
    exercises: tuple[ExerciseEntry, ...]
    visibility: str = "visible"  # of hidden tests' details in `grade`'s results

    def exercise(self, key: str) -> ExerciseEntry:
        """Look up by id ("02_gradient_descent") or number ("02", "2")."""
        key = str(key).strip()
        for entry in self.exercises:
            if key == entry.id or (key.isdigit() and int(key) == entry.number):
                return entry
        example = self.exercises[0].id if self.exercises else "01_topic"
        raise SetupError(messages.text("exercise.unknown", key=key, example=example))

    def select(self, keys: Sequence[str]) -> tuple[ExerciseEntry, ...]:
        """The exercises named by `keys` (all when empty), in catalogue order, each once."""
        if not keys:
            return self.exercises
        chosen = {self.exercise(key).id for key in keys}
        return tuple(entry for entry in self.exercises if entry.id in chosen)

    @property
    def max_points(self) -> float:
        return sum(entry.max_points for entry in self.exercises)


def load_catalogue(path: Path) -> Catalogue:
    """Parse and validate catalogue.toml; CatalogueError names the file and the entry."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read the catalogue ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: not valid TOML: {exc}") from exc
    return parse_catalogue(data, path)


def parse_catalogue(data: Mapping, path: Path) -> Catalogue:
    """Validate an already parsed catalogue (`path` only names it in errors)."""
    if data.get("format") != FORMAT:
        raise CatalogueError(f"{path}: expected `format = {FORMAT}`, found {data.get('format')!r}")
    unknown = set(data) - {"format", "exercise", "visibility"}
    if unknown:
        raise CatalogueError(f"{path}: unknown top-level keys {sorted(unknown)}")
    tables = data.get("exercise")
    if not isinstance(tables, list) or not tables:
        raise CatalogueError(f"{path}: no [[exercise]] entries")
    exercises = tuple(_exercise(table, path, i) for i, table in enumerate(tables, 1))
    _check_order(exercises, path)
    total = sum(entry.max_points for entry in exercises)
    if not math.isclose(total, TOTAL_POINTS):
        raise CatalogueError(f"{path}: points add up to {total:g}, expected {TOTAL_POINTS}")
    return Catalogue(path=path, exercises=exercises,
                     visibility=_visibility(data.get("visibility", "visible"), path))


def _visibility(value: object, path: Path) -> str:
    if value not in VISIBILITIES:
        raise CatalogueError(f"{path}: visibility {value!r} is not one of {list(VISIBILITIES)}")
    return str(value)


def _exercise(table: object, path: Path, position: int) -> ExerciseEntry:
    where = f"{path}: exercise #{position}"
    if not isinstance(table, dict):
        raise CatalogueError(f"{where}: not a table")
    ex_id = table.get("id")
    if not isinstance(ex_id, str) or not _ID.fullmatch(ex_id):
        raise CatalogueError(f"{where}: id {ex_id!r} is not of the form NN_topic (02_descent)")
    where = f"{path}: exercise {ex_id}"
    unknown = set(table) - _EXERCISE_KEYS
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}")
    title = table.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CatalogueError(f"{where}: title must be a non-empty string")
    functions = _functions(table, where)
    return ExerciseEntry(
        id=ex_id,
        number=int(ex_id[:2]),
        title=title.strip(),
        time_limit=_time_limit(table.get("time_limit"), where),
        hints=_hints(table.get("hints"), where),
        functions=functions,
    )


def _time_limit(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CatalogueError(f"{where}: time_limit must be a number of seconds, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise CatalogueError(f"{where}: time_limit must be > 0 seconds, got {value!r}")
    return float(value)


def _hints(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_HINTS:
        raise CatalogueError(f"{where}: hints must be a list of 1 to {MAX_HINTS} strings")
    for i, hint in enumerate(value, 1):
        if not isinstance(hint, str) or not hint.strip():
            raise CatalogueError(f"{where}: hint {i} is empty")
    return tuple(hint.strip() for hint in value)


def _functions(table: dict, where: str) -> tuple[FunctionEntry, ...]:
    points = table.get("points")
    if not isinstance(points, dict) or not points:
        raise CatalogueError(f"{where}: [exercise.points] must list at least one function")
    tensor = table.get("tensor_functions", [])
    if not isinstance(tensor, list) or not all(isinstance(name, str) for name in tensor):
        raise CatalogueError(f"{where}: tensor_functions must be a list of function names")
    strays = [name for name in tensor if name not in points]
    if strays:
        raise CatalogueError(f"{where}: tensor_functions {strays} are not among its functions")
    if len(set(tensor)) != len(tensor):
        raise CatalogueError(f"{where}: tensor_functions lists a function twice")
    entries = []
    for name, value in points.items():
        if not _NAME.fullmatch(name):
            raise CatalogueError(f"{where}: {name!r} is not a Python function name")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CatalogueError(f"{where}: points of {name} must be a number, got {value!r}")
        if not (math.isfinite(value) and value > 0):
            raise CatalogueError(f"{where}: points of {name} must be > 0, got {value!r}")
        entries.append(FunctionEntry(name=name, points=float(value), takes_tensors=name in tensor))
    return tuple(entries)


def _check_order(exercises: tuple[ExerciseEntry, ...], path: Path) -> None:
    """Numbers strictly increase, so ids are unique and "02" names exactly one exercise."""
    seen: set[str] = set()
    for entry in exercises:
        if entry.id in seen:
            raise CatalogueError(f"{path}: exercise {entry.id}: duplicate id")
        seen.add(entry.id)
    for before, entry in zip(exercises, exercises[1:]):
        if entry.number == before.number:
            raise CatalogueError(
                f"{path}: exercise {entry.id}: number {entry.number:02d} is also {before.id}'s"
            )
        if entry.number < before.number:
            raise CatalogueError(
                f"{path}: exercise {entry.id}: listed after {before.id}; keep numeric order"
            )


def check_against_sources(
    catalogue: Catalogue, module_functions: Mapping[str, Sequence[str]]
) -> list[str]:
    """Problems between the catalogue and the functions each exercise module defines.

    `module_functions` maps exercise id -> names of the module's public functions (those
    not starting with "_"). Returns readable problems; an empty list means they agree.
    """
    problems = []
    where = catalogue.path
    for entry in catalogue.exercises:
        if entry.id not in module_functions:
            problems.append(f"{where}: exercise {entry.id}: no source module for it")
            continue
        defined = [name for name in module_functions[entry.id] if not name.startswith("_")]
        listed = [function.name for function in entry.functions]
        for name in listed:
            if name not in defined:
                problems.append(f"{where}: exercise {entry.id}: {name} is not in its source")
        for name in defined:
            if name not in listed:
                problems.append(f"{where}: exercise {entry.id}: {name} is defined but not listed")
    known = {entry.id for entry in catalogue.exercises}
    for ex_id in module_functions:
        if ex_id not in known:
            problems.append(f"{where}: {ex_id} has a source module but no catalogue entry")
    return problems
