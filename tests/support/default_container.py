"""Run a command as a default Docker container would (Gradescope's, most CI images'): root,
without CAP_SYS_ADMIN, under a seccomp filter that refuses the namespace and mount calls.

    python -m tests.support.default_container -- grader grade subs/* --out out

Needs root and libseccomp. The filter answers unshare, setns, mount, pivot_root and their
kin with EPERM, and clone3 with ENOSYS (the C library then falls back to clone), as
Docker's default profile does for a process without CAP_SYS_ADMIN.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

REFUSED = ("unshare", "setns", "mount", "umount2", "pivot_root", "mount_setattr", "open_tree",
           "move_mount", "fsopen", "fsmount", "fsconfig", "fspick")
_ALLOW = 0x7FFF0000
_EPERM, _ENOSYS = 1, 38
_PR_CAPBSET_DROP, _CAP_SYS_ADMIN = 24, 21


def available() -> str:
    """"" where this process can make a default container; else why not."""
    if os.geteuid() != 0:
        return "needs root"
    if not (ctypes.util.find_library("seccomp") or os.path.exists("/usr/lib/libseccomp.so.2")):
        return "libseccomp is not installed"
    return ""


def _errno(code: int) -> int:
    return 0x00050000 | (code & 0xFFFF)  # SCMP_ACT_ERRNO(code)


def enter() -> None:
    """Put this process (and what it executes) under a default container's limits."""
    seccomp = ctypes.CDLL(ctypes.util.find_library("seccomp") or "libseccomp.so.2",
                          use_errno=True)
    seccomp.seccomp_init.restype = ctypes.c_void_p
    seccomp.seccomp_init.argtypes = [ctypes.c_uint32]
    seccomp.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                         ctypes.c_uint]
    seccomp.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    seccomp.seccomp_load.argtypes = [ctypes.c_void_p]
    context = seccomp.seccomp_init(_ALLOW)
    rules = [(name, _errno(_EPERM)) for name in REFUSED] + [("clone3", _errno(_ENOSYS))]
    for name, action in rules:
        number = seccomp.seccomp_syscall_resolve_name(name.encode())
        if number >= 0 and seccomp.seccomp_rule_add(context, action, number, 0) != 0:
            raise OSError(f"cannot refuse {name}")
    if seccomp.seccomp_load(context) != 0:
        raise OSError("seccomp_load failed")
    # What the command executes starts without CAP_SYS_ADMIN: gone from the bounding set.
    if ctypes.CDLL(None, use_errno=True).prctl(_PR_CAPBSET_DROP, _CAP_SYS_ADMIN, 0, 0, 0):
        raise OSError(ctypes.get_errno(), "cannot drop CAP_SYS_ADMIN")


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    why = available()
    if not arguments or why:
        print(why or __doc__, file=sys.stderr)
        return 2
    enter()
    os.execvp(arguments[0], arguments)
    return 2  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
