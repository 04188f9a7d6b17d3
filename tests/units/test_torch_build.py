"""The device probe is skipped only where the installed torch cannot see a GPU: its
version.py, read without importing torch, says it was built with neither CUDA nor ROCm."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from grader.workers import torch_build

CPU_BUILD = """\
from typing import Optional

__all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip', 'rocm', 'xpu']
__version__ = '2.13.0+cpu'
debug = False
cuda: Optional[str] = None
git_version = 'cf30153c4c131c8164ee7798e5022d810682e2cb'
hip: Optional[str] = None
"""


def test_a_cpu_build_cannot_see_a_gpu():
    assert torch_build.built_for_gpu(CPU_BUILD) is False


@pytest.mark.parametrize("line, replacement", [
    ("cuda: Optional[str] = None", "cuda: Optional[str] = '12.8'"),
    ("hip: Optional[str] = None", "hip: Optional[str] = '6.2.41133'"),
    ("cuda: Optional[str] = None", "cuda = '12.8'"),  # not annotated
])
def test_a_cuda_or_rocm_build_may(line, replacement):
    assert torch_build.built_for_gpu(CPU_BUILD.replace(line, replacement)) is True


@pytest.mark.parametrize("source", [
    CPU_BUILD.replace("hip: Optional[str] = None\n", ""),  # a field missing
    CPU_BUILD.replace("cuda: Optional[str] = None", "cuda = _read_cuda()"),  # not a constant
    "cuda = None\nhip = (",  # not Python
    "",
])
def test_where_unsure_the_probe_asks(source):
    assert torch_build.built_for_gpu(source) is True


def test_the_installed_torch_is_read_without_importing_it():
    import sys

    imported_before = "torch" in sys.modules
    spec = importlib.util.find_spec("torch")
    version = Path(next(iter(spec.submodule_search_locations))) / "version.py"
    expected = torch_build.built_for_gpu(version.read_text(encoding="utf-8"))
    assert torch_build.may_see_a_gpu() is expected
    assert ("torch" in sys.modules) is imported_before


def test_no_torch_installed_means_no_gpu(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert torch_build.may_see_a_gpu() is False
