"""A worker server's own life: import numpy (and torch) once, then fork a process for each
request read from its control socket (grader.workers.servers is the grading process's side).

The control socket is a SOCK_SEQPACKET pair, so every request and report is one message.
A request is an operation, a number and, as SCM_RIGHTS, one descriptor:
- WORKER: fork a worker serving the channel whose end is passed (grader.workers.worker);
- WORKER_OWN_PIDS: the same, the worker born as process 1 of a PID namespace of its own
  where the kernel gives the server one (root), else as WORKER. A learner's worker
  otherwise makes that namespace itself, which takes a second fork of the whole
  interpreter, torch and all (grader.workers.pidns); the grading process asks for it
  where the submission's control group already caps what that fork's guard would;
- SERVER: fork another server from this one, listening on the control socket passed and
  importing the module names in the request (the optimizer server adds torch._dynamo to
  the torch server's imports without importing torch again).
Each fork is answered STARTED (the request's number, the pid); each child's end is
reported EXITED (its pid, its wait status), so the grading process learns how a worker
died although it is not the worker's parent. The server exits once the grading process
closes its end of the control socket.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import select
import signal
import socket
import struct
from typing import NoReturn

# Requests (grading process -> server) and reports (server -> grading process).
WORKER, WORKER_OWN_PIDS, SERVER, STARTED, EXITED = b"W", b"N", b"S", b"P", b"X"
REPORT = struct.Struct("!cii")  # kind, then (request number, pid) or (pid, wait status)
REQUEST = struct.Struct("!ci")  # operation, request number; a SERVER request's imports follow
LARGEST_REQUEST = 4096
_CLONE_NEWPID = 0x20000000


def main(control_fd: int, preload: list[str]) -> NoReturn:
    """The server started by the grading process (see servers.BOOT)."""
    # Its own session keeps a terminal's Ctrl-C away; ignoring SIGINT also keeps it away
    # from workers, which inherit it (the grading process ends them itself).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(socket.socket(fileno=control_fd), preload)


def serve(control: socket.socket, preload: list[str]) -> NoReturn:
    for name in preload:
        with contextlib.suppress(ImportError):  # a worker importing it reports it instead
            importlib.import_module(name)
    # What is loaded now is shared with every child until one writes to it. A collection
    # in a child (its guard's loop makes some) would visit every object numpy and torch
    # made, writing each one's header: tens of megabytes copied, per child. Frozen objects
    # are never visited.
    gc.freeze()
    pids = PidNamespaces.of_this_process()
    wake_r, wake_w = os.pipe()
    for fd in (wake_r, wake_w):
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wake_w)  # a child's end wakes the select below
    signal.signal(signal.SIGCHLD, _ignore)  # a handler, so that SIGCHLD reaches the fd
    while True:
        ready, _, _ = select.select([control.fileno(), wake_r], [], [])
        if wake_r in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(wake_r, 512)
            _report_ends(control)
        if control.fileno() in ready:
            _answer(control, (wake_r, wake_w), pids)


def _ignore(signum: int, frame: object) -> None:
    """SIGCHLD's handler: the wake-up descriptor does the work."""


def _report_ends(control: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(control, REPORT.pack(EXITED, pid, status))


def _answer(control: socket.socket, wake: tuple[int, int], pids: PidNamespaces | None) -> None:
    try:
        data, fds, _, _ = socket.recv_fds(control, LARGEST_REQUEST, 1)
    except ConnectionError:
        data, fds = b"", []
    if len(data) < REQUEST.size or len(fds) != 1:
        for fd in fds:
            os.close(fd)
        if not data:  # the grading process is gone, and this server with it
            os._exit(0)
        return
    operation, number = REQUEST.unpack_from(data)
    imports = data[REQUEST.size:].decode().split()
    server = os.getpid()
    apart = pids if operation == WORKER_OWN_PIDS and pids and pids.next_child_apart() else None
    try:
        pid = os.fork()
    finally:
        if apart is not None and os.getpid() == server:
            apart.next_child_here()  # else the next worker would join this one's namespace
    if pid == 0:
        _child(operation, fds[0], imports, control, wake, server, pids)
    os.close(fds[0])  # the child's now: only it and the grading process hold the channel
    _send(control, REPORT.pack(STARTED, number, pid))


def _child(operation: bytes, fd: int, imports: list[str], control: socket.socket,
           wake: tuple[int, int], server: int, pids: PidNamespaces | None) -> NoReturn:
    """A forked child never returns into the server's loop, whatever happens in it."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for own in wake:
            os.close(own)
        control.close()
        if pids is not None:
            pids.close()
        die_with_parent(server)
        if operation == SERVER:
            serve(socket.socket(fileno=fd), imports)
        from grader.workers import worker

        worker.serve(socket.socket(fileno=fd))
        code = 0
    finally:
        os._exit(code)


class PidNamespaces:
    """A server's means to have its next child born in a PID namespace of its own: the
    kernel makes a process 1 of unshare(CLONE_NEWPID)'s next child, and setns back to the
    server's own namespace makes its children after that ordinary again."""

    def __init__(self, libc, own: int) -> None:
        self._libc, self._own = libc, own

    @classmethod
    def of_this_process(cls) -> PidNamespaces | None:
        """None where the server may make none (not root, no Linux C library)."""
        if os.geteuid() != 0:
            return None
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return None
        # setns back must work before unshare may be tried (a filter could refuse it alone)
        try:
            if libc.setns(own, _CLONE_NEWPID) == 0 and libc.unshare:
                return cls(libc, own)
        except AttributeError:  # a C library without them
            pass
        os.close(own)
        return None

    def next_child_apart(self) -> bool:
        """The next fork's child in a new namespace; False where the kernel refuses one (a
        default container)."""
        return self._libc.unshare(_CLONE_NEWPID) == 0

    def close(self) -> None:
        """In a child: the server's namespace is none of its business."""
        os.close(self._own)

    def next_child_here(self) -> None:
        if self._libc.setns(self._own, _CLONE_NEWPID) != 0:
            os._exit(1)  # its children would join a worker's namespace: end, and be restarted


def die_with_parent(parent: int) -> None:
    """A worker stuck in a learner's endless loop must not outlive a grading process that
    died: its server exits then (its control socket is closed), and Linux kills the worker
    with it. The forked optimizer server dies with the torch server alike."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: killing the process group still works
        pass
    # 0: the parent is outside the PID namespace the server made for this worker; it cannot
    # be told from here, and need not be: a worker whose grading process is gone reads the
    # end of its channel before it runs anything
    if os.getppid() not in (parent, 0):  # the server was gone before the request took effect
        os._exit(1)


def _send(control: socket.socket, report: bytes) -> None:
    try:
        control.send(report)
    except OSError:  # the grading process is gone: the next read ends this server
        pass
