"""The worker servers: processes that import numpy (and torch) once and fork workers.

Two servers, so that NumPy exercises never wait for torch: the NumPy server imports numpy
and the worker code (a tenth of a second), the torch server imports torch and
torch._dynamo as well (a second and a half on two cores). A run of the whole kata grades
its NumPy exercises on workers of the first while the second is still importing.

The torch server is multiprocessing's own forkserver; the NumPy server is a second
instance of the same class. Both live as long as the grading process, like
multiprocessing's own server: a notebook kernel or a warm `watch` loop pays each import
once, whatever pools come and go.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import multiprocessing
import multiprocessing.forkserver
import os
import signal
from typing import Any, Iterator

from multiprocessing import popen_forkserver, process, reduction, spawn, util
from multiprocessing.context import ForkServerContext, set_spawning_popen

from grader.workers import environment

# grader.workers.servers: a worker forked from the NumPy server unpickles its process
# object, whose class is defined here; importing it in each worker cost 15 ms.
NUMPY_PRELOAD = ("numpy", "grader.workers.worker", "grader.workers.servers")
# torch._dynamo is imported by the first torch.optim optimizer a worker makes (about 1.5 s);
# importing it once in the server saves that in every worker that trains.
TORCH_PRELOAD = (*NUMPY_PRELOAD, "torch", "torch._dynamo")

# The NumPy server; process-wide as multiprocessing's own server is (see the docstring).
_numpy_server = multiprocessing.forkserver.ForkServer()
# The servers this process started, ended when it exits (see _end_servers).
_started: list[multiprocessing.forkserver.ForkServer] = []


class _NumpyServerPopen(popen_forkserver.Popen):
    """multiprocessing's forkserver Popen, asking the NumPy server instead of the default
    one. `_launch` is the standard library's (3.9 to 3.13) with that one name changed."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = _numpy_server.connect_to_new_process(self._fds)
        parent_w = os.dup(w)  # the child's sentinel of its parent, as the standard library
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as data:
            data.write(buf.getbuffer())
        self.pid = multiprocessing.forkserver.read_signed(self.sentinel)


class _NumpyServerProcess(process.BaseProcess):
    _start_method = "forkserver"

    @staticmethod
    def _Popen(process_obj: Any) -> _NumpyServerPopen:
        return _NumpyServerPopen(process_obj)


class _NumpyServerContext(ForkServerContext):
    Process = _NumpyServerProcess


def start(*, torch: bool) -> None:
    """Start the NumPy server (and the torch one) now, before the caller's own imports."""
    if torch:
        torch_context()
    numpy_context()


def numpy_context() -> Any:
    """A context whose processes are forked from the NumPy server, started now if need be."""
    if _numpy_server._forkserver_pid is None:
        _numpy_server.set_forkserver_preload(list(NUMPY_PRELOAD))
    _start(_numpy_server)
    return _NumpyServerContext()


def torch_context() -> Any:
    """A context whose processes are forked from the torch server, started now if need be.

    multiprocessing fixes a server's imports when it starts; a default server started
    earlier without torch (by other code in this process) is restarted with the union, so
    no earlier choice limits this one. Workers already forked live on: they are processes
    of their own, killed by process group."""
    context = multiprocessing.get_context("forkserver")
    server = multiprocessing.forkserver._forkserver
    running = server._forkserver_pid is not None
    current = tuple(server._preload_modules) if running else ()
    if not set(TORCH_PRELOAD) <= set(current):
        if running:
            server._stop()  # the only way to change what a running server imported
        wanted = [*current, *(name for name in TORCH_PRELOAD if name not in current)]
        context.set_forkserver_preload([name for name in wanted if name != "__main__"])
    _start(server)
    return context


def _start(server: multiprocessing.forkserver.ForkServer) -> None:
    # Started at once: its imports overlap with the grading process importing pytest. It
    # gets a scrubbed environment: its first one stays readable to every worker it forks.
    # It shares the terminal's process group, so a Ctrl-C meant for the grader would reach
    # it mid-import and print its traceback: it starts ignoring SIGINT (kept across exec;
    # the grading process handles Ctrl-C and kills the workers, which ignore it too).
    with environment.scrubbed(), _sigint_ignored():
        server.ensure_running()
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
    for server in _started:
        pid = server._forkserver_pid  # None once stopped; a restarted server's new one
        if pid is None:
            continue
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        server._forkserver_pid = None


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
