"""Checks whether it could signal the grading process, the worker server or another user's
worker. Signal 0 makes the kernel's permission check and delivers nothing, so the run goes
on either way; the answer is right only when every such signal was refused."""

import os
from pathlib import Path


def _status(pid):
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.split()
    return fields


def targets():
    mine = os.getuid()
    parent = os.getppid()
    try:
        found = {parent, int(_status(parent)["PPid"][0])}
    except OSError:  # /proc hides other processes: try the pids near the parent's (0: the
        # parent is outside this PID namespace, and kill(0) would mean the own group)
        return {pid for pid in range(max(parent - 300, 2), parent + 300)
                if not Path(f"/proc/{pid}").exists()} | ({parent} - {0})
    for entry in Path("/proc").iterdir():  # siblings: the reference worker, say
        try:
            status = _status(entry.name) if entry.name.isdigit() else None
        except OSError:
            continue
        if status and int(status["PPid"][0]) == parent and int(status["Uid"][0]) != mine:
            found.add(int(entry.name))
    return found


def secret(x):
    reached = []
    for pid in targets():
        try:
            os.kill(pid, 0)
            reached.append(pid)
        except OSError:
            pass
    return float(len(reached)) if reached else x * 7.25 + 3.0
