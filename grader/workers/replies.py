"""A worker's reply as the grading process takes it: decoded from wire data, with only the
error kinds a worker may claim believed.

A worker can say that its call returned (a result) or raised (an exception's type, names and
message), or that its file cannot be used. Every other kind of failure (a timeout, a death, a
reply that is not one, memory, a spent budget) is decided by the grading process (see
grader.workers.pool) and made here with `lost`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grader.records import learner_text
from grader.workers import wire


@dataclass(frozen=True)
class CallReply:
    """A worker's answer, decoded. `error` is a dict (kind, type, mro, message, traceback);
    kinds made only by the grading process, never taken from a reply: "timeout", "died",
    "invalid", "memory", "load_timeout", "budget"; "grader" is taken only from a trusted
    worker, or from a learner's before its code ran."""

    ok: bool
    result: Any = None
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    output: str = ""
    output_dropped: int = 0  # bytes of output the worker did not keep
    error: dict | None = None
    functions: dict = field(default_factory=dict)
    sandbox: str = ""  # what confined the worker (load replies of learner workers)


# What a worker may say of an error: the call or load raised, or its file cannot be used.
_WORKER_KINDS = frozenset({"call", "load", "syntax", "source", "missing", "not_loaded",
                           "too_large", "encode"})


def lost(kind: str, message: str, output: str = "") -> CallReply:
    error = {"kind": kind, "type": "", "mro": [], "message": message, "traceback": ""}
    return CallReply(False, output=output, error=error)


def reply_from(tree: dict, trusted: bool) -> CallReply:
    """The reply in `tree`; WireError for any field that is not what a worker sends (of the
    wrong type, missing where needed), so a malformed reply is the sending worker's failure
    (the learner's function, or a grader fault where the worker is trusted), never a crash
    of the grading process."""
    output, dropped = tree.get("output", ""), tree.get("output_dropped", 0)
    if type(output) is not str or type(dropped) is not int or dropped < 0:
        raise wire.WireError("output is not text")
    output = learner_text.clean(output)  # learner text is data from here on
    if tree.get("ok") is not True:
        error = tree.get("error")
        if type(error) is not dict:
            raise wire.WireError("error reply without an error")
        return CallReply(False, output=output, output_dropped=dropped,
                         error=clean_error(error, trusted))
    sandbox = tree.get("sandbox") or ""
    if type(sandbox) is not str:
        raise wire.WireError("sandbox is not text")
    return CallReply(
        True, result=_decoded(tree.get("result")), output=output, output_dropped=dropped,
        args=_echoed_args(tree), kwargs=_echoed_kwargs(tree),
        functions=_function_table(tree.get("functions", {})),
        sandbox=learner_text.clean(sandbox[:500]),
    )


def _decoded(tree: object) -> Any:
    """wire.decode, where data no worker sends (an array shape NumPy refuses, a callable's
    parameters that are not a table) is a WireError like any other malformed value."""
    try:
        value = wire.decode(tree)
    except wire.WireError:
        raise
    except (ValueError, TypeError, OverflowError, MemoryError, RecursionError) as error:
        raise wire.WireError(f"undecodable value: {type(error).__name__}") from None
    return value


def _echoed_args(tree: dict) -> list:
    """The call's positional inputs as the worker holds them after the call."""
    args = _decoded(tree.get("args", []))
    if type(args) is not list:
        raise wire.WireError("args is not a list")
    return args


def _echoed_kwargs(tree: dict) -> dict:
    kwargs = _decoded(tree.get("kwargs", {"$dict": {}}))
    if type(kwargs) is not dict:
        raise wire.WireError("kwargs is not a dict")
    return kwargs


def _function_table(table: object) -> dict[str, list[str]]:
    """A load reply's functions: each name with its parameter names, all of them text."""
    if type(table) is not dict:
        raise wire.WireError("the function table is not a table")
    for name, params in table.items():
        if type(params) is not list or not all(type(p) is str for p in params):
            raise wire.WireError(f"the parameters of {learner_text.clean(name)[:80]} "
                                 "are not a list of names")
    # names a report may show ("Called f(x=...)"): text like any other the worker sends
    return {str(name): [learner_text.clean(p)[:100] for p in params]
            for name, params in table.items()}


def clean_error(error: dict, trusted: bool) -> dict:
    """Keep only text fields: an error reply may come from learner code faking one, so a
    kind only the grading process may decide (a timeout, a death, a grader fault from the
    learner side) is not believed: such a reply is one the grader cannot read."""
    clean: dict[str, Any] = {key: learner_text.clean(str(error.get(key, ""))[:20_000]) for key in
             ("kind", "type", "message", "traceback", "line", "cell", "source", "frames")}
    allowed = _WORKER_KINDS | ({"grader"} if trusted else set())
    if clean["kind"] not in allowed:
        clean = dict(clean, kind="invalid", message="", traceback="")
    mro = error.get("mro")
    names = mro[:50] if type(mro) is list else []
    clean["mro"] = [learner_text.clean(str(name)) for name in names]
    return clean
