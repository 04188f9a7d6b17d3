"""The wire format: plain data round-trips exactly; anything else arrives as Rejected."""

import math

import numpy as np
import pytest

from grader.records.values import FnRef, Rejected, TensorData
from grader.workers import wire


def round_trip(value):
    return wire.decode(wire.loads(wire.dumps(wire.encode(value))))


@pytest.mark.parametrize("value", [None, True, 0, -7, 2**70, "text", 1.5, -0.0, (1, 2.5),
                                   [1, [2, (3,)]], {"a": 1, "b": [None]}])
def test_plain_values_round_trip_with_their_types(value):
    back = round_trip(value)
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_tagged(number):
    back = round_trip(number)
    assert type(back) is float and (math.isnan(back) if math.isnan(number) else back == number)


@pytest.mark.parametrize("array", [np.arange(6.0).reshape(2, 3), np.array(3.5),
                                   np.arange(4, dtype=np.int32), np.array([True, False]),
                                   np.zeros((0, 3), dtype=np.float32),
                                   np.array([1 + 2j], dtype=np.complex64),
                                   np.arange(3.0).astype(">f8")])
def test_numeric_arrays_keep_dtype_shape_and_values(array):
    back = round_trip(array)
    assert type(back) is np.ndarray
    assert back.dtype == array.dtype.newbyteorder("=") and back.shape == array.shape
    assert np.array_equal(back, array)


@pytest.mark.parametrize("scalar", [np.float64(2.5), np.float32(1.25), np.int64(3),
                                    np.bool_(True)])
def test_numpy_scalars_stay_scalars(scalar):
    back = round_trip(scalar)
    assert type(back) is type(scalar) and back == scalar


class FloatChild(float):
    def __eq__(self, other):
        return True


class ArrayChild(np.ndarray):
    pass


class ListChild(list):
    pass


@pytest.mark.parametrize("value, name", [
    (FloatChild(1.0), "FloatChild"), (np.zeros(2).view(ArrayChild), "ArrayChild"),
    (ListChild([1]), "ListChild"), (object(), "builtins.object"),
    (np.array(["a"]), "numpy.ndarray of dtype <U1"), (np.array([None]), "dtype object"),
    ({1: 2}, "non-str keys"), (1 + 2j, "builtins.complex"), (print, "builtin_function"),
])
def test_anything_not_plain_data_is_rejected(value, name):
    back = round_trip(value)
    assert type(back) is Rejected and name in back.type_name


def test_rejection_happens_inside_containers():
    back = round_trip([1.0, (FloatChild(2.0),)])
    assert back[0] == 1.0 and type(back[1][0]) is Rejected


def test_tensor_data_and_callable_references_cross_from_the_grading_side():
    grad = TensorData(np.ones(2, dtype=np.float32), "float32", "cpu")
    tensor = TensorData(np.arange(2, dtype=np.float32), "float32", "cuda:0", True, grad)
    back = round_trip([tensor, FnRef("cubic", {"k": np.arange(2.0)})])
    assert back[0].device == "cuda:0" and back[0].requires_grad and back[0].grad.dtype == "float32"
    assert np.array_equal(back[0].array, tensor.array)
    assert back[1].name == "cubic" and np.array_equal(back[1].params["k"], np.arange(2.0))


def test_callable_references_resolve_in_a_worker():
    tree = wire.encode([FnRef("scale", {"k": 3.0})])
    resolved = wire.decode(tree, resolve_fn=lambda name, params: (name, params["k"]))
    assert resolved == [("scale", 3.0)]


def test_a_message_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(wire, "MAX_MESSAGE_BYTES", 1000)
    with pytest.raises(wire.WireError):
        wire.dumps(wire.encode(np.zeros(1000)))
    with pytest.raises(wire.WireError):
        wire.loads(b"[" + b"0," * 600 + b"0]")


@pytest.mark.parametrize("message", [
    b"not json", b'{"$pickle": "gASV"}', b'{"a": 1}',
    b'{"$ndarray": {"dtype": "float64", "shape": [3], "data": "AAAA", "scalar": false}}',
    b'{"$ndarray": {"dtype": "object", "shape": [1], "data": "AAAAAAAAAAA=", "scalar": false}}',
    b'{"$tensor": {"dtype": "qint8", "shape": [], "data": "", "device": "cpu"}}',
])
def test_malformed_messages_raise_wire_errors(message):
    with pytest.raises(wire.WireError):
        wire.decode(wire.loads(message))

