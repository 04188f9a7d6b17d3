"""A learner worker's own PID namespace, with a /proc that shows only its processes.

Learner code must not read the grader's command line (it names every submission) nor its
environment, with or without root. A new PID namespace applies only to children, so the
worker forks once: the child, process 1 of the new namespace, goes on as the worker; the
parent only waits and ends as the child ended, so the grading process sees one process die
as before. When process 1 ends, the kernel kills every process left in its namespace:
daemons learner code started cannot outlive their worker.
"""

from __future__ import annotations

import os
import signal

_CLONE_NEWPID = 0x20000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 2, 4, 8


def enter(libc) -> bool:
    """In the child: True, now process 1 of a new namespace. False when the kernel refuses
    one (nothing changed). The parent never returns."""
    if libc.unshare(_CLONE_NEWPID) != 0:
        return False
    child = os.fork()
    if child == 0:
        return True
    _mirror(child)
    return False  # not reached: _mirror ends the process


def own_proc(libc) -> bool:
    """Mount a /proc of this namespace over /proc (the mount namespace is private)."""
    return libc.mount(b"proc", b"/proc", b"proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC,
                      None) == 0


def _mirror(child: int) -> None:
    """Hold nothing of the worker's (its channel must read as closed once the child is
    gone), wait for the child, and end the same way."""
    os.closerange(0, _fd_limit())
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(1)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _fd_limit() -> int:
    try:
        return os.sysconf("SC_OPEN_MAX")
    except (OSError, ValueError):
        return 65536
