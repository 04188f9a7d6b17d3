"""The worker servers: processes that import numpy (and torch) once and fork workers.

Three servers, so that no exercise waits for imports it does not need:
- the NumPy server imports numpy and the worker code (a tenth of a second);
- the torch server imports torch as well (a second on two cores);
- the optimizer server adds torch._dynamo, which torch.optim imports at an optimizer's
  first step (most of another second). It is forked from the torch server once that is
  ready, so torch is imported once for both, and imports torch._dynamo while exercises that
  need no optimizer are graded.
A run of the whole kata grades its NumPy exercises while torch imports, then its torch
exercises without an optimizer while torch._dynamo imports, then the rest.

The torch server is multiprocessing's own forkserver; the others are more instances of its
class. They live as long as the grading process, like multiprocessing's own server: a
notebook kernel or a warm `watch` loop pays each import once, whatever pools come and go.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import socket
import sys
import types
from typing import Any, Iterable, Iterator

from multiprocessing import connection, popen_forkserver, process, reduction, spawn, util
from multiprocessing.context import ForkServerContext, set_spawning_popen

from grader.workers import environment

# grader.workers.servers: a worker forked from the NumPy or optimizer server unpickles its
# process object, whose class is defined here; importing it in each worker cost 15 ms.
NUMPY_PRELOAD = ("numpy", "grader.workers.worker", "grader.workers.servers")
TORCH_PRELOAD = (*NUMPY_PRELOAD, "torch")
# What torch.optim imports at an optimizer's first step, added to the torch server's.
OPTIMIZER_PRELOAD = ("torch._dynamo",)



class _ForkedServer(multiprocessing.forkserver.ForkServer):
    """A server forked from another (see _start_forked), not started by this process: it is
    no child of ours, so ensure_running cannot ask after it; it lives as long as we do."""

    def ensure_running(self) -> None:
        if self._forkserver_pid is None:  # type: ignore[attr-defined]  # private, untyped
            raise RuntimeError("the optimizer server was not started")


# Process-wide, as multiprocessing's own server is (see the docstring). Typed Any: what this
# module reads and sets of them is private to multiprocessing, and untyped.
_numpy_server: Any = multiprocessing.forkserver.ForkServer()
_optimizer_server: Any = _ForkedServer()
_forked_processes: list[Any] = []  # the optimizer server's process handle, kept alive
# The servers this process started, ended when it exits (see _end_servers).
_started: list[Any] = []


class _InstancePopen(popen_forkserver.Popen):
    """multiprocessing's forkserver Popen, asking `server` instead of the default one.
    `_launch` is the standard library's (3.9 to 3.13) with that one name changed."""

    server: Any

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = self.server.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_w = os.dup(w)  # the child's sentinel of its parent, as the standard library
        self.finalizer = util.Finalize(self, util.close_fds,  # type: ignore[attr-defined]
                                       (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as data:
            data.write(buf.getbuffer())
        self.pid = multiprocessing.forkserver.read_signed(self.sentinel)


class _NumpyPopen(_InstancePopen):
    server = _numpy_server


class _OptimizerPopen(_InstancePopen):
    server = _optimizer_server


# Process classes are pickled by name for the child, so each server has one of its own.
class _NumpyProcess(process.BaseProcess):
    _start_method = "forkserver"

    @staticmethod
    def _Popen(process_obj: Any) -> _InstancePopen:
        return _NumpyPopen(process_obj)


class _OptimizerProcess(process.BaseProcess):
    _start_method = "forkserver"

    @staticmethod
    def _Popen(process_obj: Any) -> _InstancePopen:
        return _OptimizerPopen(process_obj)


class _NumpyContext(ForkServerContext):
    Process = _NumpyProcess  # type: ignore[assignment]  # a process of another server


class _OptimizerContext(ForkServerContext):
    Process = _OptimizerProcess  # type: ignore[assignment]


def start(names: Iterable[str]) -> None:
    """Start these servers now (the torch one first: its import is the longest), so their
    imports overlap with the caller's own work. The optimizer server cannot start before
    the torch server is ready (it is forked from it): that one starts in its stead, and the
    optimizer server when first asked for."""
    wanted = {"torch" if name == "optimizer" else name for name in names}
    for name in sorted(wanted, key=lambda name: name != "torch"):
        context(name)


def context(server: str) -> Any:
    """The multiprocessing context whose processes are forked from `server` (one of
    SERVERS), started now if need be."""
    if server not in SERVERS:
        raise ValueError(f"no worker server named {server!r}")
    return SERVERS[server]()


def _numpy_context() -> Any:
    if _numpy_server._forkserver_pid is None:
        _numpy_server.set_forkserver_preload(list(NUMPY_PRELOAD))
    _start(_numpy_server)
    return _NumpyContext()


def _torch_context() -> Any:
    """multiprocessing fixes a server's imports when it starts; a default server started
    earlier without torch (by other code in this process) is restarted with the union, so
    no earlier choice limits this one. Workers already forked live on: they are processes
    of their own, killed by process group."""
    context = multiprocessing.get_context("forkserver")
    server: Any = multiprocessing.forkserver._forkserver
    running = server._forkserver_pid is not None
    current = tuple(server._preload_modules) if running else ()
    if not set(TORCH_PRELOAD) <= set(current):
        if running:
            server._stop()  # the only way to change what a running server imported
        wanted = [*current, *(name for name in TORCH_PRELOAD if name not in current)]
        context.set_forkserver_preload([name for name in wanted if name != "__main__"])
    _start(server)
    return context


def _optimizer_context() -> Any:
    """Starting it waits for the torch server to be ready (it is forked from it); its own
    imports go on in the background."""
    if _optimizer_server._forkserver_pid is None:
        _start_forked(_optimizer_server, _torch_context(), OPTIMIZER_PRELOAD)
    return _OptimizerContext()


# Each server by name, with the function that starts it and returns its context.
SERVERS = {"numpy": _numpy_context, "torch": _torch_context, "optimizer": _optimizer_context}


def _start(server: Any) -> None:
    # Started at once: its imports overlap with the grading process importing pytest. It
    # gets a scrubbed environment: its first one stays readable to every worker it forks.
    # It shares the terminal's process group, so a Ctrl-C meant for the grader would reach
    # it mid-import and print its traceback: it starts ignoring SIGINT (kept across exec;
    # the grading process handles Ctrl-C and kills the workers, which ignore it too).
    with environment.scrubbed(), _sigint_ignored(), _output_discarded():
        server.ensure_running()
    _remember(server)


def _start_forked(server: Any, parent: Any, preload: tuple[str, ...]) -> None:
    """Start `server` as a process forked from the server behind `parent`, set up as
    ForkServer.ensure_running sets up one it starts: a listening socket, and a pipe whose
    end kept here tells the server, once closed, that this process is gone."""
    address = connection.arbitrary_address("AF_UNIX")  # type: ignore[attr-defined]
    alive_r, alive_w = os.pipe()
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(address)
        os.chmod(address, 0o600)
        listener.listen()
        with connection.Connection(alive_r, writable=False) as alive:
            handle = parent.Process(target=_serve_forked, args=(listener, alive, preload),
                                    daemon=True)
            with main_hidden():
                handle.start()
    server._forkserver_address = address
    server._forkserver_alive_fd = alive_w
    server._forkserver_pid = handle.pid
    server._preload_modules = list(preload)
    _forked_processes.append(handle)
    _remember(server)


def _serve_forked(listener: socket.socket, alive: Any, preload: tuple[str, ...]) -> None:
    """The forked server's life: as a worker, it drops its parent server's "alive" pipe (only
    ours counts) and dies with that server (a Ctrl-C can end the grading process before it
    learns this one's pid: killing the torch server then ends it too); then
    multiprocessing's own server loop, which imports `preload` first."""
    die_with_parent()
    multiprocessing.forkserver.main(listener.detach(), os.dup(alive.fileno()), list(preload))


def die_with_parent() -> None:
    """A worker stuck in a learner's endless loop must not outlive a grading process that
    died. The worker server exits once no process holds its "alive" pipe; multiprocessing
    hands that pipe to every child, so the worker drops it, and asks Linux to kill it when
    the server (its parent) exits."""
    server: Any = multiprocessing.forkserver._forkserver
    alive = getattr(server, "_forkserver_alive_fd", None)
    if alive is not None:
        os.close(alive)
        server._forkserver_alive_fd = None
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: killing the process group still works
        pass
    if os.getppid() == 1:  # the server was already gone before the request took effect
        os._exit(1)


def _remember(server: Any) -> None:
    if not _started:
        atexit.register(_end_servers, os.getpid())
    if server not in _started:
        _started.append(server)


def _end_servers(starter: int) -> None:
    """Kill this process's servers as it exits. Left to themselves they exit when they see
    it gone, tearing down an interpreter with torch loaded: a third of a second of a core,
    during which they still hold the terminal's output (a pipe reading `grader run` would
    wait for them) and slow whatever runs next. Their workers were ended before. A forked
    copy of this process (it inherits the handler) leaves them alone."""
    if os.getpid() != starter:
        return
    for server in reversed(_started):  # the forked server before the one it came from
        pid = server._forkserver_pid  # None once stopped; a restarted server's new one
        if pid is None:
            continue
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)  # the forked server is no child of ours: nothing to wait for
        server._forkserver_pid = None


@contextlib.contextmanager
def main_hidden() -> Iterator[None]:
    """multiprocessing re-runs the parent's __main__ script in every child; a process started
    from a server needs nothing from it (a `grader` or `pytest` script, a benchmark), so it
    is hidden while the process starts."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


@contextlib.contextmanager
def _output_discarded() -> Iterator[None]:
    """Processes started meanwhile write their output and errors to /dev/null, not to the
    learner's terminal: a server has nothing to say there (its workers' output is captured),
    and one that reads a fork request cut short by Ctrl-C would print a traceback there.
    Nor does it hold the terminal's pipes open. This process's own are swapped back after
    the few milliseconds the start takes; Python's buffers are flushed first."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    saved = []
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in (1, 2):
            try:
                saved.append((fd, os.dup(fd)))
            except OSError:  # no such descriptor: nothing to hand on
                continue
            os.dup2(null, fd)
        yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)


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
