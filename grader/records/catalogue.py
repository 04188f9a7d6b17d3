"""The kata's one catalogue (catalogue.toml) as typed, validated, frozen records.

Every tool reads the kata's name and title, exercise order, titles, points, hints and time
limits from here, so a mistake in the file is reported once, naming the file and the entry,
before anything runs. Points may add up to any positive total: scores are reported out of it.
docs/catalogue.md describes the file field by field.
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
MAX_HINTS = 5
# Who sees a hidden test's details on Gradescope (its documented values); public checks are
# always visible, so this only ever applies to `grade`'s results.
VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")
_ID = re.compile(r"(\d{2})_[a-z][a-z0-9_]*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KATA_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # fits a file name and a JUnit suite
_TOP_KEYS = {"format", "name", "title", "title_zh", "exercise", "visibility"}
_EXERCISE_KEYS = {"id", "title", "title_zh", "time_limit", "tensor_functions", "hints", "points",
                  "returns"}
LANGUAGES = ("en", "zh")  # English is required; a kata without Chinese falls back to it


class CatalogueError(SetupError):
    """catalogue.toml is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Hint:
    id: str  # "minimize.2": the function and the hint's place, for a diagnosis to point at
    en: str
    zh: str = ""  # empty: the English sentence is shown in Chinese too
    diagnoses: tuple[str, ...] = ()  # the mistakes it helps with: shown first after them

    def text(self, language: str) -> str:
        return self.zh if language == "zh" and self.zh else self.en


@dataclass(frozen=True)
class FunctionEntry:
    name: str
    points: float
    takes_tensors: bool  # graded once per device asked for
    hints: tuple[Hint, ...] = ()  # gentle first
    returns: tuple[str, ...] = ()  # names of the parts of a tuple result ("w", "b", "losses")


@dataclass(frozen=True)
class ExerciseEntry:
    id: str
    number: int
    title: str
    time_limit: float  # seconds per function call
    functions: tuple[FunctionEntry, ...]  # in catalogue (spec) order
    title_zh: str = ""  # empty: the English title is shown in Chinese too

    def title_in(self, language: str) -> str:
        return self.title_zh if language == "zh" and self.title_zh else self.title

    def function(self, name: str) -> FunctionEntry:
        for entry in self.functions:
            if entry.name == name:
                return entry
        raise KeyError(f"{self.id} has no function {name!r}")

    def hint(self, hint_id: str) -> Hint:
        """The hint with this id ("minimize.2"), for a diagnosis that points to it."""
        name, _, _ = hint_id.partition(".")
        for hint in self.function(name).hints:
            if hint.id == hint_id:
                return hint
        raise KeyError(f"{self.id} has no hint {hint_id!r}")

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
    name: str = "kata"  # short, for machines: the JUnit root, file names
    title: str = "kata"  # for people: the report's first line
    visibility: str = "visible"  # of hidden tests' details in `grade`'s results
    title_zh: str = ""  # empty: the English title is shown in Chinese too

    def title_in(self, language: str) -> str:
        return self.title_zh if language == "zh" and self.title_zh else self.title

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
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise CatalogueError(f"{path}: unknown top-level keys {sorted(unknown)}")
    tables = data.get("exercise")
    if not isinstance(tables, list) or not tables:
        raise CatalogueError(f"{path}: no [[exercise]] entries")
    exercises = tuple(_exercise(table, path, i) for i, table in enumerate(tables, 1))
    _check_order(exercises, path)
    name, title = _names(data, path)
    title_zh = data.get("title_zh", "")
    if not isinstance(title_zh, str):
        raise CatalogueError(f"{path}: title_zh must be a string")
    return Catalogue(path=path, exercises=exercises, name=name, title=title,
                     title_zh=title_zh.strip(),
                     visibility=_visibility(data.get("visibility", "visible"), path))


def _visibility(value: object, path: Path) -> str:
    if value not in VISIBILITIES:
        raise CatalogueError(f"{path}: visibility {value!r} is not one of {list(VISIBILITIES)}")
    return str(value)


def _names(data: Mapping, path: Path) -> tuple[str, str]:
    """The kata's `name` (default: its folder's name) and `title` (default: the name)."""
    folder = path.resolve().parent.name
    name = data.get("name", folder if _KATA_NAME.fullmatch(folder) else "kata")
    if not isinstance(name, str) or not _KATA_NAME.fullmatch(name):
        raise CatalogueError(
            f"{path}: name {name!r} must be letters, digits, '.', '_' or '-' (descent-kata)"
        )
    title = data.get("title", name)
    if not isinstance(title, str) or not title.strip():
        raise CatalogueError(f"{path}: title must be a non-empty string")
    return name, title.strip()


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
    title_zh = table.get("title_zh", "")
    if not isinstance(title_zh, str):
        raise CatalogueError(f"{where}: title_zh must be a string")
    return ExerciseEntry(
        id=ex_id,
        number=int(ex_id[:2]),
        title=title.strip(),
        title_zh=title_zh.strip(),
        time_limit=_time_limit(table.get("time_limit"), where),
        functions=_functions(table, where),
    )


def _time_limit(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CatalogueError(f"{where}: time_limit must be a number of seconds, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise CatalogueError(f"{where}: time_limit must be > 0 seconds, got {value!r}")
    return float(value)


def _hint_tables(value: object, names: Sequence[str], where: str) -> dict:
    """[exercise.hints.NAME] tables: each names one of the exercise's functions."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CatalogueError(
            f"{where}: hints are per function: a table [exercise.hints.NAME] with en = [...]"
        )
    strays = sorted(set(value) - set(names))
    if strays:
        raise CatalogueError(f"{where}: hints for {strays}, which are not among its functions")
    return value


def _hints(name: str, table: object, where: str) -> tuple[Hint, ...]:
    """One function's hints: the same number in every language given, gentle first."""
    where = f"{where}: hints of {name}"
    if not isinstance(table, dict) or "en" not in table:
        raise CatalogueError(f"{where}: a table with en = [...] (and zh = [...])")
    table = dict(table)
    fits = table.pop("diagnoses", {})
    unknown = sorted(set(table) - set(LANGUAGES))
    if unknown:
        raise CatalogueError(f"{where}: unknown languages {unknown}; known: {list(LANGUAGES)}")
    lists = {}
    for language, value in table.items():
        if not isinstance(value, list) or not 1 <= len(value) <= MAX_HINTS:
            raise CatalogueError(f"{where}: {language} must be a list of 1 to {MAX_HINTS} strings")
        for i, hint in enumerate(value, 1):
            if not isinstance(hint, str) or not hint.strip():
                raise CatalogueError(f"{where}: {language} hint {i} is empty")
        lists[language] = [hint.strip() for hint in value]
    counts = {language: len(value) for language, value in lists.items()}
    if len(set(counts.values())) != 1:
        raise CatalogueError(f"{where}: each language needs as many hints, found {counts}")
    chinese = lists.get("zh", [""] * counts["en"])
    fitting = _diagnoses_of_hints(fits, counts["en"], where)
    return tuple(
        Hint(f"{name}.{i}", english, zh, fitting.get(i, ()))
        for i, (english, zh) in enumerate(zip(lists["en"], chinese), 1)
    )


def _diagnoses_of_hints(table: object, count: int, where: str) -> dict[int, tuple[str, ...]]:
    """`diagnoses = { precedence = 2 }`: hint number -> the diagnosis ids it helps with."""
    if not isinstance(table, dict):
        raise CatalogueError(f"{where}: diagnoses must be a table: {{ diagnosis id = hint }}")
    found: dict[int, tuple[str, ...]] = {}
    for key, number in table.items():
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= count:
            raise CatalogueError(f"{where}: diagnoses.{key} must be a hint number 1..{count}")
        found[number] = found.get(number, ()) + (key,)
    return found


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
    hint_tables = _hint_tables(table.get("hints"), list(points), where)
    entries = []
    for name, value in points.items():
        if not _NAME.fullmatch(name):
            raise CatalogueError(f"{where}: {name!r} is not a Python function name")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CatalogueError(f"{where}: points of {name} must be a number, got {value!r}")
        if not (math.isfinite(value) and value > 0):
            raise CatalogueError(f"{where}: points of {name} must be > 0, got {value!r}")
        hints = _hints(name, hint_tables[name], where) if name in hint_tables else ()
        entries.append(FunctionEntry(name, float(value), name in tensor, hints,
                                     _returns(table, name, where)))
    strays = sorted(set(table.get("returns") or {}) - set(points))
    if strays:
        raise CatalogueError(f"{where}: [exercise.returns] names {strays}, not among its functions")
    return tuple(entries)


def _returns(table: dict, name: str, where: str) -> tuple[str, ...]:
    """The optional names of the parts of `name`'s tuple result, from [exercise.returns]."""
    returns = table.get("returns", {})
    if not isinstance(returns, dict):
        raise CatalogueError(f"{where}: [exercise.returns] must be a table")
    names = returns.get(name, [])
    if not isinstance(names, list) or not all(
            isinstance(part, str) and _NAME.fullmatch(part) for part in names):
        raise CatalogueError(f"{where}: returns of {name} must be a list of Python names")
    if len(set(names)) != len(names):
        raise CatalogueError(f"{where}: returns of {name} names a part twice")
    return tuple(names)


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
