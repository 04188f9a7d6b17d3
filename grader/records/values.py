"""Plain records for values that cross between the grading process and its workers.

They sit at the bottom of the import graph: the comparison imports them, and the grading
process holds tensors as `TensorData` so it never has to import torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class TensorData:
    """A torch tensor described by its values (on the host) and its attributes."""

    array: np.ndarray
    dtype: str  # torch dtype name without "torch.", e.g. "float32"
    device: str  # "cpu" or "cuda:0" ...
    requires_grad: bool = False
    grad: TensorData | None = None

    @property
    def device_type(self) -> str:
        return self.device.split(":", 1)[0]

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.array.shape)


@dataclass(frozen=True)
class Rejected:
    """A value a worker refused to send as data (a subclass, a custom object, a pickle...)."""

    type_name: str


@dataclass(frozen=True)
class FnRef:
    """A trusted callable named in hidden_tests/callables.py, built in the worker from params."""

    name: str
    params: dict = field(default_factory=dict)

    def __hash__(self) -> int:  # params is a dict; hash by name so FnRefs can sit in sets
        return hash(self.name)


def all_finite(value: object) -> bool:
    """No NaN or infinity anywhere in `value` (numbers, arrays, tensors, and the tuples,
    lists and dicts that hold them): a value the comparison can ever call correct."""
    if isinstance(value, TensorData):
        value = value.array
    if isinstance(value, (tuple, list)):
        return all(all_finite(item) for item in value)
    if isinstance(value, dict):
        return all(all_finite(item) for item in value.values())
    if isinstance(value, (float, complex, np.ndarray, np.number)):
        array = np.asarray(value)
        return array.dtype.kind not in "fc" or bool(np.isfinite(array).all())
    return True
