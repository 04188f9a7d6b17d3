"""The allow-list view a learner worker runs in: a new root holding only what it needs.

In a private mount namespace the worker builds a root of its own on an empty tmpfs and
moves into it (pivot_root), so nothing of the disk is in sight unless it was put there:
- read-only, at the paths Python knows them by: the interpreter and the packages it
  imports (prefix, base prefix, every sys.path entry, wherever they live: /tmp, /opt, a
  home of mode 0700), the grader's own package, the system libraries numpy and torch load
  (/usr, /lib*), a few files of /etc the dynamic loader reads, and the learner's own
  staged submission;
- a private /tmp and /dev/shm (tmpfs, gone with the worker), a minimal /dev, and /proc;
- instructor-only folders that lie inside a bound folder all the same (a kata checked
  out under /usr, a venv inside the kata) covered again by empty read-only mounts.
The folders between / and each bound path are the skeleton's own (mode 0755), so a home
of mode 0700 above a venv no longer closes it to the sandbox user.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

# What of /etc the dynamic loader and the C library read (dlopen, time zones, user names).
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group",
             "nsswitch.conf", "hosts")
SYSTEM = ("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin")
# glibc's sysconf and OpenMP read the CPUs online from here; nothing else of /sys is needed
# on the CPU (a CUDA worker sees /sys whole: the driver reads it).
SYS_CPU = "/sys/devices/system/cpu"
DEVICES = ("null", "zero", "full", "random", "urandom")
SCRATCH_SIZE = "256m"  # of each private tmpfs: /tmp and /dev/shm

_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 0x20, 0x1000, 0x4000, 0x40000
_MNT_DETACH = 2
# mount_setattr(2): one number on every architecture (added in 5.12); pivot_root has none
# in glibc, so its number is the architecture's own.
_SYS_MOUNT_SETATTR, _AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 1
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "arm64": 41, "riscv64": 41, "ppc64le": 203,
                   "ppc64": 203, "s390x": 217, "i686": 217, "i386": 217, "armv7l": 218}
_STATVFS_FLAGS = ((os.ST_NOSUID, _MS_NOSUID), (os.ST_NODEV, _MS_NODEV),
                  (os.ST_NOEXEC, _MS_NOEXEC))


@dataclass(frozen=True)
class ViewPlan:
    """What a learner worker's root holds. `read_only`: paths as Python names them (symlinks
    along them are made again in the view, their targets bound); `hidden`: instructor-only
    paths, covered wherever a bound folder holds them; `submission`: the folder holding the
    learner's exercises/ (its siblings, classmates, are covered where a bound folder holds
    them); `cuda`: the GPU's device files and /sys are needed."""

    read_only: tuple[str, ...]
    hidden: tuple[str, ...] = ()
    submission: str | None = None
    cuda: bool = False
    own: tuple[str, ...] = ()  # of read_only, the learner's own folder


def plan_for(hidden: list[str], submission: str | None, learner_file: str | None,
             cuda: bool = False) -> ViewPlan:
    """The view of this worker: what its Python needs, and its own files. Folders that hold
    instructor-only paths or classmates (the kata root pytest puts on sys.path, say) are not
    bound whole: the grader package inside them is."""
    hidden_real = sorted({os.path.realpath(path) for path in hidden})
    own = submission or (os.path.dirname(learner_file) if learner_file else None)
    guarded = [*hidden_real,
               *([os.path.dirname(os.path.realpath(submission))] if submission else [])]
    wanted = {path: {path, os.path.realpath(path)} for path in [*python_paths(),
                                                               grader_package()]}
    kept = [path for path, names in wanted.items()
            if not any(_holds(name, guard) for name in names for guard in guarded)]
    if own:
        kept.append(own)
    extra = [SYS_CPU] + (["/sys", "/proc/driver/nvidia"] if cuda else [])
    system = [*SYSTEM, *(f"/etc/{name}" for name in ETC_FILES), *extra]
    return ViewPlan(tuple(sorted({p for p in [*system, *kept] if os.path.lexists(p)})),
                    tuple(hidden_real), submission, cuda, (own,) if own else ())


def python_paths() -> list[str]:
    """The interpreter's folders, and each folder on sys.path that some loaded module came
    from (site-packages, a PYTHONPATH folder numpy lives in), as Python names them; a
    folder on sys.path that only happens to be there (the working folder) is left out.
    Top-level modules say where a folder's packages are: their submodules lie below."""
    prefixes = [sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix,
                os.path.dirname(sys.executable)]
    origins = {os.path.dirname(file) for name, module in list(sys.modules.items())
               if "." not in name
               and isinstance(file := getattr(module, "__file__", None), str)}
    used = []
    for entry in (os.path.abspath(entry) for entry in sys.path if entry):
        names = {entry.rstrip(os.sep) + os.sep, os.path.realpath(entry).rstrip(os.sep) + os.sep}
        if any((origin + os.sep).startswith(name) for name in names for origin in origins):
            used.append(entry)
    return [path for path in [*prefixes, *used] if os.path.isdir(path)]


def grader_package() -> str:
    return str(Path(__file__).resolve().parents[1])


def _holds(folder: str, path: str) -> bool:
    """Whether `folder` is `path` or above it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


# ----------------------------------------------------------------------------- in the worker


def enter(libc, plan: ViewPlan) -> None:
    """Build the view and move into it; the old root is gone from this namespace. Needs a
    private mount namespace (and the right to mount in it). The working folder is kept."""
    cwd = os.getcwd()
    _call(libc.mount, b"none", b"/", None, _MS_REC | _MS_PRIVATE, None)
    places = _places(plan.read_only)
    fds = {real: os.open(real, os.O_PATH | os.O_CLOEXEC) for real in places.binds}
    proc = os.open("/proc", os.O_PATH | os.O_CLOEXEC)
    devices = {name: os.open(f"/dev/{name}", os.O_PATH | os.O_CLOEXEC)
               for name in _device_names(plan.cuda)}
    root = _mount_point()
    try:
        _call(libc.mount, b"tmpfs", root.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV,
              b"size=1m,mode=0755")
        _scratch(libc, root)
        _dev(libc, root, devices)
        for real in sorted(places.binds, key=len):  # a folder before what lies inside it
            if not places.inside_bound(real):
                _bind(libc, fds[real], root + real, read_only=True)
        for link, target in sorted(places.links.items()):
            if not places.inside_bound(link):
                _make_parents(root + link)
                if not os.path.lexists(root + link):
                    os.symlink(target, root + link)
        _cover(libc, root, plan, places)
        os.makedirs(root + "/proc", mode=0o555, exist_ok=True)
        _bind(libc, proc, root + "/proc", read_only=False)
    finally:
        for fd in [*fds.values(), proc, *devices.values()]:
            os.close(fd)
    _pivot(libc, root)
    _remount_read_only(libc, "/", recursive=False)
    os.chdir(cwd if os.path.isdir(cwd) else "/")


@dataclass
class _Places:
    binds: set[str]  # real folders and files to bind at the same path
    links: dict[str, str]  # symlink path -> its target, made again in the view

    def inside_bound(self, path: str) -> bool:
        return any(path != real and path.startswith(real.rstrip(os.sep) + os.sep)
                   for real in self.binds)


def _places(paths: tuple[str, ...]) -> _Places:
    """Each path as named: its real place is bound, and every symlink met on the way there
    (a venv's lib64, /lib on a merged /usr) is made again, so the name resolves in the view
    as it does outside."""
    places = _Places(set(), {})
    for path in paths:
        pending, seen = path, 0
        while seen < 40:  # a loop of symlinks ends here
            link = _first_link(pending)
            if link is None:
                places.binds.add(pending)
                break
            target = os.readlink(link)
            places.links[link] = target
            rest = pending[len(link):]
            pending = os.path.normpath(os.path.join(os.path.dirname(link), target)) + rest
            seen += 1
    return places


def _first_link(path: str) -> str | None:
    parts = Path(path).parts
    for depth in range(2, len(parts) + 1):
        prefix = os.path.join(*parts[:depth])
        if os.path.islink(prefix):
            return prefix
    return None


def _mount_point() -> str:
    """Where the new root is built: a folder every system has (its contents stay reachable
    through the descriptors opened before)."""
    for candidate in ("/tmp", "/mnt", "/dev/shm", "/run"):
        if os.path.isdir(candidate) and not os.path.islink(candidate):
            return candidate
    raise OSError("no folder to build the view in")


def _scratch(libc, root: str) -> None:
    for folder in ("/tmp", "/dev/shm"):
        os.makedirs(root + folder, mode=0o755, exist_ok=True)
        _call(libc.mount, b"tmpfs", (root + folder).encode(), b"tmpfs",
              _MS_NOSUID | _MS_NODEV, f"size={SCRATCH_SIZE},mode=1777".encode())


def _device_names(cuda: bool) -> list[str]:
    names = [name for name in DEVICES if os.path.exists(f"/dev/{name}")]
    if cuda:
        names += sorted(name for name in os.listdir("/dev") if name.startswith("nvidia"))
    return names


def _dev(libc, root: str, devices: dict[str, int]) -> None:
    """A /dev of device files bound one by one (null, random, ...), not the host's folder."""
    for name, fd in devices.items():
        target = f"{root}/dev/{name}"
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            os.makedirs(target, exist_ok=True)
        else:
            Path(target).touch()
        _call(libc.mount, f"/proc/self/fd/{fd}".encode(), target.encode(), None, _MS_BIND,
              None)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")


def _bind(libc, fd: int, target: str, *, read_only: bool) -> None:
    _make_parents(target)
    if os.path.isdir(f"/proc/self/fd/{fd}"):
        os.makedirs(target, exist_ok=True)
    elif not os.path.lexists(target):
        Path(target).touch()
    _call(libc.mount, f"/proc/self/fd/{fd}".encode(), target.encode(), None,
          _MS_BIND | _MS_REC, None)
    if read_only:
        _remount_read_only(libc, target, recursive=True)


def _make_parents(target: str) -> None:
    os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)


def _cover(libc, root: str, plan: ViewPlan, places: _Places) -> None:
    """Instructor-only paths, and the submission's classmates, that a bound folder holds."""
    bound = [real for real in places.binds if os.path.isdir(real)]
    for path in sorted(plan.hidden, key=len):
        if any(_holds(folder, path) for folder in bound) and os.path.lexists(root + path):
            if os.path.isdir(root + path):
                _call(libc.mount, b"tmpfs", (root + path).encode(), b"tmpfs",
                      _MS_RDONLY | _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, b"size=4k,mode=0555")
            else:
                _call(libc.mount, b"/dev/null", (root + path).encode(), None, _MS_BIND, None)
    if plan.submission is None:
        return
    own = os.path.realpath(plan.submission)
    parent = os.path.dirname(own)
    if any(folder != own and _holds(folder, parent) for folder in bound):
        _cover_keeping(libc, root + parent, [os.path.basename(own)])


def _cover_keeping(libc, folder: str, children: list[str]) -> None:
    """Cover `folder` with an empty tmpfs holding only `children`, each bound back."""
    fds = {child: os.open(os.path.join(folder, child), os.O_PATH) for child in children}
    try:
        _call(libc.mount, b"tmpfs", folder.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV,
              b"size=64k,mode=0755")
        for child, fd in fds.items():
            _bind(libc, fd, os.path.join(folder, child), read_only=True)
    finally:
        for fd in fds.values():
            os.close(fd)


def _pivot(libc, root: str) -> None:
    """Make `root` the root: pivot_root(".", ".") stacks the old root under the new one,
    and a lazy unmount takes it away."""
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise OSError(f"pivot_root: unknown system call number on {platform.machine()}")
    os.chdir(root)
    _call(libc.syscall, number, b".", b".")
    _call(libc.umount2, b".", _MNT_DETACH)
    os.chdir("/")


def _remount_read_only(libc, target: str, *, recursive: bool) -> None:
    """mount_setattr where the kernel has it (5.12 on); else a remount that keeps the
    flags a user namespace may not clear (nosuid, nodev, noexec)."""
    attr = (ctypes.c_uint64 * 4)(_MOUNT_ATTR_RDONLY, 0, 0, 0)  # set, clear, propagation, userns
    flags = _AT_RECURSIVE if recursive else 0
    if libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, target.encode(), flags,
                    ctypes.byref(attr), ctypes.sizeof(attr)) == 0:
        return
    kept = sum(bit for stat_bit, bit in _STATVFS_FLAGS if os.statvfs(target).f_flag & stat_bit)
    _call(libc.mount, b"none", target.encode(), None,
          _MS_REMOUNT | _MS_BIND | _MS_RDONLY | kept, None)


def _call(function, *args) -> None:
    if function(*args) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))
