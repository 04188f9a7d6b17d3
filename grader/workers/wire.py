"""The wire format between the grading process and its workers: tagged JSON, never pickle.

Only plain data crosses: None, bool, int, float, str, tuples, lists, dicts with str keys,
numeric NumPy arrays and scalars, torch tensors (as bytes plus attributes) and, from the
grading process to a worker only, references to trusted callables. Types are checked with
`type(x) is ...`, so subclasses and custom objects (a float subclass with a lying `__eq__`,
an ndarray subclass, a pickle) arrive as `Rejected` instead of being trusted.

torch is imported only where a tensor must be built; encoding recognises tensors only if
torch is already in sys.modules (a NumPy-only run never imports it).
"""

from __future__ import annotations

import base64
import json
import math
import sys
from typing import Any, Callable

import numpy as np

from grader.records.values import FnRef, Rejected, TensorData

# A message larger than this is refused: a learner cannot make the grading process hold
# gigabytes. 64 MiB is far above any kata input or result.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64  # deeper nesting is no kata value; refusing it avoids recursion errors

_NUMERIC_KINDS = "biufc"
_NUMPY_SCALARS = frozenset(
    np.dtype(code).type for code in np.typecodes["AllInteger"] + np.typecodes["AllFloat"] + "?"
)
WIRE_TENSOR_DTYPES = frozenset(
    ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64",
     "complex64", "complex128"]
)


class WireError(Exception):
    """A message that is not valid wire data (malformed, or over the size limit)."""


def type_name(value: Any) -> str:
    kind = type(value)
    try:
        name = f"{kind.__module__}.{kind.__qualname__}"
    except Exception:  # a hostile metaclass may raise here; the type stays unnamed
        name = "<unnamed type>"
    return str(name)[:200]


def dumps(tree: Any) -> bytes:
    """Serialise an already encoded tree; WireError if it exceeds MAX_MESSAGE_BYTES."""
    data = json.dumps(tree, allow_nan=False, separators=(",", ":")).encode()
    if len(data) > MAX_MESSAGE_BYTES:
        raise WireError(f"message of {len(data)} bytes exceeds {MAX_MESSAGE_BYTES}")
    return data


def loads(data: bytes) -> Any:
    if len(data) > MAX_MESSAGE_BYTES:
        raise WireError(f"message of {len(data)} bytes exceeds {MAX_MESSAGE_BYTES}")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise WireError(f"not a JSON message: {error}") from None


# ----------------------------------------------------------------------------- encoding


def encode(value: Any, depth: int = 0) -> Any:
    """Turn a value into a JSON-able tree; anything not plainly data becomes `$rejected`."""
    if depth > MAX_DEPTH:
        return {"$rejected": "a value nested too deeply"}
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return _encode_float(value)
    if kind is tuple:
        return {"$tuple": [encode(item, depth + 1) for item in value]}
    if kind is list:
        return [encode(item, depth + 1) for item in value]
    if kind is dict:
        return _encode_dict(value, depth)
    if kind is np.ndarray or kind in _NUMPY_SCALARS:
        return _encode_numpy(value)
    return _encode_other(value, depth)


def _encode_float(value: float) -> Any:
    if math.isfinite(value):
        return value
    return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}


def _encode_dict(value: dict, depth: int) -> Any:
    if not all(type(key) is str for key in value):
        return {"$rejected": "builtins.dict with non-str keys"}
    return {"$dict": {key: encode(item, depth + 1) for key, item in value.items()}}


def _encode_numpy(value: Any) -> Any:
    array = np.asarray(value)
    dtype = array.dtype
    if dtype.kind not in _NUMERIC_KINDS or dtype.fields is not None:
        return {"$rejected": f"numpy.ndarray of dtype {dtype}"}
    array = array.astype(dtype.newbyteorder("="), order="C", copy=False)  # keeps 0-dim shape
    return {"$ndarray": {
        "dtype": dtype.name, "shape": list(array.shape),
        "data": base64.b64encode(array.tobytes()).decode("ascii"),
        "scalar": type(value) is not np.ndarray,
    }}


def _encode_other(value: Any, depth: int) -> Any:
    if type(value) is TensorData:
        return _encode_tensor_data(value, depth)
    if type(value) is FnRef:
        return {"$fn": value.name, "params": encode(dict(value.params), depth + 1)}
    if type(value) is Rejected:
        return {"$rejected": value.type_name}
    torch = sys.modules.get("torch")
    if torch is not None and type(value) is torch.Tensor:
        return _encode_torch(value, depth)
    return {"$rejected": type_name(value)}


def _encode_tensor_data(value: TensorData, depth: int) -> Any:
    inner = _encode_numpy(np.asarray(value.array))["$ndarray"]
    grad = None if value.grad is None else encode(value.grad, depth + 1)
    return {"$tensor": {
        "dtype": value.dtype, "shape": inner["shape"], "data": inner["data"],
        "device": value.device, "requires_grad": bool(value.requires_grad), "grad": grad,
    }}


def _encode_torch(tensor: Any, depth: int) -> Any:
    import torch

    dtype = str(tensor.dtype).removeprefix("torch.")
    if dtype not in WIRE_TENSOR_DTYPES or tensor.layout is not torch.strided:
        return {"$rejected": f"torch.Tensor of dtype {dtype}, layout {tensor.layout}"}
    if tensor.device.type not in ("cpu", "cuda"):
        return {"$rejected": f"torch.Tensor on device {tensor.device}"}
    host = tensor.detach().resolve_conj().resolve_neg().to("cpu").contiguous().numpy()
    grad = None
    if tensor.is_leaf and tensor.grad is not None:  # .grad of a non-leaf is never populated
        grad = encode(tensor.grad, depth + 1)
    inner = _encode_numpy(host)["$ndarray"]
    return {"$tensor": {
        "dtype": dtype, "shape": inner["shape"], "data": inner["data"],
        "device": str(tensor.device), "requires_grad": bool(tensor.requires_grad), "grad": grad,
    }}


# ----------------------------------------------------------------------------- decoding

FnResolver = Callable[[str, dict], Any]


def decode(tree: Any, *, resolve_fn: FnResolver | None = None, torch_device: str | None = None,
           depth: int = 0) -> Any:
    """Rebuild values from a tree.

    In the grading process tensors become `TensorData` and `$fn` becomes `FnRef`. In a worker
    `torch_device` is set, so tensors are built with torch on that device, and `resolve_fn`
    turns a `$fn` into the trusted callable.
    """
    if depth > MAX_DEPTH:
        raise WireError("message nested too deeply")
    if tree is None or type(tree) in (bool, int, str, float):
        return tree
    again: dict[str, Any] = dict(resolve_fn=resolve_fn, torch_device=torch_device,
                                 depth=depth + 1)
    if type(tree) is list:
        return [decode(item, **again) for item in tree]
    if type(tree) is not dict or len(tree) not in (1, 2):
        raise WireError(f"unexpected {type(tree).__name__} in message")
    return _decode_tagged(tree, again)


def _decode_tagged(tree: dict, again: dict) -> Any:
    tag = next(iter(tree))
    body = tree[tag]
    if tag == "$float" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "$tuple" and type(body) is list:
        return tuple(decode(item, **again) for item in body)
    if tag == "$dict" and type(body) is dict:
        return {str(key): decode(item, **again) for key, item in body.items()}
    if tag == "$ndarray" and type(body) is dict:
        array = _array(body, body.get("dtype"))
        return array[()] if body.get("scalar") is True else array
    if tag == "$tensor" and type(body) is dict:
        return _decode_tensor(body, again)
    if tag == "$fn" and type(body) is str:
        params = decode(tree.get("params", {"$dict": {}}), **again)
        resolve = again["resolve_fn"]
        return FnRef(body, params) if resolve is None else resolve(body, params)
    if tag == "$rejected" and type(body) is str:
        return Rejected(body[:200])
    raise WireError(f"unknown tag {tag!r} in message")


def _array(body: dict, dtype_name: Any) -> np.ndarray:
    shape = body.get("shape")
    if type(dtype_name) is not str or type(shape) is not list:
        raise WireError("array without dtype or shape")
    try:
        dtype = np.dtype(dtype_name)
        raw = base64.b64decode(body.get("data", ""), validate=True)
    except (TypeError, ValueError):
        raise WireError(f"bad array data of dtype {dtype_name!r}") from None
    if dtype.kind not in _NUMERIC_KINDS or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError(f"array of dtype {dtype_name!r} and shape {shape!r} refused")
    if len(raw) != dtype.itemsize * math.prod(shape):
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _decode_tensor(body: dict, again: dict) -> Any:
    dtype = body.get("dtype")
    if dtype not in WIRE_TENSOR_DTYPES or type(body.get("device")) is not str:
        raise WireError(f"tensor of dtype {dtype!r} refused")
    array = _array(body, dtype)
    grad = body.get("grad")
    grad = None if grad is None else decode(grad, **again)
    requires_grad = body.get("requires_grad") is True
    device = again["torch_device"]
    if device is None:
        if grad is not None and type(grad) is not TensorData:
            raise WireError("tensor with a gradient that is not a tensor")
        return TensorData(array, dtype, body["device"], requires_grad, grad)
    return _torch_tensor(array, device, requires_grad, grad)


def _torch_tensor(array: np.ndarray, device: str, requires_grad: bool, grad: Any) -> Any:
    import torch

    tensor = torch.from_numpy(array).to(device)
    if requires_grad:
        tensor.requires_grad_(True)
    if grad is not None:
        tensor.grad = grad
    return tensor
