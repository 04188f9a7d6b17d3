"""Looks for what a confined worker must not have, and leaves files in the shared folders;
returns what it found (a confined worker finds nothing, like the reference)."""

import glob
import os
import socket
from pathlib import Path


def breaches(port, marker, secret):
    found = []
    if any(secret in value for value in os.environ.values()):
        found.append("environment")
    for pid in ("self", str(os.getppid()), _grandparent()):
        try:
            if secret.encode() in Path(f"/proc/{pid}/environ").read_bytes():
                found.append(f"environ of {pid}")
        except OSError:
            pass
    found += _descriptors()
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        found.append("network")
    except OSError:
        pass
    if os.path.exists(marker):
        found.append("the machine's /tmp")
    own = os.path.realpath(os.getcwd())
    classmates = [path for path in glob.glob(os.path.join(own, "..", "*", "exercises", "*.py"))
                  if os.path.realpath(path).rsplit(os.sep, 2)[0] != own]
    if classmates:
        found.append("classmates")
    if any(b"pytest" in _read(f"/proc/{pid}/cmdline") for pid in os.listdir("/proc")
           if pid.isdigit()):
        found.append("command lines")
    for folder in (os.environ.get("TMPDIR", "/tmp"), "/dev/shm"):
        Path(folder, "escape-kata-leftover").write_bytes(b"x" * 4096)
    print("found:", ", ".join(found))
    return found


def _read(path):
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _grandparent():
    """The grading process: the worker server's parent."""
    try:
        status = Path(f"/proc/{os.getppid()}/status").read_text()
        return status.split("PPid:")[1].split()[0]
    except (OSError, IndexError):
        return "1"


def _descriptors():
    links = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            links.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    found = ["a pipe"] if any(link.startswith("pipe:") for link in links) else []
    if sum(link.startswith("socket:") for link in links) > 1:
        found.append("sockets")
    return found
