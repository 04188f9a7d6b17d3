"""A worker server's own life: import numpy (and torch) once, then fork a process for each
request read from its control socket (grader.workers.servers is the grading process's side).

The control socket is a SOCK_SEQPACKET pair, so every request and report is one message.
A request is an operation, a number and, as SCM_RIGHTS, one descriptor:
- WORKER: fork a worker serving the channel whose end is passed (grader.workers.worker);
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
WORKER, SERVER, STARTED, EXITED = b"W", b"S", b"P", b"X"
REPORT = struct.Struct("!cii")  # kind, then (request number, pid) or (pid, wait status)
REQUEST = struct.Struct("!ci")  # operation, request number; a SERVER request's imports follow
LARGEST_REQUEST = 4096


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
            _answer(control, (wake_r, wake_w))


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


def _answer(control: socket.socket, wake: tuple[int, int]) -> None:
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
    pid = os.fork()
    if pid == 0:
        _child(operation, fds[0], imports, control, wake, server)
    os.close(fds[0])  # the child's now: only it and the grading process hold the channel
    _send(control, REPORT.pack(STARTED, number, pid))


def _child(operation: bytes, fd: int, imports: list[str], control: socket.socket,
           wake: tuple[int, int], server: int) -> NoReturn:
    """A forked child never returns into the server's loop, whatever happens in it."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for own in wake:
            os.close(own)
        control.close()
        die_with_parent(server)
        if operation == SERVER:
            serve(socket.socket(fileno=fd), imports)
        from grader.workers import worker

        worker.serve(socket.socket(fileno=fd))
        code = 0
    finally:
        os._exit(code)


def die_with_parent(parent: int) -> None:
    """A worker stuck in a learner's endless loop must not outlive a grading process that
    died: its server exits then (its control socket is closed), and Linux kills the worker
    with it. The forked optimizer server dies with the torch server alike."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: killing the process group still works
        pass
    if os.getppid() != parent:  # the server was already gone before the request took effect
        os._exit(1)


def _send(control: socket.socket, report: bytes) -> None:
    try:
        control.send(report)
    except OSError:  # the grading process is gone: the next read ends this server
        pass
