"""A learner worker's guard: a trusted parent that outlives nothing of the worker's, counts the
memory of everything it started, and, where the kernel allows, gives it a PID namespace.

Learner code must not read the grader's command line (it names every submission) nor its
environment, with or without root. Where its submission's control group caps its memory,
CPU and processes (root), its server made the worker process 1 of a namespace of its own
at its birth (grader.workers.fork_server.WORKER_OWN_PIDS): nothing is left to do here.
Elsewhere: a new PID namespace applies only to children, so the
worker forks once: the child, process 1 of the new namespace, goes on as the worker; when
process 1 ends, the kernel kills every process left in its namespace, so daemons learner
code started cannot outlive their worker. Where no PID namespace can be had (a default
container), the worker forks all the same.

The parent, the guard, runs no learner code (it forks before the change of user and only
waits): it adopts every orphan the worker leaves (a child subreaper), and every quarter of
a second it looks at the worker's descendants. Where a memory cap is set it adds up their
memory and the worker's, ending them all (exit MEMORY_EXIT) when together they pass it: a
per-process cap cannot see five children of a gigabyte each. It gives each descendant the
lowest CPU priority (nice 19), so 48 busy children weigh less than one process of the
submission graded beside them. A control group does both where the machine gives one
(grader.workers.resource_group), and there the worker has no guard. It ends as the worker
ended, so the grading process sees one process die as before.
"""

from __future__ import annotations

import os
import signal
import time

MEMORY_EXIT = 86  # the guard's exit status after ending the worker for its memory
LOWEST_PRIORITY = 19  # the nice value of whatever the worker forks
POLL_SECONDS = 0.25
_CLONE_NEWPID = 0x20000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 2, 4, 8
_PR_SET_CHILD_SUBREAPER = 36


def enter(libc, memory: int | None = None) -> bool:
    """In the child, the worker from now on: True when it is process 1 of a new PID
    namespace, False when the kernel refused one. The parent never returns: it guards."""
    if os.getpid() == 1:  # born process 1 of a namespace its server made for it (no guard)
        return True
    own = libc.unshare(_CLONE_NEWPID) == 0
    # /proc as the guard's PID namespace shows it: the worker mounts its own over /proc
    proc = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY)
    child = os.fork()
    if child == 0:
        os.close(proc)
        return own
    _guard(libc, child, memory, proc)
    return False  # not reached: _guard ends the process


def own_proc(libc) -> bool:
    """Mount a /proc of this namespace over /proc (the mount namespace is private)."""
    return libc.mount(b"proc", b"/proc", b"proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC,
                      None) == 0


def _guard(libc, child: int, memory: int | None, proc: int) -> None:
    """Hold nothing of the worker's (its channel must read as closed once the child is
    gone), adopt its orphans, watch its memory, wait for it, and end the same way."""
    os.closerange(0, proc)
    os.closerange(proc + 1, _fd_limit())
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    lowered: set[int] = set()
    while True:
        status = _ended(child)
        if status is not None:
            break
        others = _descendants(proc, child)
        _lower_priority(proc, others, lowered)
        if memory is not None and others and _tree_memory(proc, [child, *others]) > memory:
            _end_tree(proc, child)
            os._exit(MEMORY_EXIT)
        time.sleep(POLL_SECONDS)
    _end_tree(proc, os.getpid(), keep_self=True)  # adopted orphans: none outlives the worker
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _ended(child: int) -> int | None:
    """The worker's wait status once it ended (orphans that ended are reaped on the way)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # gone without a status: ended as a failure
            return 1 << 8
        except InterruptedError:
            continue
        if pid == 0:
            return None
        if pid == child:
            return status


def _read(proc: int, relative: str) -> str:
    """A file of /proc as the guard's namespace shows it (`proc`: that /proc, opened)."""
    fd = os.open(relative, os.O_RDONLY, dir_fd=proc)
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read().decode("ascii", "replace")
    finally:
        os.close(fd)


def _list(proc: int, relative: str) -> list[str]:
    fd = os.open(relative, os.O_RDONLY | os.O_DIRECTORY, dir_fd=proc)
    try:
        return os.listdir(fd)
    finally:
        os.close(fd)


def _descendants(proc: int, root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        try:
            children = [int(part) for part in _read(proc, f"{pid}/task/{pid}/children").split()]
        except (OSError, ValueError):
            children = []
        found += children
        todo += children
    return found


def _tree_memory(proc: int, pids: list[int]) -> int:
    """Bytes these processes hold: proportional set sizes, so pages a fork still shares
    with its parent count once. Read only when the worker has children (its own size alone
    is capped per process already)."""
    return sum(_pss(proc, pid) for pid in pids)


def _lower_priority(proc: int, pids: list[int], lowered: set[int]) -> None:
    """Nice 19 for every thread of these processes not lowered yet (nice is per thread)."""
    for pid in pids:
        try:
            threads = [int(name) for name in _list(proc, f"{pid}/task")]
        except (OSError, ValueError):
            continue
        for thread in threads:
            if thread in lowered:
                continue
            try:
                os.setpriority(os.PRIO_PROCESS, thread, LOWEST_PRIORITY)
            except OSError:  # ended meanwhile
                pass
            lowered.add(thread)


def _pss(proc: int, pid: int) -> int:
    try:
        for line in _read(proc, f"{pid}/smaps_rollup").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _end_tree(proc: int, root: int, keep_self: bool = False) -> None:
    targets = _descendants(proc, root) + ([] if keep_self else [root])
    for pid in targets:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    while True:  # reap what was killed
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break


def _fd_limit() -> int:
    try:
        return os.sysconf("SC_OPEN_MAX")
    except (OSError, ValueError):
        return 65536
