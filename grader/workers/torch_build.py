"""What the installed torch was built for, read from its torch/version.py without importing it.

A torch built without CUDA (or ROCm, which serves the same torch.cuda calls) can never see a
GPU, so the device probe, which waits for a worker server to import torch, is not needed:
the grading process goes on with the NumPy exercises meanwhile.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

GPU_FIELDS = ("cuda", "hip")  # torch.version fields naming the GPU toolkit torch was built with


def may_see_a_gpu() -> bool:
    """False only where the installed torch certainly cannot use a GPU: it is absent, or its
    version.py says it was built without CUDA and ROCm. True where unsure (the probe asks)."""
    try:
        spec = importlib.util.find_spec("torch")
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    version = Path(next(iter(spec.submodule_search_locations))) / "version.py"
    try:
        return built_for_gpu(version.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return True


def built_for_gpu(version_source: str) -> bool:
    """From the text of torch/version.py: False where it names no CUDA and no ROCm version;
    True where it names one, or where it cannot be read as the known layout."""
    try:
        fields = _constants(version_source)
    except (SyntaxError, ValueError):
        return True
    if not all(name in fields for name in GPU_FIELDS):
        return True
    return any(fields[name] is not None for name in GPU_FIELDS)


def _constants(source: str) -> dict:
    """Module-level `name = constant` (annotated or not) of a Python source."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
            found[target.id] = value.value
    return found
