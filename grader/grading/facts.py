"""Honest facts: what can be said of a wrong result when no known mistake explains it.

Computed from the learner's and the reference's results (and the call's inputs) alone: the
result is an input unchanged (nothing moved), every number is the expected one times the
same factor, the rows are the expected rows one step late or early, a count differs, the
numbers are the square roots (or squares) of the expected ones. Each is a fact, never a
guess at the cause, so it may be shown where a diagnosis would be a wrong name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from grader.grading.diagnosis import flat_numbers, same_values
from grader.records import messages
from grader.records.values import TensorData

MAX_FACTS = 2
_CLOSE = {"rtol": 1e-6, "atol": 1e-9}  # float32 results hold 7 digits, as the tolerance does
_CLOSE32 = {"rtol": 1e-4, "atol": 1e-6}


def facts(got: Any, want: Any, inputs: Sequence[tuple[str, Any]],
          parts: Sequence[str]) -> tuple[str, ...]:
    """Sentences of what holds between `got` and `want` (at most MAX_FACTS)."""
    whole = messages.text("fact.your_result")
    found = [messages.text("fact.nothing_moved", part=whole, name=name)
             for name, value in inputs if _unmoved(got, want, value)][:1]
    found += _counts(got, want, parts)
    for label, mine, theirs in _differing_parts(got, want, parts):
        found += _part_facts(label, mine, theirs, inputs)
    return tuple(dict.fromkeys(found))[:MAX_FACTS]


def _differing_parts(got: Any, want: Any, parts: Sequence[str]):
    """(label, got part, wanted part) for each top-level part whose numbers differ; the whole
    result when it is not a tuple."""
    whole = messages.text("fact.your_result")
    if not (isinstance(want, (tuple, list)) and isinstance(got, (tuple, list))
            and len(got) == len(want) and _is_tuple_of_parts(want)):
        return [(whole, got, want)]
    found = []
    for i, (mine, theirs) in enumerate(zip(got, want)):
        if not same_values(mine, theirs):
            found.append((parts[i] if i < len(parts) else f"result[{i}]", mine, theirs))
    return found


def _is_tuple_of_parts(value: Any) -> bool:
    """A tuple result of unlike parts ((x, steps), (w, b, losses)), not a list of numbers."""
    return isinstance(value, tuple) or any(isinstance(item, TensorData) for item in value)


def _part_facts(label: str, got: Any, want: Any, inputs) -> list[str]:
    if _is_int(want):  # a count: _counts says it
        return []
    found: list[str] = []
    try:
        mine, theirs = flat_numbers(got), flat_numbers(want)
    except (TypeError, ValueError):
        return found
    close = _CLOSE32 if _is_narrow(want) else _CLOSE
    if mine.size == theirs.size and mine.size:
        found += _ratio(label, mine, theirs, inputs, close)
        found += _roots(label, mine, theirs, close)
    found += _shifted(label, got, want, close)
    return found


def _unmoved(got: Any, want: Any, value: Any) -> bool:
    return (not isinstance(value, (int, bool)) and same_values(got, value)
            and not same_values(want, value))


def _is_narrow(value: Any) -> bool:
    dtype = value.array.dtype if isinstance(value, TensorData) else getattr(value, "dtype", None)
    return dtype is not None and np.dtype(dtype).itemsize < 8


def _ratio(label: str, mine: np.ndarray, theirs: np.ndarray, inputs, close) -> list[str]:
    if np.any(np.abs(theirs) < 1e-12) or not np.all(np.isfinite(mine)):
        return []
    with np.errstate(over="ignore"):  # a huge learner value: an infinite ratio says no fact
        ratios = mine / theirs
    if not np.all(np.isfinite(ratios)):
        return []
    factor = float(np.median(ratios))
    if (factor == 0.0 or not np.allclose(ratios, factor, **close)
            or np.isclose(factor, 1.0, **close)):
        return []
    words = _factor_words(factor, inputs)
    if mine.size == 1 and words is None:  # one number always has some ratio: no news
        return []
    return [messages.text("fact.ratio", part=label, factor=words or messages.number(factor))]


def _factor_words(factor: float, inputs) -> str | None:
    """The factor as a power of a scalar input (h², 1/n) or a round number (10, -1, 0.5)
    where it is one; None otherwise."""
    for name, value in inputs:
        if isinstance(value, float) and value not in (0.0, 1.0):
            for power, words in ((2, f"{name}²"), (1, name), (-1, f"1/{name}")):
                if np.isclose(factor, value**power, rtol=1e-6, atol=0.0):
                    return f"{words} = {messages.number(factor)}"
    if factor == 0.0 or not np.isfinite(factor):
        return None
    for base in (2.0, 10.0):
        exponent = np.log(abs(factor)) / np.log(base)
        if np.isclose(exponent, round(exponent), atol=1e-6):
            return messages.number(float(np.sign(factor) * base ** round(exponent)))
    return None


def _roots(label: str, mine: np.ndarray, theirs: np.ndarray, close) -> list[str]:
    if np.any(theirs < 0) or not np.all(np.isfinite(mine)):
        return []
    if np.allclose(mine, np.sqrt(theirs), **close):
        return [messages.text("fact.square_roots", part=label)]
    if np.allclose(mine, theirs**2, **close):
        return [messages.text("fact.squares", part=label)]
    return []


def _shifted(label: str, got: Any, want: Any, close) -> list[str]:
    """Row k of the result is row k+1 of the expected one (late), or row k-1 (early)."""
    mine, theirs = _rows(got), _rows(want)
    if mine is None or theirs is None or mine.shape[1:] != theirs.shape[1:]:
        return []
    count = min(len(mine), len(theirs) - 1)
    if count >= 2 and np.allclose(mine[:count], theirs[1:count + 1], **close):
        return [messages.text("fact.rows_late", part=label)]
    count = min(len(mine) - 1, len(theirs))
    if count >= 2 and np.allclose(mine[1:count + 1], theirs[:count], **close):
        return [messages.text("fact.rows_early", part=label)]
    return []


def _rows(value: Any) -> np.ndarray | None:
    array = value.array if isinstance(value, TensorData) else value
    if isinstance(array, list) and all(isinstance(v, (int, float)) for v in array):
        array = np.asarray(array, dtype=np.float64)
    if not isinstance(array, np.ndarray) or array.ndim == 0 or array.dtype.kind != "f":
        return None
    return array


def _counts(got: Any, want: Any, parts: Sequence[str]) -> list[str]:
    """A count part (an int, as steps) that differs, both counts said."""
    if not (isinstance(got, (tuple, list)) and isinstance(want, tuple) and len(got) == len(want)):
        return []
    found = []
    for i, (mine, theirs) in enumerate(zip(got, want)):
        if _is_int(mine) and _is_int(theirs) and mine != theirs:
            part = parts[i] if i < len(parts) else f"result[{i}]"
            found.append(messages.text("fact.count", part=part, got=int(mine),
                                       expected=int(theirs)))
    return found


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
