"""Every sentence a learner reads (feedback and reports), in one table per language
(grader.records.messages_en holds the English one, grader.records.messages_zh the Simplified
Chinese one, with the same keys and placeholders).

Code never builds feedback with its own f-strings: it calls `text(key, **fields)`, in the
language chosen for the call in progress (`with language(code):`, see `choose_language`). Values
quoted in messages are written by `render_value` and `number`, also here, so every
message shows numbers, arrays and tensors the same way. (Errors meant for kata authors,
such as a malformed catalogue, a failed release or mismatched shards, stay beside the code
that finds them.) Workers build notebook sentences too, so this module imports only the
standard library at module level.
"""

from __future__ import annotations

import contextlib
import contextvars
import string
from typing import Iterator, Mapping

from grader.records.messages_en import TABLE as _EN
from grader.records.messages_zh import TABLE as _ZH

_TABLES: dict[str, dict[str, str]] = {"en": _EN, "zh": _ZH}
LANGUAGES = tuple(_TABLES)
ENVIRONMENT_VARIABLE = "GRADER_LANG"

# The language of the call in progress: set by a `with language(code):` block (the command
# line, grader.check(), a worker's request), so nothing outlives the call that chose it.
_current: contextvars.ContextVar[str] = contextvars.ContextVar("grader_language", default="en")


@contextlib.contextmanager
def language(code: str) -> Iterator[str]:
    """Every message built inside the block uses the table for `code`."""
    if code not in _TABLES:
        raise ValueError(f"no messages for language {code!r}; known: {sorted(_TABLES)}")
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


def current() -> str:
    """The language messages are written in now ("en" outside every `language` block)."""
    return _current.get()


def choose_language(flag: str | None, environ: Mapping[str, str]) -> str:
    """The language a command uses: its --lang flag, else GRADER_LANG, else the locale
    (LC_ALL, then LANG, starting "zh"), else English. An unknown GRADER_LANG is refused
    like an unknown flag (SetupError), so a typo never silently falls back to English."""
    if flag:
        return _known(flag)
    chosen = environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if chosen:
        return _known(chosen)
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def _known(code: str) -> str:
    from grader.records.errors import SetupError

    if code.strip().lower() not in _TABLES:
        raise SetupError(text("setup.unknown_language", code=code, choices=", ".join(LANGUAGES)))
    return code.strip().lower()


def text(key: str, /, **fields: object) -> str:
    """The sentence for `key` in the current language, with `fields` filled in."""
    return _TABLES[_current.get()][key].format(**fields)


def status_word(status: object) -> str:
    """The word for a grader.records.results.Status (or its value) in the current language."""
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

    from grader.records.values import FnRef, Rejected, TensorData

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


def distinct_numbers(first: object, second: object, digits: int = 7) -> tuple[str, str]:
    """Two different numbers written with the fewest significant digits (at least `digits`)
    at which they read differently, so a message never says "it was 0.8540111 and became
    0.8540111". 17 digits tell any two float64 values apart."""
    for places in range(digits, 18):
        pair = number(first, places), number(second, places)
        if pair[0] != pair[1]:
            return pair
    return number(first, digits), number(second, digits)


def scientific(value: float) -> str:
    """A tolerance as people write it: 1e-6, not 1e-06 or 0.000001."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"
