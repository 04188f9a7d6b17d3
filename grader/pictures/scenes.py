"""The data of a picture: the learner's function and the reference called on the kata's fixed
inputs (its checks folder's pictures.py), in their workers, and turned into lines to draw.

No learner code runs here: the workers run it, as when grading. Nothing here imports
matplotlib either; grader.pictures.drawing turns a Picture into a figure.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import numpy as np

from grader.grading.outcomes import call_outcome, load_failure
from grader.records import messages
from grader.records.catalogue import ExerciseEntry
from grader.records.errors import SetupError
from grader.records.paths import KataPaths
from grader.records.progress import PASSED, read_state
from grader.records.sources import find_source
from grader.records.values import FnRef, TensorData
from grader.workers import wire
from grader.workers.pool import LoadSpec, WorkerPool

ROLES = ("reference", "learner")


@dataclass
class Panel:
    """One plot: a backdrop (a curve or contours) and one line per role that could be drawn."""

    title: str
    xlabel: str
    ylabel: str
    backdrop: list = field(default_factory=list)  # [(xs, ys)]
    contour: tuple | None = None  # (X, Y, Z)
    series: dict = field(default_factory=dict)  # role -> (xs, ys)
    marker: tuple | None = None  # a point to mark, (x, y)
    log_y: bool = False
    markers: bool = True  # one marker per point of a path; a straight line needs none


@dataclass
class Picture:
    exercise: str
    function: str
    panels: list
    notes: list  # why a role is not drawn, in words


def _load_file(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenes_of(paths: KataPaths, exercise: str) -> dict:
    """function -> list of panel specs, for one exercise; {} when the kata has none."""
    path = paths.pictures
    if not path.is_file():
        return {}
    return dict(_load_file(path, "_kata_pictures").PICTURES.get(exercise, {}))


def choose(paths: KataPaths, entry: ExerciseEntry, function: str | None) -> tuple[str, list]:
    scenes = scenes_of(paths, entry.id)
    if function is None and scenes:
        function = first_failing(paths, entry, scenes) or next(iter(scenes))
    if function is None or function not in scenes:
        raise SetupError(messages.text("picture.none", exercise=entry.id, function=function or "-",
                                       choices=", ".join(scenes) or "-"))
    return function, scenes[function]


def first_failing(paths: KataPaths, entry: ExerciseEntry, pictured: Iterable[str]) -> str | None:
    """The first pictured function (catalogue order) the last recorded run did not pass: the
    one a learner needs to see; None before any run or when all of them passed."""
    recorded = read_state(paths).get("exercises", {}).get(entry.id, {})
    statuses = recorded.get("functions", {}) if type(recorded) is dict else {}
    if type(statuses) is not dict or not statuses:
        return None
    return next((function.name for function in entry.functions if function.name in pictured
                 and statuses.get(function.name) not in (None, PASSED)), None)


class Caller:
    """Calls one function in the reference and learner workers; remembers why a role failed
    (its first failure stops that role: the picture then shows the other one)."""

    def __init__(self, paths: KataPaths, entry: ExerciseEntry, function: str,
                 pool: WorkerPool) -> None:
        self.function, self.pool, self.limit = function, pool, entry.time_limit
        devices = ("cpu",)
        self.specs: dict[str, LoadSpec] = {}
        self.notes: dict[str, str] = {}
        solution = paths.solution(entry.id)
        if solution.is_file():
            self.specs["reference"] = LoadSpec(solution, f"solutions/{entry.id}.py", entry.id,
                                               paths.callables, devices)
        else:
            self.notes["reference"] = messages.text("picture.no_reference")
        source = find_source(paths.exercises, entry.id)
        if source is None:
            self.notes["learner"] = messages.text("load.missing_file", exercise=entry.id)
        else:
            self.specs["learner"] = LoadSpec(source, str(source.relative_to(paths.root)),
                                             entry.id, paths.callables, devices)

    def call(self, role: str, args: list) -> Any:
        """The decoded result, or None once the role has failed."""
        if role in self.notes:
            return None
        spec = self.specs[role]
        loaded = self.pool.worker(role, spec).load()
        if not loaded.ok:
            self.notes[role] = load_failure(spec.display, loaded.error)
            return None
        request = {"op": "call", "function": self.function, "seed": 0, "device": "cpu",
                   "args": [wire.encode(value) for value in args], "kwargs": wire.encode({})}
        reply = self.pool.call(role, spec, request, self.limit)
        if not reply.ok:
            outcome = call_outcome(self.function, reply.error, file=spec.display,
                                   time_limit=self.limit)
            self.notes[role] = outcome.message
            return None
        return reply.result

    def unusable(self, role: str, got: Any) -> None:
        self.notes[role] = messages.text("picture.unusable", function=self.function,
                                         got=messages.render_value(got))

    def notes_in_words(self) -> list[str]:
        words = []
        if "learner" in self.notes:
            words.append(messages.text("picture.learner_missing", function=self.function,
                                       reason=self.notes["learner"]))
        if "reference" in self.notes:
            words.append(messages.text("picture.reference_missing", reason=self.notes["reference"]))
        return words


def trusted_callables(paths: KataPaths) -> Any:
    return _load_file(paths.callables, "_kata_callables")


def build(ref: FnRef, callables: Any) -> Any:
    return getattr(callables, ref.name)(**ref.params)


def as_array(value: Any) -> np.ndarray | None:
    """A result as a float array, or None when it is not numbers."""
    if type(value) is TensorData:
        value = value.array
    if isinstance(value, (list, tuple)):
        value = [item.array if type(item) is TensorData else item for item in value]
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array
