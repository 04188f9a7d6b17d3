"""Seeds: one run seed, per-test and per-call seeds derived from it, and seeding a process.

Derived seeds depend only on (run seed, test id, call index), so `--seed N` reproduces every
input and every call, and the learner and the reference see the same random state.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import sys

import numpy as np

SEED_BITS = 32  # NumPy's legacy global seed accepts 32 bits; keep every derived seed in range


def new_run_seed() -> int:
    """A fresh seed for a run; printed in every report so the run can be repeated."""
    return secrets.randbelow(10**6)


def derive_seed(run_seed: int, test_id: str, call_index: int = 0) -> int:
    text = f"{run_seed}\x00{test_id}\x00{call_index}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:4], "little")


def test_rng(run_seed: int, test_id: str) -> np.random.Generator:
    """The generator a hidden test draws its inputs from."""
    return np.random.default_rng(derive_seed(run_seed, test_id, -1))


def seed_everything(seed: int) -> None:
    """Seed Python's random, NumPy's global generator and torch (every device) alike.

    torch is seeded only if it is already imported: a NumPy-only worker never loads it.
    """
    random.seed(seed)
    np.random.seed(seed % 2**SEED_BITS)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)  # seeds the CPU and every CUDA device
