"""Load the kata's exercise and solution files by path (their names start with digits)."""

import importlib.util
import zlib
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_module(folder, stem):
    """Execute ROOT/folder/stem.py as a fresh module and return it."""
    path = ROOT / folder / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(f"kata_{folder}_{stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load():
    return load_module


@pytest.fixture
def rng(request):
    # A different but repeatable stream for every test (crc32: stable across runs).
    return np.random.default_rng(zlib.crc32(request.node.nodeid.encode()))
