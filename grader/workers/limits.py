"""What one submission's learner workers may spend, as the grading process counts it.

Every number here is measured by the grading process itself (its own clock, the worker's
memory peak read from /proc), never taken from a worker's reply.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

LOAD_TIME_LIMIT = 20.0  # seconds to load a file: covers a cold `import torch` on a slow disk

GIB = 1024 ** 3
MEMORY_LIMIT = 4 * GIB  # address space of one learner worker
TIMEOUTS_PER_FILE = 3  # after this many timed-out calls a file's worker is not restarted
# A file whose load took longer than this is not loaded again after a timeout: the rest of
# its calls are timed out instead of each paying the load once more.
RELOAD_LIMIT = 5.0
# A failed call whose worker's peak address space came within this share of the limit ran
# out of it: the allocation that failed was at most the rest (a kata's worker, torch
# included, stays far below).
MEMORY_MARGIN_SHARE = 0.25


@dataclass
class Budget:
    """Seconds of loads and calls one submission's learner workers have (None: unbounded);
    shared by the workers of one learner role and renewed when the role is closed."""

    seconds: float | None = None
    spent: float = 0.0

    def left(self) -> float | None:
        return None if self.seconds is None else max(self.seconds - self.spent, 0.0)

    def exhausted(self) -> bool:
        left = self.left()
        return left is not None and left <= 0.0

    def bound(self, timeout: float) -> float:
        """The wait a request may have: its own limit, or less when the budget ends first."""
        left = self.left()
        return timeout if left is None else min(timeout, left)


@dataclass(frozen=True)
class Restarts:
    """When a learner file's worker, gone after a timeout or a crash, is not started again:
    after `timeouts` timed-out calls (None: never for that reason), or when its load took
    more than `slow_load` seconds."""

    timeouts: int | None = TIMEOUTS_PER_FILE
    slow_load: float = RELOAD_LIMIT

    def refused(self, timeouts: int, load_seconds: float) -> bool:
        too_many = self.timeouts is not None and timeouts >= self.timeouts
        return too_many or load_seconds > self.slow_load


class Stopwatch:
    """Adds the time between start and stop to a budget (when there is one)."""

    def __init__(self, budget: Budget | None) -> None:
        self._budget = budget
        self._started = time.monotonic()

    def stop(self) -> float:
        elapsed = time.monotonic() - self._started
        if self._budget is not None:
            self._budget.spent += elapsed
        return elapsed


def peak_memory(pid: int) -> int | None:
    """The peak address space (VmPeak) of a live process in bytes; None when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        return [int(part) for part in
                Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def ran_out_of_memory(pid: int, limit: int | None) -> bool:
    """Whether the worker (or its process 1, in a PID namespace of its own: a child of the
    process the pool started) came near its address-space limit."""
    peaks = [peak for peak in map(peak_memory, [pid, *_children(pid)]) if peak is not None]
    peak = max(peaks, default=None)
    return limit is not None and peak is not None and peak >= limit * (1 - MEMORY_MARGIN_SHARE)
