"""Confining a learner's worker before any learner code runs in it (Linux only, best effort).

A learner worker, right after it has read the learner's file and imported the trusted
callables, confines itself:
- a private mount namespace in which the instructor-only folders the pool names (the kata's
  solutions/, tests/, .git, .grader/, the grading output folder) are covered by empty
  read-only tmpfs mounts, so the reference and hidden tests cannot be read or imported;
- running as root: a drop to a sandbox uid and gid with no groups (each worker pool leases
  its own uid, so parallel grading jobs cannot signal or ptrace each other), so learner code
  can neither signal the grading process nor write root's files, and every process it leaves
  behind can be killed by uid when the pool ends its learner workers;
- not root: a user namespace gives the same mount masking where the kernel allows it;
- with the mount namespace: every mount read-only, and its own empty /tmp and /dev/shm
  (tmpfs, gone with the worker),
  and, where the kernel allows, its own network namespace holding no network ("net-ns");
- a PID namespace of its own with its own /proc ("pid-ns", see grader.workers.pidns), or as
  root where the kernel refuses one, a /proc showing only the sandbox uid's ("hidepid");
- always: no new privileges, no core files, files capped in size, address space capped.
The worker reports what applied ("mount-ns+net-ns+pid-ns+uid-drop", "mount-ns+net-ns",
"mount-ns", "uid-drop" or "none: <reason>"). GRADER_SANDBOX=off turns it all off;
GRADER_SANDBOX_HIDE names more folders to hide (separated by os.pathsep).

Why these system calls rather than bubblewrap: bwrap confines a program it executes, so
every worker would be a fresh Python importing numpy (and torch, about a second) again;
here the worker, forked warm from the preloading server, confines itself in place.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
from pathlib import Path

from grader.workers import pidns

SWITCH = "GRADER_SANDBOX"  # "off": learner code runs unconfined (for debugging)
EXTRA_HIDDEN = "GRADER_SANDBOX_HIDE"
# Sandbox uids, far above any account's: one per worker pool, leased while the pool lives.
UID_BASE = 1_900_000_000
UID_COUNT = 4096
FILE_SIZE_LIMIT = 64 * 1024 * 1024  # bytes a learner's process may write to one file
SCRATCH = "/tmp"  # a learner worker's private temporary folder (and HOME)
SCRATCH_SIZE = "256m"  # of each private tmpfs: /tmp and /dev/shm
# Processes and threads of one sandbox uid: stops a fork bomb, leaves room for torch's
# thread pools in each of a pool's workers.
PROCESS_LIMIT = max(1024, 32 * (os.cpu_count() or 1))

_CLONE_NEWNS, _CLONE_NEWUSER, _CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_BIND, _MS_REC, _MS_PRIVATE = 0x1000, 0x4000, 0x40000
_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE, _PR_SET_NO_NEW_PRIVS = 1, 4, 38
# mount_setattr(2): the same number on every Linux architecture (added in 5.12)
_SYS_MOUNT_SETATTR, _AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 1


def enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


def extra_hidden() -> tuple[Path, ...]:
    return tuple(Path(part) for part in os.environ.get(EXTRA_HIDDEN, "").split(os.pathsep)
                 if part.strip())


def is_confined(state: str) -> bool:
    """Whether a worker's report says the instructor's files were out of its reach."""
    return state.startswith("mount-ns")


# ----------------------------------------------------------------------------- in the worker


def confine(hidden: list[str], uid: int | None, *, off: bool = False,
            memory: int | None = None, submission: str | None = None) -> str:
    """Confine this process; returns what applied. Called once, before learner code runs.
    `off`: the grading process found GRADER_SANDBOX=off (the worker server's environment
    was fixed when it started, so the switch is read there, not here). `memory`: bytes of
    address space (None: no limit). `submission`: the folder holding the learner's
    exercises/, the only one of its siblings left in sight (None: the kata's own clone)."""
    if off:
        return f"none: turned off ({SWITCH}=off)"
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        for name in ("unshare", "mount", "prctl"):  # Linux's C library has all three
            getattr(libc, name)
    except (OSError, AttributeError) as error:
        return f"none: no Linux C library ({error})"
    if os.geteuid() == 0:
        applied, why = _confine_as_root(libc, hidden, uid, submission)
    else:
        applied, why = _confine_as_user(libc, hidden, submission)
    _limit_resources(dropped="uid-drop" in applied, memory=memory)
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    # A change of credentials clears the parent-death signal the worker asked for: again.
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() == 1:  # the worker server ended before the signal was asked for
        os._exit(1)
    if not applied:
        return f"none: {why}"
    return "+".join(applied) + (f" ({why})" if why else "")


def _confine_as_root(libc, hidden: list[str], uid: int | None,
                     submission: str | None) -> tuple[list[str], str]:
    """Root could unmount what hides the folders: masks count only with the change of user."""
    try:
        net = _unshare(libc, _CLONE_NEWNS)
        _mask(libc, hidden, submission)
        masked, why = True, ""
    except OSError as error:
        masked, net, why = False, False, f"no private mount namespace ({error})"
    if uid is None:
        return [], "no sandbox user id is free"
    try:
        if masked:  # in a private mount namespace, folders the worker needs can be opened
            _open_up(libc, _needed())
        procs = _own_processes(libc, root=True) if masked else ""
        _drop_to(libc, uid, _needed())
    except OSError as error:
        return [], "; ".join(filter(None, (why, f"cannot change user ({error})")))
    applied = [name for name, done in (("mount-ns", masked), ("net-ns", net),
                                       (procs, procs), ("uid-drop", True)) if done]
    return applied, why


def _own_processes(libc, root: bool) -> str:
    """A /proc that shows neither the grader's command line (every submission's path) nor
    its environment: a PID namespace of the worker's own ("pid-ns"); as root where the
    kernel refuses one, a /proc showing only the sandbox uid's processes ("hidepid")."""
    entered = pidns.enter(libc)
    if entered and pidns.own_proc(libc):
        return "pid-ns"
    if not entered and root and libc.mount(b"proc", b"/proc", b"proc",
                                           _MS_NOSUID | _MS_NODEV | _MS_NOEXEC,
                                           b"hidepid=2") == 0:
        return "hidepid"
    return ""


def _unshare(libc, flags: int) -> bool:
    """unshare with a network namespace if the kernel allows one; whether it did."""
    try:
        _call(libc.unshare, flags | _CLONE_NEWNET)
        return True
    except OSError:
        _call(libc.unshare, flags)
        return False


def _needed() -> list[str]:
    """What the worker reads after the drop: Python, site-packages, the grader package."""
    paths = [*sys.path, sys.prefix, sys.exec_prefix, sys.base_prefix,
             str(Path(__file__).resolve().parents[2])]
    return sorted({os.path.realpath(p) for p in paths if p and os.path.isdir(p)})


def _blocked(path: str) -> tuple[str, str] | None:
    """The first folder above `path` that others cannot enter, and its child on the way."""
    parts = Path(path).parts
    for depth in range(1, len(parts)):
        folder = os.path.join(*parts[:depth])
        if not os.stat(folder).st_mode & 0o001:
            return folder, parts[depth]
    return None


def _closed(path: str) -> bool:
    """Whether others cannot reach `path` or list and enter it."""
    return _blocked(path) is not None or os.stat(path).st_mode & 0o005 != 0o005


def _open_up(libc, needed: list[str]) -> None:
    """A folder others cannot enter (/root, where pyenv and conda often live) is covered,
    in this namespace only, by an open tmpfs holding just the needed children, each bound
    back from the real one: the rest of it stays out of reach."""
    for _ in range(8):  # one level of closed folders per round
        closed: dict[str, set[str]] = {}
        for path in needed:
            found = _blocked(path)
            if found:
                closed.setdefault(found[0], set()).add(found[1])
        if not closed:
            return
        for folder, children in closed.items():
            _cover_keeping(libc, folder, sorted(children))
    raise OSError("folders needed after the change of user stay closed")


def _cover_keeping(libc, folder: str, children: list[str]) -> None:
    fds = {child: os.open(os.path.join(folder, child), os.O_PATH) for child in children}
    try:
        _call(libc.mount, b"tmpfs", os.fsencode(folder), b"tmpfs", _MS_NOSUID | _MS_NODEV,
              b"size=64k,mode=0755")
        for child, fd in fds.items():
            target = os.path.join(folder, child)
            if os.path.isdir(f"/proc/self/fd/{fd}"):
                os.mkdir(target)
            else:
                Path(target).touch()
            _call(libc.mount, os.fsencode(f"/proc/self/fd/{fd}"), os.fsencode(target), None,
                  _MS_BIND | _MS_REC, None)
    finally:
        for fd in fds.values():
            os.close(fd)


def _confine_as_user(libc, hidden: list[str], submission: str | None) -> tuple[list[str], str]:
    """A user namespace owning a mount namespace; a second one nested in it locks the masks
    (mounts inherited from a more privileged namespace cannot be unmounted)."""
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)  # /proc/self must be ours to write the maps
    net, procs = False, ""
    try:
        for level in range(2):
            uid, gid = os.getuid(), os.getgid()
            if level == 0:
                net = _unshare(libc, _CLONE_NEWUSER | _CLONE_NEWNS)
            else:
                _call(libc.unshare, _CLONE_NEWUSER | _CLONE_NEWNS)
            _map_ids(uid, gid)
            if level == 0:
                _mask(libc, hidden, submission)
                procs = _own_processes(libc, root=False)
    except OSError as error:
        return [], f"the kernel refuses a user namespace ({error})"
    return ["mount-ns", *(["net-ns"] if net else []), *([procs] if procs else [])], ""


def _map_ids(uid: int, gid: int) -> None:
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
    Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")


def _mask(libc, hidden: list[str], submission: str | None) -> None:
    """Empty read-only tmpfs over each folder (/dev/null over a file). Mounts are made
    private first so that nothing done here reaches the grading process's namespace."""
    _call(libc.mount, b"none", b"/", None, _MS_REC | _MS_PRIVATE, None)
    flags = _MS_RDONLY | _MS_NOSUID | _MS_NODEV | _MS_NOEXEC
    for path in sorted({os.path.realpath(p) for p in hidden}, key=len):
        target = os.fsencode(path)
        if os.path.isdir(path):
            _call(libc.mount, b"tmpfs", target, b"tmpfs", flags, b"size=4k,mode=0555")
        elif os.path.exists(path):
            _call(libc.mount, b"/dev/null", target, None, _MS_BIND, None)
        # else: absent, or inside a folder masked already
    if submission is not None:
        _only_own_submission(libc, submission)
    _read_only(libc)
    # Private scratch space: what learner code leaves there goes when its worker ends.
    for scratch in (SCRATCH, "/dev/shm"):
        if os.path.isdir(scratch):
            _call(libc.mount, b"tmpfs", os.fsencode(scratch), b"tmpfs", _MS_NOSUID | _MS_NODEV,
                  f"size={SCRATCH_SIZE},mode=1777".encode())


def _read_only(libc) -> None:
    """Every mount read-only in this namespace (mount_setattr, recursive): without root
    learner code could otherwise write another submission's files, the kata or the grader's
    own modules. Only the private /tmp and /dev/shm mounted after this can be written."""
    attr = (ctypes.c_uint64 * 4)(_MOUNT_ATTR_RDONLY, 0, 0, 0)  # set, clear, propagation, userns
    # Best effort: a kernel before 5.12 lacks the call; the masks and, as root, the change
    # of user still keep the instructor's files out of reach there.
    libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, b"/", _AT_RECURSIVE, ctypes.byref(attr),
                 ctypes.sizeof(attr))


def _only_own_submission(libc, submission: str) -> None:
    """The folder holding the submission is covered by one holding only the submission and
    the way to what the worker needs: classmates' folders are out of sight."""
    own = os.path.realpath(submission)
    parent = os.path.dirname(own)
    if parent == own:
        return
    children = {os.path.basename(own)}
    for path in _needed():
        if path.startswith(parent + os.sep):
            children.add(path[len(parent) + 1:].split(os.sep)[0])
        elif path == parent or parent.startswith(path.rstrip(os.sep) + os.sep):
            return  # the submission sits inside the Python installation or the grader
    _cover_keeping(libc, parent, sorted(children))


def _drop_to(libc, uid: int, needed: list[str]) -> None:
    closed = [path for path in needed if _closed(path)]
    if closed:  # changing user would leave the worker unable to import anything
        raise OSError(f"{closed[0]} would be out of reach")
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    # A change of user makes /proc/self root's (numpy and torch read it): make it ours again.
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)


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
