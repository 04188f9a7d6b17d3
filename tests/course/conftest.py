"""Load the kata's files by path (their names start with digits): solutions and data from
the working tree, stubs as the repository holds them (a learner's solved or broken
exercises/ must not change what these tests see)."""

import importlib.util
import types
import zlib
from pathlib import Path

import numpy as np
import pytest

from grader.records.pristine import pristine_text

ROOT = Path(__file__).resolve().parents[2]


def load_module(folder, stem):
    """Execute ROOT/folder/stem.py as a fresh module and return it."""
    path = ROOT / folder / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(f"kata_{folder}_{stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pristine(relative):
    """Execute the repository's copy of ROOT/relative (exercises/NN_topic.py) as a module."""
    module = types.ModuleType("pristine_" + Path(relative).stem)
    module.__file__ = str(ROOT / relative)
    exec(compile(pristine_text(ROOT, relative), str(ROOT / relative), "exec"), vars(module))
    return module


@pytest.fixture(scope="session")
def load():
    return load_module


@pytest.fixture(scope="session")
def load_shipped():
    """load_shipped("exercises/demo.py") -> the module as the repository holds it."""
    return load_pristine


@pytest.fixture
def rng(request):
    # A different but repeatable stream for every test (crc32: stable across runs).
    return np.random.default_rng(zlib.crc32(request.node.nodeid.encode()))
