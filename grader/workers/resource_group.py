"""One submission's share of the machine: a control group holding all its learner processes.

Per process limits (address space, processes of a uid) cannot stop a submission whose many
processes together take the CPUs or the memory from the submission graded beside it. A
control group counts them together: an equal CPU weight for each submission however many
processes it runs, one memory cap for all of them, one cap on their number. Version 2
(one hierarchy, GitHub's runners and most current systems) and version 1 (a hierarchy per
controller) are both used where root may write them; where neither can be had (a default
container mounts them read-only, an ordinary user owns none) `ResourceGroup.create`
returns None and the per-process limits and the per-worker uid (grader.workers.sandbox)
hold alone.
"""

from __future__ import annotations

import itertools
import os
import signal
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
PARENT = "descent-kata-grading"  # every group of every grading process lives under it
# Each submission's group weighs as much as one busy process per CPU, however many
# processes it runs: submissions share the machine equally. Their parent weighs as much
# too, so grading is not starved by other work on the machine (a group of the default
# weight counts as a single process there, however many submissions it holds).
CPUS = os.cpu_count() or 1
CPU_WEIGHT_V2 = min(100 * CPUS, 10_000)
CPU_SHARES_V1 = 1024 * CPUS
_serial = itertools.count()


@dataclass
class ResourceGroup:
    """The folders of one group: one in version 2, one per controller in version 1."""

    folders: tuple[Path, ...]
    version: int
    oom_kills_seen: int = 0

    @classmethod
    def create(cls, memory: int | None, processes: int) -> ResourceGroup | None:
        """A new group with these caps, or None where the machine gives none to this process."""
        if os.geteuid() != 0:
            return None
        name = f"{os.getpid()}-{next(_serial)}"
        for make in (_make_v2, _make_v1):
            try:
                group = make(name, memory, processes)
            except OSError:
                continue
            if group is not None:
                return group
        return None

    def join_files(self) -> tuple[str, ...]:
        """What a worker writes "0" to, to move itself (and what it starts from then on)
        into the group, before it runs learner code (grader.workers.sandbox.join_group).
        Each write to cgroup.procs waits for the kernel's global lock, a grace period of
        about 10 ms; a single-threaded process moving itself through version 1's `tasks`
        does not take it. Version 2 has no such file for a group that is not threaded."""
        if self.version == 2:
            return (str(self.folders[0] / "cgroup.procs"),)
        return tuple(str(folder / "tasks") for folder in self.folders)

    def pids(self) -> list[int]:
        try:
            text = (self.folders[0] / "cgroup.procs").read_text()
        except OSError:
            return []
        return [int(line) for line in text.split()]

    def oom_kills(self) -> int:
        """Processes the kernel killed for the group's memory cap, since it was made (read
        after every call of the submission's: a few system calls, no more)."""
        if self.version == 2:
            return int(_fields(self.folders[0] / "memory.events").get("oom_kill", 0))
        memory = self.folders[1]  # _make_v1's order: cpu, memory, pids
        return int(_fields(memory / "memory.oom_control").get("oom_kill", 0))

    def ran_out_of_memory(self) -> bool:
        """Whether the memory cap killed a process since this was last asked."""
        kills = self.oom_kills()
        fresh, self.oom_kills_seen = kills > self.oom_kills_seen, kills
        return fresh

    def kill_all(self) -> None:
        """Kill every process in the group, forked however, wherever its session."""
        if self.version == 2 and (self.folders[0] / "cgroup.kill").exists():
            try:
                (self.folders[0] / "cgroup.kill").write_text("1")
            except OSError:
                pass
        for _ in range(50):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    def remove(self) -> bool:
        """Kill what is left in the group and remove it; False while a killed process is
        not yet reaped (it still counts as a member): call again later."""
        self.kill_all()
        removed = True
        for folder in self.folders:
            try:
                folder.rmdir()
            except FileNotFoundError:
                pass
            except OSError:
                removed = False
        return removed


def _make_v2(name: str, memory: int | None, processes: int) -> ResourceGroup | None:
    if not (CGROUP_ROOT / "cgroup.controllers").exists():
        return None
    parent = CGROUP_ROOT / PARENT
    parent.mkdir(exist_ok=True)
    wanted = {"cpu", "memory", "pids"}
    if not wanted <= set((CGROUP_ROOT / "cgroup.subtree_control").read_text().split()):
        return None
    (parent / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in sorted(wanted)))
    # The groups below share what their parent gets beside the machine's other work: a
    # parent of the default weight would count as a single process there.
    (parent / "cpu.weight").write_text(str(CPU_WEIGHT_V2))
    _remove_stale(parent)
    folder = parent / name
    folder.mkdir()
    group = ResourceGroup((folder,), 2)
    try:
        (folder / "cpu.weight").write_text(str(CPU_WEIGHT_V2))
        (folder / "pids.max").write_text(str(processes))
        if memory is not None:
            (folder / "memory.max").write_text(str(memory))
            if (folder / "memory.swap.max").exists():  # the cap is not escaped into swap
                (folder / "memory.swap.max").write_text("0")
    except OSError:
        group.remove()
        raise
    return group


def _make_v1(name: str, memory: int | None, processes: int) -> ResourceGroup | None:
    controllers = {kind: CGROUP_ROOT / kind for kind in ("cpu", "memory", "pids")}
    if not all((path / "cgroup.procs").exists() for path in controllers.values()):
        return None
    folders = []
    try:
        for path in controllers.values():
            parent = path / PARENT
            parent.mkdir(exist_ok=True)
            _remove_stale(parent)
            (parent / name).mkdir()
            folders.append(parent / name)
        group = ResourceGroup(tuple(folders), 1)
        cpu, mem, pids = folders
        (cpu.parent / "cpu.shares").write_text(str(CPU_SHARES_V1))  # see _make_v2
        (cpu / "cpu.shares").write_text(str(CPU_SHARES_V1))
        (pids / "pids.max").write_text(str(processes))
        if memory is not None:
            (mem / "memory.limit_in_bytes").write_text(str(memory))
    except OSError:
        ResourceGroup(tuple(folders), 1).remove()
        raise
    return group


def _remove_stale(parent: Path) -> None:
    """Groups a grading process that no longer runs left behind (killed before its end)."""
    for folder in parent.iterdir():
        owner = folder.name.split("-")[0]
        if folder.is_dir() and owner.isdigit() and not Path(f"/proc/{owner}").exists():
            try:
                folder.rmdir()
            except OSError:
                pass


def _fields(path: Path) -> dict[str, str]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return {}
    try:
        lines = os.read(fd, 65536).decode().splitlines()
    except OSError:
        return {}
    finally:
        os.close(fd)
    return dict(line.split(None, 1) for line in lines if " " in line)
