"""Confining a learner's worker before any learner code runs in it (Linux only).

A learner worker, right after it has read the learner's file and imported the trusted
callables, confines itself, in the strongest way the machine allows:
- with namespaces (root, or a user the kernel gives user namespaces): a private mount
  namespace holding an allow-list view of the disk (grader.workers.view: the interpreter
  and its packages read-only wherever they live, the grader's package, its own staged
  submission, a private /tmp, a minimal /dev; nothing else: no classmate, no other
  checkout, no output folder), its own IPC namespace (no SysV object outlives it or
  reaches another submission), where the kernel allows its own network namespace holding
  no network ("net-ns"), and its own PID namespace with its own /proc ("pid-ns", see
  grader.workers.pidns; as root where the kernel refuses one, a /proc showing only the
  sandbox uid's processes: "hidepid");
- running as root: a drop to a sandbox uid and gid with no groups (one per learner worker,
  see grader.workers.uid_lease), so learner code can neither signal the grading process
  nor write root's files, and what it leaves running can be killed by uid;
- where namespaces are refused (a default container: no CAP_SYS_ADMIN, unshare refused),
  the uid drop alone ("uid-drop"), with what its uid can read checked below;
- always: no new privileges, no core files, files capped in size, address space capped,
  and a probe, as the worker's final identity, that tries to read each instructor-only
  path: if it can, the state says so ("none: ... could read ...") and `grade` refuses.
The worker reports what applied ("mount-ns+net-ns+ipc-ns+pid-ns+uid-drop",
"mount-ns+net-ns+ipc-ns+pid-ns", "uid-drop (...)" or "none: <reason>"). GRADER_SANDBOX=off
turns it all off; GRADER_SANDBOX_HIDE names more paths to hide (separated by os.pathsep).

Why these system calls rather than bubblewrap: bwrap confines a program it executes, so
every worker would be a fresh Python importing numpy (and torch, about a second) again;
here the worker, forked warm from the preloading server, confines itself in place.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
from pathlib import Path

from grader.workers import pidns, view

SWITCH = "GRADER_SANDBOX"  # "off": learner code runs unconfined (for debugging)
EXTRA_HIDDEN = "GRADER_SANDBOX_HIDE"
# Sandbox uids, far above any account's: one per learner worker, leased while it lives.
UID_BASE = 1_900_000_000
UID_COUNT = 4096
FILE_SIZE_LIMIT = 64 * 1024 * 1024  # bytes a learner's process may write to one file
SCRATCH = "/tmp"  # a learner worker's private temporary folder (and HOME)
# Processes and threads of one sandbox uid (one worker and what it starts): stops a fork
# bomb, leaves room for torch's thread pools.
PROCESS_LIMIT = max(256, 8 * (os.cpu_count() or 1))

_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_CLONE_NEWNET, _CLONE_NEWIPC = 0x40000000, 0x08000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 2, 4, 8
_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE, _PR_SET_NO_NEW_PRIVS = 1, 4, 38


def enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


def extra_hidden() -> tuple[Path, ...]:
    return tuple(Path(part) for part in os.environ.get(EXTRA_HIDDEN, "").split(os.pathsep)
                 if part.strip())


def is_confined(state: str) -> bool:
    """Whether a worker's report says the instructor's files were out of its reach: in a
    view of its own, or under a uid that the probe found unable to read them."""
    return state.startswith(("mount-ns", "uid-drop"))


def own_processes_only(state: str) -> bool:
    """Whether a worker in this state may end every other process it can signal (all
    were started by it): process 1 of its own PID namespace, or the only process of its
    own sandbox uid."""
    applied = state.split(" ")[0].split("+")
    return "pid-ns" in applied or "uid-drop" in applied


# ----------------------------------------------------------------------------- in the worker


def confine(hidden: list[str], uid: int | None, *, off: bool = False,
            group: list[str] | None = None, memory: int | None = None,
            submission: str | None = None, learner_file: str | None = None,
            cuda: bool = False) -> str:
    """Confine this process; returns what applied. Called once, before learner code runs.
    `off`: the grading process found GRADER_SANDBOX=off (the worker server's environment
    was fixed when it started, so the switch is read there, not here). `group`: the files
    that move it into its submission's control group (ResourceGroup.join_files; none where
    the machine gives no group). `memory`: bytes of address space (None: no limit).
    `submission`: the folder holding the learner's exercises/ (None: the kata's own clone,
    where `learner_file`'s folder is the learner's)."""
    if off:
        return f"none: turned off ({SWITCH}=off)"
    try:
        join_group(group or [])
    except OSError as error:  # its submission's limits would not hold it
        return f"none: cannot join its control group ({error})"
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        for name in ("unshare", "mount", "prctl", "umount2", "syscall"):
            getattr(libc, name)
    except (OSError, AttributeError) as error:
        return f"none: no Linux C library ({error})"
    plan = view.plan_for(hidden, submission, learner_file, cuda)
    if os.geteuid() == 0:
        applied, why = _confine_as_root(libc, plan, uid, memory)
    else:
        applied, why = _confine_as_user(libc, plan, memory)
    _limit_resources(dropped="uid-drop" in applied, memory=memory)
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    # A change of credentials clears the parent-death signal the worker asked for: again.
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() == 1 and os.getpid() != 1:  # the server ended before the signal was set
        os._exit(1)
    if not applied:
        return f"none: {why}"
    readable = _readable(plan.hidden)
    if readable:
        return f"none: learner code could read {readable}"
    state = "+".join(applied) + (f" ({why})" if why else "")
    if own_processes_only(state):
        end_strays()  # left by an earlier worker of this uid whose grader was killed
    return state


def join_group(files: list[str]) -> None:
    """Move this process into its control group by writing "0" (itself) to each file; a
    `tasks` file moves the calling thread alone, so a process with threads writes to the
    group's cgroup.procs beside it instead."""
    single = len(os.listdir("/proc/self/task")) == 1
    for name in files:
        path = Path(name)
        if path.name == "tasks" and not single:
            path = path.with_name("cgroup.procs")
        fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        try:
            os.write(fd, b"0")
        finally:
            os.close(fd)


def end_strays() -> None:
    """Kill every process this worker can signal but itself: what learner code started.
    Only called where all of them are its own (own_processes_only); its children are
    reaped, so none stays a zombie of process 1."""
    try:
        os.kill(-1, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _confine_as_root(libc, plan: view.ViewPlan, uid: int | None,
                     memory: int | None) -> tuple[list[str], str]:
    """Root could unmount the view: it counts only with the change of user. Where the
    kernel (or a container's filter) refuses namespaces, the change of user alone."""
    if uid is None:
        return [], "no sandbox user id is free"
    try:
        spaces = _unshare(libc, _CLONE_NEWNS)
        in_view, why = True, ""
    except OSError as error:
        spaces, in_view = [], False
        why = f"no namespaces: {error.strerror or error}"
    if in_view:
        try:
            view.enter(libc, plan)
        except OSError as error:  # half a view: nothing graded here could be trusted
            return [], f"no view of its own ({error})"
    procs = ""
    try:
        # before the guard forks: a worker that cannot drop stays one (in a view, the
        # skeleton above each bound folder is open; without one, the disk's own modes count)
        _drop_check(_needed(plan))
        if in_view:
            procs = _own_processes(libc, root=True, memory=memory)
        else:
            pidns.enter(libc, memory)  # the guard alone: no PID namespace can be had here
        _drop_to(libc, uid)
    except OSError as error:
        return [], "; ".join(filter(None, (why, f"cannot change user ({error})")))
    if not in_view:
        return ["uid-drop"], why
    return [*spaces, *([procs] if procs else []), "uid-drop"], ""


def _own_processes(libc, root: bool, memory: int | None) -> str:
    """A /proc that shows neither the grader's command line (every submission's path) nor
    its environment: a PID namespace of the worker's own ("pid-ns"); as root where the
    kernel refuses one, a /proc showing only the sandbox uid's processes ("hidepid")."""
    entered = pidns.enter(libc, memory)
    if entered and pidns.own_proc(libc):
        return "pid-ns"
    if not entered and root and libc.mount(b"proc", b"/proc", b"proc",
                                           _MS_NOSUID | _MS_NODEV | _MS_NOEXEC,
                                           b"hidepid=2") == 0:
        return "hidepid"
    return ""


def _unshare(libc, flags: int) -> list[str]:
    """unshare with an IPC and a network namespace where the kernel allows them; the names
    of the namespaces made (a mount namespace always, or OSError)."""
    for extra, names in ((_CLONE_NEWNET | _CLONE_NEWIPC, ["net-ns", "ipc-ns"]),
                         (_CLONE_NEWIPC, ["ipc-ns"]), (0, [])):
        if libc.unshare(flags | extra) == 0:
            return ["mount-ns", *names]
    error = ctypes.get_errno()
    raise OSError(error, os.strerror(error))


def _needed(plan: view.ViewPlan) -> list[str]:
    """What Python imports from after the drop, where it really is (in the view or not).
    The learner's own folder was read before: it may stay closed."""
    return sorted({os.path.realpath(path) for path in plan.read_only if os.path.isdir(path)
                   and path not in plan.own and not path.startswith(("/sys", "/proc", "/etc"))})


def _closed(path: str) -> bool:
    """Whether others cannot reach `path` or list and enter it."""
    parts = Path(path).parts
    for depth in range(1, len(parts)):
        if not os.stat(os.path.join(*parts[:depth])).st_mode & 0o001:
            return True
    return os.stat(path).st_mode & 0o005 != 0o005


def _confine_as_user(libc, plan: view.ViewPlan, memory: int | None) -> tuple[list[str], str]:
    """A user namespace owning a mount namespace; a second one nested in it locks the view
    (mounts made in a more privileged namespace cannot be unmounted or moved)."""
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)  # /proc/self must be ours to write the maps
    spaces, procs = [], ""
    try:
        uid, gid = os.getuid(), os.getgid()
        spaces = _unshare(libc, _CLONE_NEWUSER | _CLONE_NEWNS)
        _map_ids(uid, gid)
        view.enter(libc, plan)
        procs = _own_processes(libc, root=False, memory=memory)
        _call(libc.unshare, _CLONE_NEWUSER | _CLONE_NEWNS)
        _map_ids(uid, gid)
    except OSError as error:
        if not spaces:
            return [], f"the kernel refuses a user namespace ({error})"
        return [], f"no view of its own ({error})"
    return [*spaces, *([procs] if procs else [])], ""


def _map_ids(uid: int, gid: int) -> None:
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
    Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")


def _drop_check(needed: list[str]) -> None:
    closed = [path for path in needed if _closed(path)]
    if closed:  # changing user would leave the worker unable to import anything
        raise OSError(f"{closed[0]} would be out of reach")


def _drop_to(libc, uid: int) -> None:
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    # A change of user makes /proc/self root's (numpy and torch read it): make it ours again.
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)


def _readable(hidden: tuple[str, ...]) -> str:
    """The first file under a hidden path (a few folders deep) this process can open, tried
    as the worker now is; "" when none."""
    for path in hidden:
        found = _first_readable(path, depth=3, budget=[200])
        if found:
            return found
    return ""


def _first_readable(path: str, depth: int, budget: list[int]) -> str:
    budget[0] -= 1
    if budget[0] < 0:
        return ""
    try:
        if not os.path.isdir(path):
            with open(path, "rb") as handle:
                handle.read(1)
            return path
        if depth == 0:
            return ""
        names = sorted(os.listdir(path))
    except OSError:
        return ""
    for name in names:
        found = _first_readable(os.path.join(path, name), depth - 1, budget)
        if found:
            return found
    return ""


def _limit_resources(dropped: bool, memory: int | None) -> None:
    """The address-space limit is the pool's (none for CUDA workers, which map far more
    than they use); the grading process tells a call that reached it by its peak."""
    wanted = [(resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT)]
    if memory is not None:
        wanted.append((resource.RLIMIT_AS, memory))
    if dropped:  # counted per user: only meaningful for a uid of the sandbox's own
        wanted.append((resource.RLIMIT_NPROC, PROCESS_LIMIT))
    for kind, value in wanted:
        _, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:
            resource.setrlimit(kind, (value, value))
        except (OSError, ValueError):  # a limit the system will not take: the others stand
            pass


def _call(function, *args) -> None:
    if function(*args) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))
