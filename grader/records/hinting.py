"""The next hint for an exercise: for the first function not yet passed, one more each time.

Which function needs help comes from the last results `grader run` or `grader.check`
recorded (grader.records.progress); before any run it is the first function, the one a
learner starts with. Each function keeps its own count of hints shown, so moving on to the
next function starts again at its gentlest hint. Used by `grader hint` and by
`grader.hint()` in a notebook; both only print what this returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grader.records import messages
from grader.records.catalogue import ExerciseEntry, FunctionEntry, Hint
from grader.records.progress import PASSED, read_state, write_state


def function_needing_help(entry: ExerciseEntry, state: dict) -> FunctionEntry | None:
    """The first function (catalogue order) not passed in the last recorded run; None when
    every one passed. Functions the run did not grade count as not passed."""
    recorded = state.get("exercises", {}).get(entry.id, {})
    statuses = recorded.get("functions", {}) if type(recorded) is dict else {}
    statuses = statuses if type(statuses) is dict else {}
    for function in entry.functions:
        if statuses.get(function.name) != PASSED:
            return function
    return None


def next_hint(paths: Any, entry: ExerciseEntry) -> list[str]:
    """The lines to print for the next hint of `entry`, remembering that it was shown."""
    state = read_state(paths)
    function = function_needing_help(entry, state)
    if function is None:
        return [messages.text("hint.all_passed", exercise=entry.id)]
    if not function.hints:
        return [messages.text("hint.none", exercise=entry.id, function=function.name)]
    shown = _shown(state, entry.id)
    count = shown.get(function.name, 0)
    number = min(count + 1 if type(count) is int and count >= 0 else 1, len(function.hints))
    hints = ordered(function, _named(state, entry.id, function.name))
    lines = [_line(entry, function, number, hints[number - 1])]
    if number == len(function.hints):
        lines.append(messages.text("hint.last", exercise=entry.id, function=function.name))
    shown[function.name] = number
    write_state(paths, state)
    return lines


def all_hints(entry: ExerciseEntry) -> list[str]:
    """Every hint of every function, in order (`grader hint EXERCISE --all`)."""
    return [_line(entry, function, number)
            for function in entry.functions
            for number in range(1, len(function.hints) + 1)]


def _shown(state: dict, exercise_id: str) -> dict:
    """The exercise's hints-shown counts per function, reset if an older file kept a number."""
    hints = state.get("hints")
    if type(hints) is not dict:
        hints = state["hints"] = {}
    shown = hints.get(exercise_id)
    if type(shown) is not dict:
        shown = hints[exercise_id] = {}
    return shown


def ordered(function: FunctionEntry, named: Sequence[str]) -> tuple[Hint, ...]:
    """The function's hints, those that help with a mistake the last run named first, then
    the usual order (gentle first)."""
    fitting = [hint for hint in function.hints if set(hint.diagnoses) & set(named)]
    return (*fitting, *(hint for hint in function.hints if hint not in fitting))


def _named(state: dict, exercise_id: str, function: str) -> list[str]:
    """The diagnoses the last recorded run gave `function`."""
    recorded = state.get("exercises", {}).get(exercise_id, {})
    named = recorded.get("diagnoses", {}) if type(recorded) is dict else {}
    found = named.get(function, []) if type(named) is dict else []
    return [str(key) for key in found] if type(found) is list else []


def _line(entry: ExerciseEntry, function: FunctionEntry, number: int,
          hint: Hint | None = None) -> str:
    hint = hint or function.hints[number - 1]
    return messages.text("hint.shown", number=number, count=len(function.hints),
                         exercise=entry.id, function=function.name,
                         text=hint.text(messages.current()))
