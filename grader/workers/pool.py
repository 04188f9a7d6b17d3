"""Worker handles in the grading process: start, load, call with a time limit, kill, restart.

Workers are forked from a multiprocessing forkserver that preloads numpy (and torch when a
tensor exercise is graded), so each import is paid once per grading process. Replies are
read with recv_bytes and decoded from JSON: nothing from a worker is ever unpickled.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from grader.records import messages
from grader.records import learner_text
from grader.workers import sandbox

from grader.workers import wire

from grader.workers import worker

LOAD_TIME_LIMIT = 20.0  # seconds to load a file: covers a cold `import torch` on a slow disk
# torch._dynamo is imported by the first torch.optim optimizer a worker makes (about 1.5 s);
# importing it once in the server saves that in every worker that trains.
NUMPY_PRELOAD = ("numpy", "grader.workers.worker")
TORCH_PRELOAD = (*NUMPY_PRELOAD, "torch", "torch._dynamo")


@dataclass(frozen=True)
class LoadSpec:
    """What a worker loads: a file (shown as `display`) and the trusted callables."""

    path: Path
    display: str
    module: str
    callables: Path | None = None
    devices: tuple[str, ...] = ("cpu",)


@dataclass(frozen=True)
class CallReply:
    """A worker's answer, decoded. `error` is a dict (kind, type, mro, message, traceback);
    kinds made here: "timeout", "died", "invalid"."""

    ok: bool
    result: Any = None
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    output: str = ""
    output_dropped: int = 0  # bytes of output the worker did not keep
    error: dict | None = None
    functions: dict = field(default_factory=dict)
    sandbox: str = ""  # what confined the worker (load replies of learner workers)


def _lost(kind: str, message: str, output: str = "") -> CallReply:
    error = {"kind": kind, "type": "", "mro": [], "message": message, "traceback": ""}
    return CallReply(False, output=output, error=error)


def forkserver_context(preload: tuple[str, ...]) -> Any:
    """The forkserver context, its server running with at least `preload` imported.

    multiprocessing keeps one forkserver per process and fixes its imports when it starts;
    a server started for an earlier pool without torch (a NumPy exercise, a device probe)
    is restarted with the union, so no pool's choice limits a later one. Workers already
    forked live on: they are processes of their own, killed by process group."""
    context = multiprocessing.get_context("forkserver")
    server = multiprocessing.forkserver._forkserver
    running = server._forkserver_pid is not None
    current = tuple(server._preload_modules) if running else ()
    if not set(preload) <= set(current):
        if running:
            server._stop()  # the only way to change what a running server imported
        wanted = [*current, *(name for name in preload if name not in current)]
        context.set_forkserver_preload([name for name in wanted if name != "__main__"])
    # Start the server now: its imports overlap with this process starting pytest. It
    # shares the terminal's process group, so a Ctrl-C meant for the grader would reach it
    # mid-import and print its traceback: it starts ignoring SIGINT (kept across exec; the
    # grading process handles Ctrl-C and kills the workers, which ignore it too).
    with _sigint_ignored():
        multiprocessing.forkserver.ensure_running()
    return context


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals cannot be changed, nor delivered here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Worker:
    """One worker process for one loaded file, replaced after a timeout or a crash."""

    def __init__(self, context: Any, spec: LoadSpec, load_time_limit: float,
                 confinement: dict | None = None) -> None:
        self.spec = spec
        self.confinement = confinement  # the sandbox plan; None: trusted, not confined
        self._context = context
        self._load_time_limit = load_time_limit
        self._process = None
        self._conn = None
        self._counter = 0
        self.load_reply: CallReply | None = None
        self.on_load: Any = None  # called with each fresh load reply (the pool records it)

    def load(self) -> CallReply:
        """Start and load once; a failed load is kept (loading again would fail alike)."""
        if self.load_reply is not None and (not self.load_reply.ok or self.alive):
            return self.load_reply
        self._start()
        request = {"op": "load", "path": str(self.spec.path), "display": self.spec.display,
                   "module": self.spec.module, "devices": list(self.spec.devices),
                   "lang": messages.current(),  # the worker writes its sentences in it
                   "callables": str(self.spec.callables) if self.spec.callables else None}
        if self.confinement is None:
            reply = self._exchange(request, self._load_time_limit)
        else:
            reply = self._load_confined(request)
        if reply.error and reply.error["kind"] == "timeout":
            reply = _lost("load_timeout", f"{self._load_time_limit:g}", reply.output)
        self.load_reply = reply
        if self.on_load is not None:
            self.on_load(reply)
        return reply

    def _load_confined(self, request: dict) -> CallReply:
        """Prepare (read the file, confine) then run the file: the sandbox report comes
        before any learner code has run, so learner code cannot forge it."""
        prepared = self._exchange(dict(request, op="prepare", sandbox=self.confinement),
                                  self._load_time_limit)
        if not prepared.ok:
            return prepared
        reply = self._exchange({"op": "exec"}, self._load_time_limit)
        return dataclasses.replace(reply, sandbox=prepared.sandbox)

    def call(self, request: dict, time_limit: float) -> CallReply:
        loaded = self.load()
        if not loaded.ok:
            return loaded
        return self._exchange(request, time_limit)

    def probe(self, timeout: float) -> bool:
        """Whether torch in a fresh worker sees a CUDA device."""
        self._start()
        reply = self._exchange({"op": "probe"}, timeout)
        return reply.ok and reply.result is True

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _start(self) -> None:
        self.kill()
        parent, child = self._context.Pipe(duplex=True)
        self._process = self._context.Process(target=worker.serve, args=(child,), daemon=True)
        with _main_hidden():
            self._process.start()
        child.close()
        self._conn = parent

    def _exchange(self, request: dict, timeout: float) -> CallReply:
        self._counter += 1
        try:
            self._conn.send_bytes(wire.dumps(dict(request, id=self._counter)))
            if not self._conn.poll(timeout):
                self.kill()
                return _lost("timeout", f"{timeout:g}")
            data = self._conn.recv_bytes(wire.MAX_MESSAGE_BYTES)
        except (EOFError, OSError):
            return _lost("died", self._death())
        except BaseException:  # an outer time-out while waiting: leave no worker mid-call
            self.kill()
            raise
        return self._decode(data)

    def _decode(self, data: bytes) -> CallReply:
        try:
            tree = wire.loads(data)
            if type(tree) is not dict or tree.get("id") != self._counter:
                raise wire.WireError("reply out of order")
            return _reply_from(tree)
        except (wire.WireError, KeyError, TypeError, ValueError) as error:
            self.kill()
            return _lost("invalid", str(error))

    def _death(self) -> str:
        process = self._process
        self.kill()
        code = process.exitcode if process is not None else None
        if code is not None and code < 0:
            return messages.text("crash.signal", signal=signal.Signals(-code).name)
        return messages.text("crash.exit_code", code=code)

    def kill(self) -> None:
        """Kill the worker's whole process group: it and anything it started."""
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None or process.pid is None:  # start() interrupted: nothing runs
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()  # killed before it made its own group
        process.join(5)


@contextlib.contextmanager
def _main_hidden() -> Iterator[None]:
    """multiprocessing re-runs the parent's __main__ script in every child; a worker needs
    nothing from it (a `grader` or `pytest` script, a benchmark), so it is hidden at start."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _reply_from(tree: dict) -> CallReply:
    output, dropped = tree.get("output", ""), tree.get("output_dropped", 0)
    if type(output) is not str or type(dropped) is not int:
        raise wire.WireError("output is not text")
    output = learner_text.clean(output)  # learner text is data from here on
    if tree.get("ok") is not True:
        error = tree.get("error")
        if type(error) is not dict:
            raise wire.WireError("error reply without an error")
        return CallReply(False, output=output, output_dropped=dropped, error=_clean_error(error))
    functions = tree.get("functions", {})
    return CallReply(
        True, result=wire.decode(tree.get("result")), output=output, output_dropped=dropped,
        args=list(wire.decode(tree.get("args", []))),
        kwargs=dict(wire.decode(tree.get("kwargs", {"$dict": {}}))),
        functions={str(k): [str(p) for p in v] for k, v in functions.items()},
        sandbox=learner_text.clean(str(tree.get("sandbox") or "")[:500]),
    )


def _clean_error(error: dict) -> dict:
    """Keep only text fields: an error reply may come from learner code faking one."""
    clean = {key: learner_text.clean(str(error.get(key, ""))[:20_000]) for key in
             ("kind", "type", "message", "traceback", "line", "cell", "source")}
    mro = error.get("mro")
    names = mro[:50] if type(mro) is list else []
    clean["mro"] = [learner_text.clean(str(name)) for name in names]
    return clean


class WorkerPool:
    """Workers by (role, file); reference replies cached by request bytes, so grading many
    submissions computes each reference result once.

    Every role but "reference" runs learner code and is confined (grader.workers.sandbox): the
    folders in `hidden` (and those `hide` adds) are out of its reach."""

    def __init__(self, *, preload_torch: bool = False,
                 load_time_limit: float = LOAD_TIME_LIMIT, hidden: tuple = ()) -> None:
        self._context = forkserver_context(TORCH_PRELOAD if preload_torch else NUMPY_PRELOAD)
        self.load_time_limit = load_time_limit
        self._workers: dict[tuple[str, LoadSpec], Worker] = {}
        self._cache: dict[bytes, CallReply] = {}
        self._hidden = {Path(path) for path in (*hidden, *sandbox.extra_hidden())}
        self._lease: sandbox.UidLease | None = None
        self.sandbox_states: set[str] = set()  # what each confined worker reported

    def hide(self, *paths: Path) -> None:
        """Keep these folders (or files) out of reach of learner workers started from now."""
        self._hidden.update(Path(path) for path in paths)

    def worker(self, role: str, spec: LoadSpec) -> Worker:
        key = (role, spec)
        if key not in self._workers:
            plan = None if role == "reference" else self._confinement()
            handle = Worker(self._context, spec, self.load_time_limit, plan)
            handle.on_load = self._record
            self._workers[key] = handle
        return self._workers[key]

    def _confinement(self) -> dict:
        if self._lease is None:
            self._lease = sandbox.UidLease()
        return {"hidden": sorted(str(path) for path in self._hidden), "uid": self._lease.uid,
                "off": not sandbox.enabled()}

    def _record(self, reply: CallReply) -> None:
        if reply.sandbox:
            self.sandbox_states.add(reply.sandbox)

    def unconfined(self) -> str | None:
        """Why some learner code ran with the instructor's files in reach; None if none."""
        weak = sorted(state for state in self.sandbox_states if not sandbox.is_confined(state))
        return weak[0] if weak else None

    def call(self, role: str, spec: LoadSpec, request: dict, time_limit: float) -> CallReply:
        if role != "reference":
            return self.worker(role, spec).call(request, time_limit)
        key = str(spec.path).encode() + b"\x00" + wire.dumps(request)
        cached = self._cache.get(key)
        if cached is None:
            cached = self.worker(role, spec).call(request, time_limit)
            if cached.error is None or cached.error["kind"] not in ("timeout", "died"):
                self._cache[key] = cached
        return cached

    def cuda_available(self) -> bool:
        """Asked of a worker, so the grading process never imports torch."""
        probe = Worker(self._context, LoadSpec(Path(os.devnull), "probe", "probe"), 0.0)
        try:
            return probe.probe(self.load_time_limit * 3)
        finally:
            probe.kill()

    def close_role(self, role: str) -> None:
        for key in [key for key in self._workers if key[0] == role]:
            self._workers.pop(key).kill()
        if role != "reference" and self._lease is not None:
            self._lease.end_processes()  # what left its worker's process group, too

    def close(self) -> None:
        for handle in self._workers.values():
            handle.kill()
        self._workers.clear()
        if self._lease is not None:
            self._lease.release()
            self._lease = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
