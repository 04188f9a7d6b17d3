"""What a worker inherits from the grading process: its channel, 0/1/2, and few variables.

The worker server is started with only the variables Python, NumPy and torch need (a
process's first environment stays readable in /proc/self/environ whatever is changed later,
so the instructor's secrets must never reach the server at all); a learner's worker then
keeps even less, and every descriptor but its channel and 0/1/2 is closed at its start.
"""

from __future__ import annotations

import os

# Names, or prefixes ending in "_", the worker server may inherit.
SERVER_KEEPS = ("PATH", "LANG", "LC_", "TZ", "PYTHON", "LD_LIBRARY_PATH", "CUDA_",
                "NVIDIA_", "OMP_", "MKL_", "OPENBLAS_", "TORCH_", "GRADER_", "VIRTUAL_ENV")
# What a learner's worker keeps of those (HOME and TMPDIR are set to its private /tmp).
LEARNER_KEEPS = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONHASHSEED", "PYTHONPATH",
                 "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "OMP_NUM_THREADS",
                 "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "VIRTUAL_ENV")


def _kept(name: str, keeps: tuple[str, ...]) -> bool:
    return any(name == keep or (keep.endswith("_") and name.startswith(keep))
               or (keep == "PYTHON" and name.startswith("PYTHON")) for keep in keeps)


def for_server() -> dict[str, str]:
    """The variables a worker server is started with: only SERVER_KEEPS of this process's."""
    return {name: value for name, value in os.environ.items() if _kept(name, SERVER_KEEPS)}


def for_learner(scratch: str) -> None:
    """A learner worker's variables: the few it needs, its home and temporary folder private."""
    kept = {name: value for name, value in os.environ.items() if name in LEARNER_KEEPS}
    os.environ.clear()
    os.environ.update(kept, HOME=scratch, TMPDIR=scratch)
    import tempfile

    tempfile.tempdir = None  # chosen again from TMPDIR on next use


def close_inherited(keep: int) -> None:
    """Close every descriptor but 0, 1, 2 and `keep`."""
    os.closerange(3, keep)
    os.closerange(keep + 1, _highest_fd())


def _highest_fd() -> int:
    try:
        return max(int(name) for name in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        return os.sysconf("SC_OPEN_MAX")
