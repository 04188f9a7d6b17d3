"""Every sentence a learner reads (feedback and reports), in one table per language.

Code never builds feedback with its own f-strings: it calls `text(key, **fields)`, so a
second edition (Chinese) is one more table with the same keys and placeholders. Values
quoted in messages are written by `render_value` and `number`, also here, so every
message shows numbers, arrays and tensors the same way. (Errors meant for kata authors,
such as a malformed catalogue, stay beside the code that finds them.)
"""

from __future__ import annotations

import string

_EN: dict[str, str] = {
    # Status words, keyed by grader.results.Status values.
    "status.passed": "passed",
    "status.wrong": "wrong",
    "status.error": "error",
    "status.timed out": "timed out",
    "status.not started": "not started",
    # Why a function did not pass (composed by the execution layer).
    "not_started": (
        "not started: {function} still raises NotImplementedError. Replace the "
        "`raise NotImplementedError` line with your code."
    ),
    "timed_out": (
        "timed out: {function} did not return within {seconds} s (an endless loop, or too "
        "many epochs?). It was stopped; the other functions were still graded."
    ),
    "raised": "{function} raised {exception}: {message}",
    "raised_expected": "{function} should raise {expected} here, but {outcome}.",
    "returned_instead": "it returned {got}",
    "raised_other": "it raised {exception}: {message}",
    "crashed": (
        "{function} stopped the process that ran it ({reason}); the other functions were "
        "still graded."
    ),
    "exited": "{function} called exit ({code}); return a value instead of exiting.",
    "missing_function": "{file} defines no function named {function}.",
    "reference_failed": (
        "reference failed: the reference solution of {function} did not run ({reason}). "
        "This is a fault in the grader, not in your code."
    ),
    "no_tests": "no hidden test grades {function}: a fault in the grader, not in your code.",
    "traceback": "Traceback (your code only):",
    # Loading an exercise file.
    "load.missing_file": "{exercise}: no exercises/{exercise}.py or .ipynb was found.",
    "load.syntax": "{file}, line {line}: syntax error: {message}",
    "load.syntax_cell": "{file}, cell {cell}, line {line}: syntax error: {message}",
    "load.raised": "{file} raised {exception} while loading: {message}",
    "load.exited": "{file} called exit ({code}) while loading; remove the exit call.",
    "load.timed_out": "loading {file} did not finish within {seconds} s.",
    "load.crashed": "loading {file} stopped the process that ran it ({reason}).",
    "load.failed_function": "not graded: {reason}",
    # What a wrong answer was called with, what came back and what was expected.
    "check.called": "Called {call}",
    "check.got": "got:      {got}",
    "check.expected": "expected: {expected}",
    # Comparison: one template per Difference kind (see grader.compare.describe).
    "diff.type": "{path}: expected {expected}, got {got}.",
    "diff.length": "{path} has length {got}, expected {expected}.",
    "diff.shape": "{path} has shape {got}, expected {expected}.",
    "diff.dtype": "{path} has dtype {got}, expected {expected}.",
    "diff.device": "{path} is on device {got}, expected {expected}.",
    "diff.requires_grad": (
        "{path} has requires_grad={got}, expected {expected}: return a detached tensor "
        "(.detach())."
    ),
    "diff.key": "{path}: expected keys {expected}, got {got}.",
    "diff.not finite": "{path} is {got}, expected {expected}: NaN and infinity never pass.",
    "diff.rejected": "{path}: returned a {got}; return plain numbers, arrays or tensors.",
    "diff.value": "{path}: got {got}, expected {expected}{detail}.",
    "diff.value_tolerance": " (differs by {abs_diff}; tolerance {rtol} relative, {atol} absolute)",
    "diff.value_exact": " (must be equal)",
    "diff.where": "{where} ({count} of {total} values differ)",
    "diff.changed input": (
        "your function changed its {path}: it was {expected} before the call and {got} "
        "after. Work on a copy of the input."
    ),
    # Short names of kinds of values, used inside comparison messages.
    "type.float": "a float (Python float, NumPy floating scalar or 0-dim float array)",
    "type.int": "an int",
    "type.bool": "a bool",
    "type.complex": "a complex number",
    "type.str": "a str",
    "type.none": "None",
    "type.tuple": "a tuple",
    "type.list": "a list",
    "type.sequence": "a tuple or a list",
    "type.dict": "a dict",
    "type.ndarray": "a NumPy array",
    "type.tensor": "a torch tensor",
    "type.scalar_shape": "() (a scalar)",
    "type.other": "a {name}",
    # Captured output.
    "output.truncated": "[... {dropped} more bytes of output not shown ...]",
    "output.printed": "Your code printed:",
    # Reports.
    "report.title": "descent-kata: {count} exercises graded, seed {seed}, devices {devices}",
    "report.source": "file: {source}",
    "report.no_source": "file: none found",
    "report.load_error": "could not load: {error}",
    "report.points": "{score}/{max_score}",
    "report.exercise_points": "{score}/{max_score} points",
    "report.total": "Total: {score}/{max_score} points; {passed} of {checks} checks passed.",
    "report.seed": "Seed {seed}: rerun with `grader run --seed {seed}` to get the same inputs.",
    "report.all_passed": "Every check passed.",
    "report.next_hint": "Stuck? `grader hint {exercise}` shows a hint.",
    "report.output_lines": "[... {count} more lines ...]",
    "gradescope.output": (
        "{score}/{max_score} points. Graded with seed {seed} on {devices}; "
        "rerun with `grader run --seed {seed}` to get the same inputs."
    ),
    "gradebook.graded": "graded",
    "gradebook.ungraded": "not graded: {reason}",
    "exercise.unknown": (
        "unknown exercise {key!r}: use an id such as {example} or its number; "
        "`grader list` shows them all."
    ),
}

_TABLES: dict[str, dict[str, str]] = {"en": _EN}
_language = "en"


def use_language(code: str) -> None:
    """Switch every later message to the table for `code` (only "en" exists today)."""
    global _language
    if code not in _TABLES:
        raise ValueError(f"no messages for language {code!r}; known: {sorted(_TABLES)}")
    _language = code


def text(key: str, /, **fields: object) -> str:
    """The sentence for `key` in the current language, with `fields` filled in."""
    return _TABLES[_language][key].format(**fields)


def status_word(status: object) -> str:
    """The word for a grader.results.Status (or its value) in the current language."""
    return text(f"status.{getattr(status, 'value', status)}")


def keys() -> frozenset[str]:
    return frozenset(_TABLES["en"])


def placeholders(key: str, language: str = "en") -> frozenset[str]:
    """The field names a template needs; an edition must keep them identical per key."""
    names = (name for _, name, _, _ in string.Formatter().parse(_TABLES[language][key]))
    return frozenset(name for name in names if name)


# ---- how values read inside messages ------------------------------------------------------


def render_value(value: object, limit: int = 6) -> str:
    """A short rendering: type, shape, dtype, device and the first `limit` values."""
    import numpy as np  # here, so `grader list` and `grader hint` never load NumPy

    from grader.values import FnRef, Rejected, TensorData

    if isinstance(value, TensorData):
        grad = ", requires_grad=True" if value.requires_grad else ""
        head = f"tensor(shape={value.shape}, {value.dtype}, {value.device}{grad}"
        return f"{head}: {_values(value.array, limit)})"
    if isinstance(value, np.ndarray):
        return f"array(shape={value.shape}, {value.dtype}: {_values(value, limit)})"
    if isinstance(value, np.generic):
        return f"np.{value.dtype}({number(value.item())})"
    if isinstance(value, Rejected):
        return f"<{value.type_name}>"
    if isinstance(value, FnRef):
        return value.name
    if isinstance(value, (list, tuple)):
        items = [render_value(item, limit) for item in value[:limit]]
        if len(value) > limit:
            items.append(f"... ({len(value)} items)")
        inner = ", ".join(items) + ("," if isinstance(value, tuple) and len(value) == 1 else "")
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if isinstance(value, dict):
        shown = list(value.items())[:limit]
        items = [f"{key!r}: {render_value(item, limit)}" for key, item in shown]
        return "{" + ", ".join(items + (["..."] if len(value) > limit else [])) + "}"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if value is None or isinstance(value, (bool, int, float, complex)):
        return number(value)
    return f"<{type(value).__name__}>"


def _values(array, limit: int) -> str:
    if array.ndim == 0:
        return number(array.item())
    flat = array.reshape(-1)
    shown = [number(item) for item in flat[:limit].tolist()]
    return "[" + ", ".join(shown + (["..."] if flat.size > limit else [])) + "]"


def number(value: object, digits: int = 7) -> str:
    """A number with `digits` significant digits, always readable as its type (3 vs 3.0)."""
    if value is None or isinstance(value, (bool, int)):
        return str(value)
    if isinstance(value, complex):
        sign = "+" if value.imag >= 0 else "-"
        return f"({number(value.real, digits)}{sign}{number(abs(value.imag), digits)}j)"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text if any(c in text for c in ".na") else text + ".0"


def scientific(value: float) -> str:
    """A tolerance as people write it: 1e-6, not 1e-06 or 0.000001."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"
