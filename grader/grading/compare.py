"""The one tolerance policy, and the comparison of a learner's result with the reference's.

Structure is checked before values (type, length, shape, dtype, device, requires_grad,
rejected objects), so a message names the first thing a learner has to fix. A mismatch
comes back as a `Difference` record, not a boolean, so feedback (and a later diagnosis of
known mistakes) can say where and by how much. Tensors arrive as `TensorData` and are
compared with NumPy: this module never imports torch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from grader.records import messages
from grader.records.messages import render_value
from grader.records.values import FnRef, Rejected, TensorData

__all__ = [
    "FLOAT32", "FLOAT64", "Difference", "Tolerance", "compare", "compare_inputs", "describe",
    "named", "render_value", "tolerance_for",
]


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float


FLOAT64 = Tolerance(rtol=1e-6, atol=1e-9)
FLOAT32 = Tolerance(rtol=1e-4, atol=1e-6)  # also for every narrower float type
_WIDE = ("float64", "double", "complex128", "float128", "longdouble", "complex256")


def tolerance_for(dtype: Any) -> Tolerance:
    """The tolerance for results whose reference has `dtype` (NumPy/torch name, or float)."""
    if dtype is float or dtype is complex:
        return FLOAT64
    name = dtype if isinstance(dtype, str) else np.dtype(dtype).name
    name = name.removeprefix("torch.")
    if name in _WIDE:
        return FLOAT64
    if name.startswith(("float", "bfloat", "half", "complex")):
        return FLOAT32
    raise ValueError(f"{name} is not a floating dtype: such values are compared exactly")


@dataclass(frozen=True)
class Difference:
    """The first way a value differs from what was expected.

    kind is one of: "type" "length" "shape" "dtype" "device" "requires_grad" "key"
    "rejected" "not finite" "value" "changed input". expected/got are short renderings of
    the differing part (an attribute for structural kinds, one element for values).
    """

    path: str  # "result", "result[1]", "result.w", "input x0", "input x0.grad"
    kind: str
    expected: str
    got: str
    index: tuple[int, ...] | None = None  # first differing element of an array
    abs_diff: float | None = None
    rel_diff: float | None = None  # None where the expected element is 0
    tolerance: Tolerance | None = None  # None: the values had to be equal
    mismatched: tuple[int, int] | None = None  # (elements that differ, elements in all)
    finer: bool = False  # the two values read alike at 7 digits, so more digits are shown

    @property
    def where(self) -> str:
        """The path with the first differing index, e.g. "result[3]"."""
        if not self.index:
            return self.path
        return f"{self.path}[{', '.join(map(str, self.index))}]"


# ---- comparing a result -------------------------------------------------------------


def compare(got: object, want: object, *, path: str = "result") -> Difference | None:
    """None when `got` is acceptable for the reference value `want`, else the first difference."""
    if isinstance(want, Rejected):
        raise ValueError(f"the reference's {path} is a rejected {want.type_name}")
    if isinstance(got, Rejected):
        return Difference(path, "rejected", expected=_phrase(want), got=got.type_name)
    if isinstance(want, TensorData):
        return _compare_tensor(got, want, path)
    kind = _scalar_kind(want)
    if kind is not None:
        return _compare_scalar(got, want, kind, path)
    if isinstance(want, np.ndarray):
        return _compare_array(got, want, path)
    if isinstance(want, (tuple, list)):
        return _compare_sequence(got, want, path)
    if isinstance(want, dict):
        return _compare_dict(got, want, path)
    if isinstance(want, str) or want is None:
        return _compare_plain(got, want, path)
    raise TypeError(f"cannot compare with a reference value of type {type(want).__name__}")


def _scalar_kind(value: object) -> str | None:
    """"bool", "int", "float" or "complex" for a scalar (a 0-dim array counts), else None."""
    if isinstance(value, np.ndarray):
        return _ARRAY_KINDS.get(value.dtype.kind) if value.ndim == 0 else None
    for kind, types in _SCALAR_TYPES:
        if isinstance(value, types):
            return kind
    return None


_ARRAY_KINDS = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}
# bool before int: True is an int to Python, never to the grader.
_SCALAR_TYPES = (
    ("bool", (bool, np.bool_)),
    ("int", (int, np.integer)),
    ("float", (float, np.floating)),
    ("complex", (complex, np.complexfloating)),
)


def _compare_scalar(got: object, want: object, kind: str, path: str) -> Difference | None:
    if isinstance(got, np.ndarray) and got.ndim > 0:
        expected = messages.text("type.scalar_shape")
        return Difference(path, "shape", expected=expected, got=str(got.shape))
    if _scalar_kind(got) != kind:
        return _type_difference(got, want, path)
    tol = None if kind in ("bool", "int") else tolerance_for(np.asarray(want).dtype)
    return _compare_values(np.asarray(got), np.asarray(want), path, tol)


def _compare_array(got: object, want: np.ndarray, path: str) -> Difference | None:
    if not isinstance(got, np.ndarray):
        return _type_difference(got, want, path)
    if got.shape != want.shape:
        return Difference(path, "shape", expected=str(want.shape), got=str(got.shape))
    if got.dtype != want.dtype:
        return Difference(path, "dtype", expected=str(want.dtype), got=str(got.dtype))
    return _compare_values(got, want, path, _tolerance_of(want.dtype, want.dtype.name))


def _compare_tensor(got: object, want: TensorData, path: str) -> Difference | None:
    if not isinstance(got, TensorData):
        return _type_difference(got, want, path)
    if got.shape != want.shape:
        return Difference(path, "shape", expected=str(want.shape), got=str(got.shape))
    if got.dtype != want.dtype:
        return Difference(path, "dtype", expected=want.dtype, got=got.dtype)
    if _device(got.device) != _device(want.device):
        return Difference(path, "device", expected=want.device, got=got.device)
    if got.requires_grad:  # results must be detached, whatever the reference did
        return Difference(path, "requires_grad", expected="False", got="True")
    tol = _tolerance_of(want.array.dtype, want.dtype)
    return _compare_values(got.array, want.array, path, tol)


def _compare_sequence(got: object, want: Sequence, path: str) -> Difference | None:
    # A tuple and a list are both accepted where either is expected (spec "Rules").
    if not isinstance(got, (tuple, list)):
        return _type_difference(got, want, path)
    if len(got) != len(want):
        return Difference(path, "length", expected=str(len(want)), got=str(len(got)))
    for i, (got_item, want_item) in enumerate(zip(got, want)):
        difference = compare(got_item, want_item, path=f"{path}[{i}]")
        if difference is not None:
            return difference
    return None


def _compare_dict(got: object, want: dict, path: str) -> Difference | None:
    if not isinstance(got, dict):
        return _type_difference(got, want, path)
    if set(got) != set(want):
        return Difference(path, "key", expected=_keys(want), got=_keys(got))
    for key, want_item in want.items():
        member = f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"
        difference = compare(got[key], want_item, path=member)
        if difference is not None:
            return difference
    return None


def _compare_plain(got: object, want: str | None, path: str) -> Difference | None:
    if type(got) is not type(want):
        return _type_difference(got, want, path)
    if got != want:
        return Difference(path, "value", expected=repr(want), got=repr(got))
    return None


def _compare_values(
    got: np.ndarray, want: np.ndarray, path: str, tol: Tolerance | None
) -> Difference | None:
    """Element values, once the structure agrees; `tol` None means exactly equal (ints, bools)."""
    if got.dtype.kind in "fc":
        not_finite = ~np.isfinite(got)
        if not_finite.any():
            return _element_difference(path, "not finite", got, want, not_finite, tol)
    if tol is None:
        wrong = got != want
    else:
        wide = np.complex128 if "c" in (got.dtype.kind, want.dtype.kind) else np.float64
        g, w = got.astype(wide), want.astype(wide)
        with np.errstate(all="ignore"):  # a non-finite reference fails, quietly
            close = np.abs(g - w) <= tol.atol + tol.rtol * np.abs(w)
        wrong = ~(close & np.isfinite(w))  # |x - inf| <= rtol*inf would let anything pass
    if not np.any(wrong):
        return None
    return _element_difference(path, "value", got, want, np.asarray(wrong), tol)


def _element_difference(
    path: str, kind: str, got: np.ndarray, want: np.ndarray, mask: np.ndarray,
    tol: Tolerance | None,
) -> Difference:
    """The first element where `mask` holds, with how far apart the two values are."""
    flat = int(np.flatnonzero(mask)[0])
    got_item, want_item = got.reshape(-1)[flat].item(), want.reshape(-1)[flat].item()
    index = tuple(int(i) for i in np.unravel_index(flat, mask.shape)) or None
    abs_diff = rel_diff = None
    if kind != "not finite":
        abs_diff = float(abs(got_item - want_item))
        rel_diff = abs_diff / abs(want_item) if abs(want_item) > 0 else None
    expected, got_text = messages.distinct_numbers(want_item, got_item)
    return Difference(
        path, kind, expected, got_text, index=index, abs_diff=abs_diff, rel_diff=rel_diff,
        tolerance=tol,
        mismatched=(int(np.count_nonzero(mask)), int(mask.size)) if mask.ndim else None,
        finer=messages.number(want_item) == messages.number(got_item),
    )


def _tolerance_of(dtype: np.dtype, name: str) -> Tolerance | None:
    return tolerance_for(name) if dtype.kind in "fc" else None


def _device(device: str) -> str:
    return "cuda:0" if device == "cuda" else device  # torch names the default GPU both ways


def _type_difference(got: object, want: object, path: str) -> Difference:
    return Difference(path, "type", expected=_phrase(want), got=_typed(got))


def _keys(mapping: dict) -> str:
    return "[" + ", ".join(sorted(repr(key) for key in mapping)) + "]"


# ---- did the function change its inputs? ----------------------------------------------

_INPUT = "input "  # the path of an input starts so; describe() puts it in words


def compare_inputs(
    before: Sequence[object], after: Sequence[object], *, names: Sequence[str]
) -> Difference | None:
    """The first input the call changed (values, requires_grad, .grad, items), else None.

    Exact on purpose: a function must not touch its inputs at all, so any change counts.
    """
    if not len(before) == len(after) == len(names):
        raise ValueError("before, after and names must have one entry per input")
    for name, old, new in zip(names, before, after):
        difference = _changed(old, new, f"{_INPUT}{name}")
        if difference is not None:
            return difference
    return None


def _changed(old: Any, new: Any, path: str) -> Difference | None:
    if isinstance(old, FnRef):
        return None  # a trusted callable is rebuilt in the worker; there is no data to change
    if type(old) is not type(new):
        return _whole_change(old, new, path)
    if isinstance(old, TensorData):
        return _changed_tensor(old, new, path)
    if isinstance(old, (tuple, list)):
        if len(old) != len(new):
            return _whole_change(old, new, path)
        return _first_change((f"{path}[{i}]", o, n) for i, (o, n) in enumerate(zip(old, new)))
    if isinstance(old, dict):
        if list(old) != list(new):
            return _whole_change(old, new, path)
        return _first_change((f"{path}[{key!r}]", old[key], new[key]) for key in old)
    if isinstance(old, (np.ndarray, np.generic, bool, int, float, complex)):
        return _changed_values(np.asarray(old), np.asarray(new), path)
    return None if old == new else _whole_change(old, new, path)


def _changed_tensor(old: TensorData, new: TensorData, path: str) -> Difference | None:
    if (old.dtype, _device(old.device), old.shape) != (new.dtype, _device(new.device), new.shape):
        return _whole_change(old, new, path)
    difference = _changed_values(old.array, new.array, path)
    if difference is not None:
        return difference
    if old.requires_grad != new.requires_grad:
        before, after = str(old.requires_grad), str(new.requires_grad)
        return Difference(f"{path}.requires_grad", "changed input", before, after)
    if old.grad is None or new.grad is None:
        if old.grad is new.grad:
            return None
        return _whole_change(old.grad, new.grad, f"{path}.grad")
    return _changed(old.grad, new.grad, f"{path}.grad")


def _changed_values(old: np.ndarray, new: np.ndarray, path: str) -> Difference | None:
    if old.dtype != new.dtype or old.shape != new.shape:
        return _whole_change(old, new, path)
    same = old == new  # exact by design; NaN that stayed NaN is unchanged too
    if old.dtype.kind in "fc":
        same = same | (np.isnan(old) & np.isnan(new))
    changed = ~np.asarray(same)
    if not changed.any():
        return None
    return _element_difference(path, "changed input", new, old, changed, None)


def _first_change(items) -> Difference | None:
    """The first change among (path, old, new) triples."""
    for path, old, new in items:
        difference = _changed(old, new, path)
        if difference is not None:
            return difference
    return None


def _whole_change(old: object, new: object, path: str) -> Difference:
    return Difference(path, "changed input", expected=render_value(old), got=render_value(new))


# ---- words ------------------------------------------------------------------------------

_PART = re.compile(r"result\[(\d+)\]")
_RESULT = re.compile(r"result(?=$|[\[.])")


def named(diff: Difference, parts: Sequence[str]) -> Difference:
    """The difference with a part of a tuple result called by its meaning (`parts`, from the
    catalogue): "losses[0]" instead of "result[2][0]". Unchanged where no name is known."""
    match = _PART.match(diff.path)
    if match is None or int(match.group(1)) >= len(parts):
        return diff
    return replace(diff, path=parts[int(match.group(1))] + diff.path[match.end():])



def describe(diff: Difference) -> str:
    """The difference in one plain sentence, from grader.records.messages."""
    path = diff.where
    if diff.kind == "changed input" and path.startswith(_INPUT):  # "input x0[0]", in words
        path = messages.text("diff.input", name=path.removeprefix(_INPUT))
    elif _RESULT.match(path):  # "result", "result[1]", "result.w": the word in the language
        path = messages.text("diff.result") + path.removeprefix("result")
    if diff.mismatched and diff.mismatched[1] > 1:
        count, total = diff.mismatched
        path = messages.text("diff.where", where=path, count=count, total=total)
    fields = {"path": path, "expected": diff.expected, "got": diff.got}
    if diff.kind == "value":
        return messages.text("diff.value", **fields, detail=_value_detail(diff))
    if diff.kind == "changed input":
        return messages.text(f"diff.{diff.kind}", **fields, detail=_change_detail(diff))
    if diff.kind == "type" and diff.path == "result" and diff.got == render_value(None):
        return messages.text("diff.returned_none", **fields)
    return messages.text(f"diff.{diff.kind}", **fields)


def _change_detail(diff: Difference) -> str:
    """How big a change is, where it hides below the 7 digits messages usually show."""
    if not diff.finer or diff.abs_diff is None:
        return ""
    relative = messages.number(diff.rel_diff, 2) if diff.rel_diff is not None else "?"
    return messages.text(
        "diff.changed_by", abs_diff=messages.number(diff.abs_diff, 2), rel_diff=relative
    )


def _value_detail(diff: Difference) -> str:
    if diff.tolerance is None:
        return messages.text("diff.value_exact")
    return messages.text(
        "diff.value_tolerance",
        abs_diff=messages.number(diff.abs_diff, 2) if diff.abs_diff is not None else "?",
        rtol=messages.scientific(diff.tolerance.rtol),
        atol=messages.scientific(diff.tolerance.atol),
    )


def _phrase(value: object) -> str:
    """What kind of value the reference is, in words ("a float", "a tuple or a list")."""
    if isinstance(value, TensorData):
        return messages.text("type.tensor")
    kind = _scalar_kind(value)
    if kind is not None:
        return messages.text(f"type.{kind}")
    for types, key in _PHRASES:
        if isinstance(value, types):
            return messages.text(f"type.{key}")
    if value is None:
        return messages.text("type.none")
    return messages.text("type.other", name=type(value).__name__)


_PHRASES = ((np.ndarray, "ndarray"), ((tuple, list), "sequence"), (dict, "dict"), (str, "str"))


def _typed(value: object) -> str:
    """A rendering that shows the Python type too: "int 3" is not "float 3.0"."""
    rendered = render_value(value)
    if type(value) in (bool, int, float, complex, str, list, tuple, dict):
        return f"{type(value).__name__} {rendered}"
    return rendered
