"""The worker servers, seen from the grading process: processes that import numpy (and
torch) once and fork workers on request (grader.workers.fork_server is their own side).

Three servers, so that no exercise waits for imports it does not need:
- the NumPy server imports numpy and the worker code (a tenth of a second);
- the torch server imports torch as well (a second on two cores);
- the optimizer server adds torch._dynamo, which torch.optim imports at an optimizer's
  first step (most of another second). It is forked from the torch server, so torch is
  imported once for both, and imports torch._dynamo while exercises that need no
  optimizer are graded.
A run of the whole kata grades its NumPy exercises while torch imports, then its torch
exercises without an optimizer while torch._dynamo imports, then the rest.

The NumPy and torch servers are children of the grading process, each in a session of its
own (a terminal's Ctrl-C is the grading process's to handle) with its output on /dev/null
(it has nothing to say to a learner) and a scrubbed environment. They live as long as the
grading process: a notebook kernel or a warm `watch` loop pays each import once, whatever
pools come and go. A worker is no child of the grading process: its server reports how it
ended (see ForkedProcess).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from typing import Iterable

from grader.workers import environment
from grader.workers.fork_server import (EXITED, REPORT, REQUEST, SERVER, STARTED, WORKER,
                                         WORKER_OWN_PIDS)

NUMPY_PRELOAD = ("numpy", "grader.workers.worker")
TORCH_PRELOAD = (*NUMPY_PRELOAD, "torch")
# What torch.optim imports at an optimizer's first step, added to the torch server's.
OPTIMIZER_PRELOAD = ("torch._dynamo",)
# How long ending a forked server waits for its parent's report that it is gone.
FORKED_SERVER_END_S = 5.0
# A fresh interpreter with this process's module path runs the server's loop.
BOOT = ("import json, sys; found = json.loads(sys.argv[1]); sys.path[:] = found['path']; "
        "from grader.workers.fork_server import main; main(found['fd'], found['preload'])")


class ServerGone(OSError):
    """The server's control socket closed: it died (it is started again on next need)."""


class Server:
    """The grading process's end of one server's control socket: fork requests, and the
    reports of how each forked process ended, read whenever a caller waits for one."""

    def __init__(self, control: socket.socket, process: subprocess.Popen | None = None,
                 parent: Server | None = None, number: int = 0) -> None:
        self._control = control
        self._process = process  # None: forked from `parent`, no child of ours
        self._parent, self._number = parent, number  # the request that forked it
        self._requests = 0
        self._started: dict[int, int] = {}  # request number -> pid
        self.ended: dict[int, int] = {}  # pid -> wait status
        self.pid: int | None = process.pid if process is not None else None

    def fork_worker(self, own_pids: bool = False) -> tuple[ForkedProcess, socket.socket]:
        """A new worker and the grading process's end of its channel (a stream socket).
        `own_pids`: born as process 1 of a PID namespace of its own, where the server may
        make one (see fork_server.WORKER_OWN_PIDS)."""
        ours, theirs = socket.socketpair()
        try:
            with theirs:
                number = self._request(WORKER_OWN_PIDS if own_pids else WORKER,
                                       theirs.fileno())
            return ForkedProcess(self, self._started_pid(number)), ours
        except BaseException:  # Ctrl-C included: the worker, if forked, reads EOF and ends
            ours.close()
            raise

    def fork_server(self, preload: tuple[str, ...]) -> Server:
        """A server forked from this one, importing `preload` too; its pid is read later
        (this one may still be importing)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            number = self._request(SERVER, theirs.fileno(), " ".join(preload))
        return Server(ours, parent=self, number=number)

    def known_pid(self, wait: bool = True) -> int | None:
        """This server's pid; a forked one's once its parent server has answered (waiting
        for that unless `wait` is false: None then, where it has not yet)."""
        parent = self._parent
        if self.pid is None and parent is not None:
            if wait:
                self.pid = parent._started_pid(self._number)
            else:
                parent.collect(0)
                self.pid = parent._started.pop(self._number, None)
        return self.pid

    def running(self) -> bool:
        """Whether it runs, or is about to: a forked server its parent has not yet forked
        (still importing) counts as running."""
        if self._process is not None:
            return self._process.poll() is None
        parent = self._parent
        try:
            pid = self.known_pid(wait=False)
            return parent is not None and parent.running() and pid not in parent.collect(0)
        except ServerGone:
            return False

    def collect(self, wait: float | None) -> dict[int, int]:
        """Read the reports waiting, or else the first to arrive within `wait` seconds
        (None: however long it takes); the wait statuses of the ended processes, by pid."""
        timeout = wait
        while select.select([self._control], [], [], timeout)[0]:
            self._read_report()
            timeout = 0
        return self.ended

    def kill(self) -> None:
        """Kill it now and wait until it is gone. A forked server is no child of ours: its
        parent server reports its end once it has reaped it (a SIGKILLed interpreter with
        torch still runs while its memory is torn down). One whose pid is not known yet is
        not waited for: it dies with its parent (PR_SET_PDEATHSIG), which is killed after it."""
        with contextlib.suppress(ProcessLookupError, ServerGone):
            pid = self.known_pid(wait=False)
            if pid is not None:
                os.kill(pid, signal.SIGKILL)
                if self._parent is not None:
                    self._parent.wait_for_end(pid, FORKED_SERVER_END_S)
        if self._process is not None:
            self._process.wait()
        self._control.close()

    def wait_for_end(self, pid: int, timeout: float) -> None:
        """Wait up to `timeout` seconds for this server's report that `pid` ended."""
        deadline = time.monotonic() + timeout
        while pid not in self.ended and time.monotonic() < deadline:
            self.collect(max(deadline - time.monotonic(), 0.0))

    def _request(self, operation: bytes, fd: int, imports: str = "") -> int:
        self._requests += 1
        message = REQUEST.pack(operation, self._requests) + imports.encode()
        try:
            socket.send_fds(self._control, [message], [fd])
        except OSError as error:
            raise ServerGone(str(error)) from error
        return self._requests

    def _started_pid(self, number: int) -> int:
        while number not in self._started:
            self.collect(None)
        return self._started.pop(number)

    def _read_report(self) -> None:
        data = self._control.recv(REPORT.size)
        if len(data) != REPORT.size:
            raise ServerGone("the worker server ended")
        kind, first, second = REPORT.unpack(data)
        if kind == STARTED:
            self._started[first] = second
            self.ended.pop(second, None)  # a pid used again: the new process runs
        elif kind == EXITED:
            self.ended[first] = second


class ForkedProcess:
    """A process forked by a server: what the pool needs of a process handle."""

    def __init__(self, server: Server, pid: int) -> None:
        self.server = server
        self.pid = pid

    def is_alive(self) -> bool:
        return self.exitcode is None

    @property
    def exitcode(self) -> int | None:
        """The exit status (minus the signal's number for a death by signal); None while
        it runs."""
        with contextlib.suppress(ServerGone):
            self.server.collect(0)
        status = self.server.ended.get(self.pid)
        return None if status is None else os.waitstatus_to_exitcode(status)

    def join(self, timeout: float) -> None:
        with contextlib.suppress(ServerGone):
            self.server.wait_for_end(self.pid, timeout)

    def kill_group(self) -> None:
        """Kill the process and every process of its group (it leads one once started)."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet a group of its own
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if self.pid not in self.server.ended:
                    os.kill(self.pid, signal.SIGKILL)


class Servers:
    """The servers of one grading process by name, started on first need, ended with it."""

    def __init__(self) -> None:
        self._running: dict[str, Server] = {}
        self._owner = os.getpid()
        atexit.register(self.end)

    def get(self, name: str) -> Server:
        """The server `name` (one of NAMES), started now if it is not running."""
        if name not in NAMES:
            raise ValueError(f"no worker server named {name!r}")
        server = self._running.get(name)
        if server is None or not server.running():
            server = self._running[name] = self._start(name)
        return server

    def pids(self) -> dict[str, int | None]:
        """Each server's pid (waiting for a forked one's), None for one not started."""
        return {name: (self._running[name].known_pid() if name in self._running else None)
                for name in NAMES}

    def end(self) -> None:
        """Kill the servers as this process exits. Left to themselves they would exit when
        they saw it gone, tearing down an interpreter with torch loaded: a third of a second
        of a core, during which they slow whatever runs next. Their workers were ended
        before. A forked copy of this process leaves them alone."""
        if os.getpid() != self._owner:
            return
        for name in reversed(NAMES):  # the forked server before the one it came from
            server = self._running.pop(name, None)
            if server is not None:
                server.kill()

    def _start(self, name: str) -> Server:
        if name == "optimizer":
            return self.get("torch").fork_server(OPTIMIZER_PRELOAD)
        return _spawn(NUMPY_PRELOAD if name == "numpy" else TORCH_PRELOAD)


NAMES = ("numpy", "torch", "optimizer")


def _spawn(preload: tuple[str, ...]) -> Server:
    """A server in a fresh interpreter: started at once, its imports overlap with the
    grading process's own work; requests wait in its socket until they are done."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    with theirs:
        found = {"path": sys.path, "fd": theirs.fileno(), "preload": list(preload)}
        process = subprocess.Popen(
            [sys.executable, "-c", BOOT, json.dumps(found)], pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=environment.for_server(), start_new_session=True)
    return Server(ours, process)


# Process-wide, as the docstring says: what the grading process started, it ends.
_servers = Servers()


def start(names: Iterable[str]) -> None:
    """Start these servers now (the torch one first: its import is the longest), so their
    imports overlap with the caller's own work. The optimizer server is forked from the
    torch server: that one starts in its stead, the optimizer server when first asked for."""
    wanted = {"torch" if name == "optimizer" else name for name in names}
    for name in sorted(wanted, key=lambda name: name != "torch"):
        _servers.get(name)


def server(name: str) -> Server:
    """The server `name` ("numpy", "torch" or "optimizer"), started now if need be."""
    return _servers.get(name)


def pids() -> dict[str, int | None]:
    """Each server's pid, None for one not started (for tests and diagnostics)."""
    return _servers.pids()
