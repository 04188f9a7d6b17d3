"""Sandbox user ids, leased one per learner worker while it lives, and the end of whatever
is left under one: processes that left their worker's process group, and SysV IPC objects
(shared memory, message queues, semaphores) where the worker had no IPC namespace of its own.
See grader.workers.sandbox for the drop to that uid."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
from pathlib import Path

from grader.workers.sandbox import UID_BASE, UID_COUNT, enabled

_IPC_RMID = 0
# /proc/sysvipc/<kind>: the column of the id and of the owner's uid, and how to remove one.
_IPC_TABLES = {"shm": ("shmid", "shmctl"), "msg": ("msqid", "msgctl"), "sem": ("semid", "semctl")}


class UidLease:
    """A sandbox uid no other live worker holds: an abstract socket named after it is the
    lock (the kernel frees the name when the holder exits, however it exits)."""

    def __init__(self) -> None:
        self.uid: int | None = None
        self._socket: socket.socket | None = None
        if os.geteuid() != 0 or not enabled():
            return
        # different grading processes rarely probe the same names first
        start = (os.getpid() * 7919 + id(self)) % UID_COUNT
        for step in range(UID_COUNT):
            uid = UID_BASE + (start + step) % UID_COUNT
            lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                lock.bind(f"\0grader-sandbox-uid-{uid}")
            except OSError:
                lock.close()
                continue
            self.uid, self._socket = uid, lock
            return

    def release(self, *, contained: bool) -> None:
        """Give the uid back. `contained`: its worker had namespaces of its own (PID and
        IPC), so nothing of it outlives the worker and no search is needed."""
        if self.uid is not None and not contained:
            kill_uid(self.uid)
            as_user(self.uid, remove_ipc_of)  # only its owner, or CAP_SYS_ADMIN, may
        if self._socket is not None:
            self._socket.close()
        self.uid, self._socket = None, None


def as_user(uid: int, action) -> None:
    """Run `action(uid)` in a child process that has become `uid` (a container's root lacks
    the capability that would let it act on another user's objects)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            action(uid)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def kill_uid(uid: int) -> None:
    """Kill every process of `uid`. kill(-1) from a child running as `uid` reaches exactly
    that uid's processes; it reports success whenever any process exists at all, so what
    is left is looked for in /proc, and a process forking as fast as it can is caught in a
    later round."""
    for _ in range(50):
        if not processes_of(uid):
            return
        as_user(uid, _kill_all_processes)


def _kill_all_processes(uid: int) -> None:
    for _ in range(3):
        os.kill(-1, signal.SIGKILL)


def processes_of(uid: int) -> list[int]:
    """Live processes whose real, effective or saved uid is `uid` (zombies are dead)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(line.split(":", 1) for line in
                          Path(entry.path, "status").read_text().splitlines() if ":" in line)
        except OSError:  # ended meanwhile
            continue
        uids = {int(value) for value in fields.get("Uid", "").split()[:3]}
        if uid in uids and not fields.get("State", "").strip().startswith("Z"):
            found.append(int(entry.name))
    return found


def ipc_objects_of(uid: int) -> list[tuple[str, int]]:
    """(kind, id) of every SysV IPC object owned or created by `uid`, as /proc lists them."""
    found = []
    for kind, (id_column, _) in _IPC_TABLES.items():
        try:
            lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()
        except OSError:
            continue
        if not lines:
            continue
        header = lines[0].split()
        for line in lines[1:]:
            row = dict(zip(header, line.split()))
            if str(uid) in (row.get("uid"), row.get("cuid")):
                found.append((kind, int(row[id_column])))
    return found


def remove_ipc_of(uid: int) -> None:
    """Remove the SysV IPC objects `uid` left: a channel to the next submission otherwise."""
    libc = ctypes.CDLL(None, use_errno=True)
    for kind, number in ipc_objects_of(uid):
        control = getattr(libc, _IPC_TABLES[kind][1])
        if kind == "sem":
            control(number, 0, _IPC_RMID, None)
        else:
            control(number, _IPC_RMID, None)
