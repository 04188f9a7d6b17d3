"""Sandbox user ids, leased one per worker pool while it lives, and the end of every
process left running under one (see grader.workers.sandbox for the drop to that uid)."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

from grader.workers.sandbox import UID_BASE, UID_COUNT, enabled


class UidLease:
    """A sandbox uid no other live pool holds: an abstract socket named after it is the
    lock (the kernel frees the name when the holder exits, however it exits)."""

    def __init__(self) -> None:
        self.uid: int | None = None
        self._socket: socket.socket | None = None
        if os.geteuid() != 0 or not enabled():
            return
        start = os.getpid() % UID_COUNT  # different pools rarely probe the same names
        for step in range(UID_COUNT):
            uid = UID_BASE + (start + step) % UID_COUNT
            lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                lock.bind(f"\0grader-sandbox-uid-{uid}")
            except OSError:
                lock.close()
                continue
            self.uid, self._socket = uid, lock
            kill_uid(uid)  # left by a grading process that ended without closing its pool
            return

    def end_processes(self) -> None:
        """Kill every process of the leased uid: daemons that left their process group."""
        if self.uid is not None:
            kill_uid(self.uid)

    def release(self) -> None:
        self.end_processes()
        if self._socket is not None:
            self._socket.close()
        self.uid, self._socket = None, None


def kill_uid(uid: int) -> None:
    """Kill every process of `uid`. kill(-1) from a child running as `uid` reaches exactly
    that uid's processes; it reports success whenever any process exists at all, so what
    is left is looked for in /proc, and a process forking as fast as it can is caught in a
    later round."""
    for _ in range(50):
        if not processes_of(uid):
            return
        pid = os.fork()
        if pid == 0:
            try:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                for _ in range(3):
                    os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)


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
