"""Public checks: fixed inputs and the reference's results on them, recorded when the student
edition is released and replayed there by `grader run`.

Recording runs the hidden tests against the reference with a fixed seed, a `Recording` told
of every check that passes, and keeps the first few `kata.check` calls and the first
`kata.check_raises` call of each function: their inputs and the reference's result, as wire
data (the same tagged JSON the workers speak). Replaying is an ordinary hidden-test module
per exercise that checks the learner through the `kata` fixture (`kata.check_expected`): the
same worker isolation, the same comparison of results and of inputs after the call, the
same messages.

In the edition, where the hidden tests would be (public_checks/, which `grader run` grades with):
    <exercise id>.json       the recorded cases, readable by learners
    test_<exercise id>.py    the module that replays them
    callables.py             the trusted functions that cases pass by name
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from grader.grading.checks import Checked, render_argument
from grader.grading.compare import render_value
from grader.records.values import TensorData
from grader.workers import wire

FORMAT = 1
PER_FUNCTION = 2  # a few visible examples per function; the hidden tests stay private


@dataclass(frozen=True)
class Case:
    """One recorded call: the function's inputs and what the reference made of them."""

    exercise: str
    function: str
    test: str  # its name in the test report, such as "gradient_descent_2"
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    expected: Any = None  # the reference's result (ignored when `raises` is set)
    raises: str = ""  # the exception the function must raise, such as "ValueError"


class CaseCollector:
    """Collects the cases of one exercise as the hidden tests run against the reference."""

    def __init__(self, exercise: str, *, per_function: int = PER_FUNCTION):
        self.exercise = exercise
        self.per_function = per_function
        self.cases: list[Case] = []

    def checked(self, function: str, args, kwargs, expected) -> None:
        self._add(function, args, kwargs, expected=expected)

    def raised(self, function: str, exception: str, args, kwargs) -> None:
        self._add(function, args, kwargs, raises=exception)

    def _add(self, function: str, args, kwargs, **outcome) -> None:
        # value cases and raising cases are counted apart: a raising case is kept even when
        # the hidden tests check the error last
        raises = bool(outcome.get("raises"))
        kept = [c for c in self.cases if c.function == function and bool(c.raises) == raises]
        if len(kept) < (1 if raises else self.per_function):
            count = sum(case.function == function for case in self.cases)
            case = Case(self.exercise, function, f"{function}_{count + 1}", tuple(args),
                        dict(kwargs), **outcome)
            self.cases.append(case)

    def missing(self, functions: Iterable[str]) -> list[str]:
        """Functions without a single recorded case (a release needs one for each)."""
        return [name for name in functions if not any(c.function == name for c in self.cases)]


def to_json(exercise: str, cases: Sequence[Case], *, seed: int) -> str:
    records = [
        {
            "function": case.function,
            "test": case.test,
            "call": shown_call(case),  # for people reading the file; replay ignores it
            "args": wire.encode(list(case.args)),
            "kwargs": wire.encode(dict(case.kwargs)),
            **_outcome_json(case),
        }
        for case in cases
    ]
    document = {"format": FORMAT, "exercise": exercise, "seed": seed, "cases": records}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _outcome_json(case: Case) -> dict:
    if case.raises:
        return {"raises": case.raises}
    return {"expected": wire.encode(case.expected), "expected_shown": render_value(case.expected)}


def from_json(text: str) -> list[Case]:
    document = json.loads(text)
    if document.get("format") != FORMAT:
        raise ValueError(f"public checks of format {document.get('format')!r}; expected {FORMAT}")
    return [
        Case(
            exercise=document["exercise"],
            function=record["function"],
            test=record["test"],
            args=tuple(wire.decode(record["args"])),
            kwargs=dict(wire.decode(record["kwargs"])),
            expected=wire.decode(record["expected"]) if "expected" in record else None,
            raises=record.get("raises", ""),
        )
        for record in document["cases"]
    ]


def load_cases(test_file: str | Path) -> dict[str, list[Case]]:
    """The cases beside a replay module (test_ID.py -> ID.json), by function."""
    test_file = Path(test_file)
    exercise = test_file.stem.removeprefix("test_")
    cases = from_json((test_file.parent / f"{exercise}.json").read_text(encoding="utf-8"))
    by_function: dict[str, list[Case]] = {}
    for case in cases:
        by_function.setdefault(case.function, []).append(case)
    return by_function


def replay(kata, case: Case) -> None:
    """Check the learner's function on one recorded case, through the `kata` fixture."""
    args = [_on_device(kata, value) for value in case.args]
    kwargs = {name: _on_device(kata, value) for name, value in case.kwargs.items()}
    if case.raises:
        kata.check_raises(case.function, case.raises, *args, **kwargs)
        return
    kata.check_expected(case.function, _on_device(kata, case.expected), *args, **kwargs)


def shown_call(case: Case) -> str:
    """The call as the recorded file shows it to people reading it:
    `gradient_descent(0.5, 0.1, cubic_prime(a=1.0), 12)`."""
    shown = [render_argument(value) for value in case.args]
    shown += [f"{name}={render_argument(value)}" for name, value in case.kwargs.items()]
    return f"{case.function}({', '.join(shown)})"


def _on_device(kata, value):
    """Recorded tensors move to the device under test (recorded on the CPU)."""
    if isinstance(value, TensorData):
        return kata.tensor(value.array, value.dtype)
    if type(value) in (list, tuple):
        return type(value)(_on_device(kata, item) for item in value)
    if type(value) is dict:
        return {key: _on_device(kata, item) for key, item in value.items()}
    return value


def replay_module(exercise: str, functions: Sequence[str]) -> str:
    """Source of checks/test_<exercise>.py: one test per function, one case per parameter."""
    lines = [
        f'"""Public checks of {exercise}: fixed inputs, and the results the reference solution',
        f'gave on them (in {exercise}.json beside this file). Run them with `grader run`."""',
        "",
        "import pytest",
        "",
        "from grader.edition.public_checks import load_cases, replay",
        "",
        "CASES = load_cases(__file__)",
    ]
    for function in functions:
        lines += [
            "",
            "",
            f'@pytest.mark.grades("{function}")',
            f'@pytest.mark.parametrize("case", CASES["{function}"], ids=lambda case: case.test)',
            f"def test_{function}(kata, case):",
            "    replay(kata, case)",
        ]
    return "\n".join(lines) + "\n"


class Recording:
    """The recorder `run_kata` tells of every passed check while the release grades the
    reference: CPU checks of the exercises it has a `CaseCollector` for become cases."""

    def __init__(self, recorders: dict[str, CaseCollector]) -> None:
        self.recorders = recorders

    def __call__(self, checked: Checked) -> None:
        recorder = self.recorders.get(checked.exercise)
        if checked.device != "cpu" or recorder is None:
            return  # recorded inputs are CPU data; the replay moves them to each device
        if checked.raises:
            recorder.raised(checked.function, checked.raises, checked.args, checked.kwargs)
        else:
            recorder.checked(checked.function, checked.args, checked.kwargs, checked.want)
