"""The worker: a child process that loads one exercise file and calls its functions.

It runs learner code (or the reference, which is treated alike), so it is started in its own
session (its process group can be killed whole), its output is captured and capped, and it
answers only with wire data: JSON bytes, never pickles. Errors are data too: type, MRO names,
message and a traceback trimmed to the loaded file's own lines.
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import linecache
import os
import socket
import sys
import traceback
import types
from pathlib import Path
from typing import Any

from grader.records import messages, seeding
from grader.records.results import OUTPUT_LIMIT  # the spec's 10 kB of printed output per call
from grader.workers import channel, environment, loader, sandbox, wire

MESSAGE_LIMIT = 2_000  # characters of an exception message kept


class CappedOutput(io.TextIOBase):
    """stdout/stderr replacement: keeps the first OUTPUT_LIMIT bytes and counts the rest, so
    a learner printing megabytes costs no memory. The grading process adds the marker."""

    def __init__(self) -> None:
        self._kept = bytearray()
        self._dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        data = text.encode("utf-8", errors="replace")
        room = max(OUTPUT_LIMIT - len(self._kept), 0)
        self._kept += data[:room]
        self._dropped += max(len(data) - room, 0)
        return len(text)

    def take(self) -> tuple[str, int]:
        """(text kept, bytes dropped) since the last take."""
        text = self._kept.decode("utf-8", errors="ignore")
        dropped = self._dropped + len(self._kept) - len(text.encode("utf-8"))
        self._kept, self._dropped = bytearray(), 0
        return text, dropped


class State:
    """What one worker holds: the loaded module, its source for tracebacks, the callables."""

    def __init__(self) -> None:
        self.module: types.ModuleType | None = None
        self.filename = ""
        self.line_map: loader.LineMap | None = None
        self.callables: types.ModuleType | None = None
        self.pending: tuple[str, str, Path] | None = None  # prepared: code, module name, file
        self.sandbox: str | None = None  # what confinement applied, None if not asked
        self.language = "en"  # of the sentences built here; the load request names it


def serve(conn: socket.socket) -> None:
    """Main loop of the child process (forked from a worker server), until its channel closes."""
    os.setsid()  # own process group: the grading process can kill it and its children
    _silence_fds()
    environment.close_inherited(conn.fileno())
    output = CappedOutput()
    sys.stdout = sys.stderr = output
    state = State()
    while True:
        try:
            request = wire.loads(channel.read_message(conn.fileno()))
        except (EOFError, OSError, wire.WireError):
            break
        reply = handle(state, request, output)
        if state.sandbox and sandbox.own_processes_only(state.sandbox):
            sandbox.end_strays()  # what learner code started ends with the request
        reply["id"] = request.get("id") if type(request) is dict else None
        channel.write_message(conn.fileno(), _reply_bytes(reply))


def _silence_fds() -> None:
    """fds 0/1/2 to /dev/null: output written below sys.stdout (os.write, C code) is dropped."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _reply_bytes(reply: dict) -> bytes:
    try:
        return wire.dumps(reply)
    except wire.WireError as error:  # a result over the size limit becomes an error reply
        small = {key: reply.get(key) for key in ("id", "output", "output_dropped")}
        return wire.dumps(small | {"ok": False, "error": _error_data("too_large", error)})


def handle(state: State, request: Any, output: CappedOutput) -> dict:
    op = request.get("op") if type(request) is dict else None
    if op in ("load", "prepare") and request.get("lang") in messages.LANGUAGES:
        state.language = request["lang"]
    with messages.language(state.language):
        reply = _dispatch(state, request, op)
    reply["output"], reply["output_dropped"] = output.take()
    return reply


def _dispatch(state: State, request: Any, op: Any) -> dict:
    if op == "load":
        reply = _load(state, request)
    elif op == "prepare":
        reply = _prepare(state, request) or {"ok": True, "sandbox": state.sandbox}
    elif op == "exec":
        reply = _exec_prepared(state)
    elif op == "call":
        reply = _call(state, request)
    elif op == "probe":
        reply = _probe()
    else:
        reply = {"ok": False, "error": _error_data("grader", f"unknown request {op!r}")}
    return reply


# ----------------------------------------------------------------------------- load


def _load(state: State, request: dict) -> dict:
    """Read the file, then run it. A learner's worker is loaded in two requests, `prepare`
    then `exec`, so its report of the sandbox arrives before any learner code has run."""
    failed = _prepare(state, request)
    return failed if failed is not None else _exec_prepared(state)


def _prepare(state: State, request: dict) -> dict | None:
    """Everything of a load up to running the file; an error reply, or None."""
    try:
        if request.get("callables"):
            state.callables = _import_trusted(Path(request["callables"]))
        _prepare_torch(request.get("devices", []))
    except BaseException as error:  # the trusted side failing is a grader fault
        return {"ok": False, "error": _error_data("grader", error)}
    try:
        code, state.filename, state.line_map = loader.load_source(
            Path(request["path"]), request.get("display"))
    except loader.SourceError as error:
        return {"ok": False, "error": _error_data("source", error)}
    linecache.cache[state.filename] = (len(code), None, code.splitlines(True), state.filename)
    path = Path(request["path"]).resolve()
    # Run from the folder holding exercises/ (or solutions/), as a learner runs the file.
    os.chdir(path.parent.parent)
    state.pending = (code, str(request.get("module", "exercise")), path)
    state.sandbox = _confine(request.get("sandbox"), str(path), request.get("devices", []))
    return None


def _confine(plan: Any, learner_file: str, devices: Any) -> str | None:
    """A learner's worker confines itself here: its file is read (confined, it may not be
    readable) and the trusted callables imported, and none of its code has run yet."""
    if type(plan) is not dict:
        return None  # the reference: trusted, never confined
    uid, memory, own = plan.get("uid"), plan.get("memory"), plan.get("submission")
    group = plan.get("group")
    environment.for_learner(sandbox.SCRATCH)
    try:
        return sandbox.confine([str(path) for path in plan.get("hidden", [])],
                               uid if type(uid) is int else None, off=plan.get("off") is True,
                               group=[str(name) for name in group] if type(group) is list else [],
                               memory=memory if type(memory) is int else None,
                               submission=own if type(own) is str else None,
                               learner_file=learner_file,
                               cuda=type(devices) is list and "cuda" in devices)
    except Exception as error:  # reported, and graded as unconfined: never a crash here
        return f"none: {type(error).__name__}: {error}"


def _exec_prepared(state: State) -> dict:
    if state.pending is None:
        return {"ok": False, "error": _error_data("not_loaded", "nothing is prepared")}
    (code, name, path), state.pending = state.pending, None
    return _exec_module(state, code, name, path)


def _exec_module(state: State, code: str, name: str, path: Path) -> dict:
    module = types.ModuleType(name)
    module.__file__ = str(path)  # the real file; tracebacks show state.filename instead
    sys.modules[name] = module  # dataclasses and pickling inside learner code look it up
    try:
        compiled = compile(code, state.filename, "exec")
    except SyntaxError as error:
        return {"ok": False, "error": _syntax_error(state, error)}
    try:
        exec(compiled, module.__dict__)
    except BaseException as error:  # SystemExit and KeyboardInterrupt included
        return {"ok": False, "error": _learner_error(state, "load", error)}
    state.module = module
    return {"ok": True, "functions": _signatures(module)}


def _signatures(module: types.ModuleType) -> dict:
    found = {}
    for name, value in list(vars(module).items()):
        if isinstance(value, types.FunctionType) and not name.startswith("_"):
            try:
                found[name] = list(inspect.signature(value).parameters)
            except (TypeError, ValueError):
                found[name] = []
    return found


def _import_trusted(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("kata_callables", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prepare_torch(devices: list) -> None:
    if "torch" not in sys.modules and "cuda" not in devices:
        return
    import torch

    # TF32 would round float32 matrix products to 10-bit mantissas on CUDA only, so the same
    # code would give different results on CPU and CUDA; the spec's float32 tolerance and
    # the device parity it promises assume exact float32 arithmetic.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    if "cuda" in devices:
        torch.zeros(1, device="cuda")  # pay CUDA start-up here, not inside a timed call


def _probe() -> dict:
    import torch

    return {"ok": True, "result": bool(torch.cuda.is_available())}


# ----------------------------------------------------------------------------- call


def _call(state: State, request: dict) -> dict:
    if state.module is None:
        return {"ok": False, "error": _error_data("not_loaded", "the file is not loaded")}
    function = getattr(state.module, str(request.get("function")), None)
    if not callable(function):
        return {"ok": False, "error": _error_data("missing", str(request.get("function")))}
    try:
        args, kwargs = _decode_args(state, request)
        seeding.seed_everything(int(request.get("seed", 0)))
        _prepare_torch([])
    except BaseException as error:  # bad arguments or callables are a grader fault
        return {"ok": False, "error": _error_data("grader", error)}
    try:
        result = function(*args, **kwargs)
    except BaseException as error:  # SystemExit, KeyboardInterrupt: the learner's doing
        return {"ok": False, "error": _learner_error(state, "call", error)}
    return _call_reply(request, result, args, kwargs)


def _decode_args(state: State, request: dict) -> tuple[list, dict]:
    def resolve(name: str, params: dict) -> Any:
        factory = getattr(state.callables, name, None)
        if factory is None or name.startswith("_"):
            raise LookupError(f"no trusted callable named {name!r}")
        return factory(**params)

    device = str(request.get("device", "cpu"))
    args = wire.decode(request.get("args", []), resolve_fn=resolve, torch_device=device)
    kwargs = wire.decode(request.get("kwargs", {"$dict": {}}), resolve_fn=resolve,
                         torch_device=device)
    return list(args), dict(kwargs)


def _call_reply(request: dict, result: Any, args: list, kwargs: dict) -> dict:
    """Result plus the arguments as they are after the call (to catch changed inputs);
    callables go back as the references that were sent."""
    sent_args = request.get("args", [])
    sent_kwargs = request.get("kwargs", {"$dict": {}})["$dict"]
    try:
        after = [_after(sent, now) for sent, now in zip(sent_args, args)]
        after_kw = {key: _after(sent_kwargs[key], kwargs[key]) for key in sent_kwargs}
        return {"ok": True, "result": wire.encode(result), "args": after,
                "kwargs": {"$dict": after_kw}}
    except BaseException as error:
        return {"ok": False, "error": _error_data("encode", error)}


def _after(sent: Any, now: Any) -> Any:
    if type(sent) is dict and "$fn" in sent:
        return sent
    return wire.encode(now)


# ----------------------------------------------------------------------------- errors


def _error_data(kind: str, error: Any, exc: BaseException | None = None) -> dict:
    exc = error if isinstance(error, BaseException) else exc
    return {
        "kind": kind,
        "type": type(exc).__name__ if exc is not None else "",
        "mro": [cls.__name__ for cls in type(exc).__mro__] if exc is not None else [],
        "message": _safe_str(error),
        "traceback": "",
    }


def _syntax_error(state: State, error: SyntaxError) -> dict:
    data = _error_data("syntax", error.msg, error)
    data["line"], data["cell"] = str(error.lineno or ""), ""
    data["source"] = pointed_line(error)
    if state.line_map is not None and error.lineno:
        try:
            cell, line = state.line_map(error.lineno)
            data["line"], data["cell"] = str(line), str(cell)
        except Exception:  # a line outside every cell: keep the joined source's line
            pass
    return data


def pointed_line(error: SyntaxError) -> str:
    """The offending line and a caret under the spot, as Python prints them; "" if unknown."""
    text = (error.text or "").split("\n")[0].rstrip()
    if not text.strip():
        return ""
    indent = len(text) - len(text.lstrip())
    start = max((error.offset or 1) - 1 - indent, 0)
    end = error.end_offset if error.end_lineno in (None, error.lineno) else None
    width = max((end or 0) - 1 - indent - start, 1)
    return f"    {text.lstrip()}\n    {' ' * start}{'^' * width}"


def _learner_error(state: State, kind: str, error: BaseException) -> dict:
    data = _error_data(kind, error)
    data["traceback"] = trimmed_traceback(state, error)
    # the file's functions the error passed through: a caller's failure may come from a callee
    data["frames"] = " ".join(frame.name for frame in traceback.extract_tb(error.__traceback__)
                              if frame.filename == state.filename)
    if isinstance(error, SystemExit):  # its message is only the code: say where it was called
        data["line"], data["cell"], data["source"] = _exit_line(state, error)
    return data


def _exit_line(state: State, error: BaseException) -> tuple[str, str, str]:
    """Line, cell ("" in a .py file) and text of the loaded file's deepest frame: the line
    that called exit."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == state.filename]
    frame = frames[-1] if frames else None
    if frame is None or not frame.lineno:
        return "", "", ""
    line, cell = str(frame.lineno), ""
    if state.line_map is not None:
        try:
            found_cell, found_line = state.line_map(frame.lineno)
            line, cell = str(found_line), str(found_cell)
        except Exception:  # a line outside every cell: keep the joined source's line
            pass
    return line, cell, f"    {frame.line.strip()}" if frame.line else ""


def _safe_str(error: Any) -> str:
    try:
        text = str(error)
    except Exception:  # a learner's exception whose __str__ raises
        text = messages.text("raised.unprintable", exception=type(error).__name__)
    return text[:MESSAGE_LIMIT]


def trimmed_traceback(state: State, error: BaseException) -> str:
    """Only the frames in the loaded file: the learner sees their own lines, not ours."""
    lines = []
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename != state.filename:
            continue
        where = loader.location(frame.filename, frame.lineno, state.line_map)
        lines.append(messages.text("traceback.frame", where=where, function=frame.name))
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    message = _safe_str(error)
    lines.append(f"{type(error).__name__}: {message}" if message else type(error).__name__)
    return "\n".join(lines)
