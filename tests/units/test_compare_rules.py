"""The comparison policy, rule by rule: what passes, what fails, and the kind and path named."""

import numpy as np
import pytest

from grader.grading.compare import (
    FLOAT32,
    FLOAT64,
    Tolerance,
    compare,
    describe,
    tolerance_for,
)
from grader.records.values import Rejected
from tests.support.report_samples import tensor


def failure(got, want, **kwargs):
    difference = compare(got, want, **kwargs)
    assert difference is not None, f"{got!r} was accepted for {want!r}"
    return difference


# ---- the tolerance policy ----------------------------------------------------------------


@pytest.mark.parametrize(
    "dtype, expected",
    [
        (float, Tolerance(1e-6, 1e-9)),
        (np.float64, Tolerance(1e-6, 1e-9)),
        ("float64", Tolerance(1e-6, 1e-9)),
        ("torch.float64", Tolerance(1e-6, 1e-9)),
        (np.dtype("float32"), Tolerance(1e-4, 1e-6)),
        ("float32", Tolerance(1e-4, 1e-6)),
        ("float16", Tolerance(1e-4, 1e-6)),
        ("bfloat16", Tolerance(1e-4, 1e-6)),
        ("complex128", Tolerance(1e-6, 1e-9)),
        ("complex64", Tolerance(1e-4, 1e-6)),
    ],
)
def test_tolerance_follows_the_dtype(dtype, expected):
    assert tolerance_for(dtype) == expected


@pytest.mark.parametrize("dtype", [int, np.int64, "int32", "bool"])
def test_integer_dtypes_have_no_tolerance(dtype):
    with pytest.raises(ValueError):
        tolerance_for(dtype)


# Just inside / just outside |got - want| <= atol + rtol*|want|, for both widths.
@pytest.mark.parametrize("tol, dtype", [(FLOAT64, np.float64), (FLOAT32, np.float32)])
@pytest.mark.parametrize("want", [1.0, -250.0, 3e-3])
def test_tolerance_boundary_on_arrays(tol, dtype, want):
    allowed = tol.atol + tol.rtol * abs(want)
    base = np.array([want, 2.0], dtype=dtype)
    inside = np.array([want + 0.9 * allowed, 2.0], dtype=dtype)
    outside = np.array([want + 1.5 * allowed, 2.0], dtype=dtype)
    assert compare(inside, base) is None
    difference = failure(outside, base)
    assert (difference.kind, difference.path, difference.index) == ("value", "result", (0,))
    assert difference.tolerance == tol
    assert difference.abs_diff == pytest.approx(1.5 * allowed, rel=0.1)
    assert difference.mismatched == (1, 2)


@pytest.mark.parametrize("sign", [1, -1])
def test_tolerance_boundary_on_python_floats(sign):
    want = 0.9216
    allowed = 1e-9 + 1e-6 * want
    assert compare(want + sign * 0.99 * allowed, want) is None
    difference = failure(want + sign * 1.01 * allowed, want)
    assert difference.kind == "value" and difference.tolerance == FLOAT64
    assert difference.rel_diff == pytest.approx(1.01 * allowed / want)


def test_absolute_tolerance_governs_near_zero():
    assert compare(5e-10, 0.0) is None
    difference = failure(5e-9, 0.0)
    assert difference.rel_diff is None  # relative to 0 means nothing
    assert difference.abs_diff == pytest.approx(5e-9)


def test_float32_reference_gets_the_looser_tolerance_float64_does_not():
    want32, want64 = np.float32(1.0), 1.0
    assert compare(1.00005, want32) is None
    assert failure(1.00005, want64).kind == "value"


# ---- NaN and infinity -------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_scalars_never_pass(bad):
    difference = failure(bad, 1.0)
    assert (difference.kind, difference.path) == ("not finite", "result")


def test_nan_never_passes_even_against_a_nan_reference():
    assert failure(float("nan"), float("nan")).kind == "not finite"
    assert failure(np.array([1.0, np.nan]), np.array([1.0, np.nan])).index == (1,)


def test_a_non_finite_reference_fails_a_finite_answer():
    assert failure(1.0, float("inf")).kind == "value"


def test_first_non_finite_element_is_named():
    got = np.array([[1.0, 2.0], [np.inf, np.nan]])
    difference = failure(got, np.ones((2, 2)))
    assert (difference.kind, difference.index, difference.mismatched) == (
        "not finite", (1, 0), (2, 4))
    assert difference.got == "inf"


def test_non_finite_in_a_tensor():
    difference = failure(tensor([1.0, np.nan]), tensor([1.0, 2.0]))
    assert (difference.kind, difference.index) == ("not finite", (1,))


# ---- scalars ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "want", [2.5, np.float64(2.5), np.float32(2.5), np.array(2.5), np.array(2.5, np.float32)]
)
@pytest.mark.parametrize(
    "got", [2.5, np.float64(2.5), np.float32(2.5), np.array(2.5), np.array(2.5, np.float32)]
)
def test_any_float_scalar_form_is_accepted_for_any_other(got, want):
    assert compare(got, want) is None


@pytest.mark.parametrize("got", [2, np.int64(2), True, np.bool_(True), "2.0", None, [2.0]])
def test_a_float_is_not_an_int_bool_str_none_or_list(got):
    difference = failure(got, 2.0)
    assert (difference.kind, difference.path) == ("type", "result")


def test_a_float_is_not_a_tensor():
    assert failure(tensor(2.5), 2.5).kind == "type"


def test_an_integer_0_dim_array_is_not_a_float():
    assert failure(np.array(2), 2.0).kind == "type"


def test_a_one_element_array_is_not_a_scalar():
    difference = failure(np.array([2.5]), 2.5)
    assert (difference.kind, difference.got) == ("shape", "(1,)")


@pytest.mark.parametrize("got", [7, np.int64(7), np.int32(7), np.uint8(7), np.array(7)])
def test_any_integer_type_is_an_int(got):
    assert compare(got, 7) is None


@pytest.mark.parametrize("got", [7.0, np.float64(7.0), True])
def test_an_int_is_not_a_float_or_bool(got):
    assert failure(got, 7).kind == "type"


def test_ints_compare_exactly():
    difference = failure(8, 7)
    assert (difference.kind, difference.tolerance, difference.abs_diff) == ("value", None, 1.0)
    assert "must be equal" in describe(difference)


def test_huge_ints_compare_exactly():
    assert failure(2**62 + 1, 2**62).kind == "value"


def test_bools_compare_exactly_and_are_not_ints():
    assert compare(np.bool_(False), False) is None
    assert failure(True, False).kind == "value"
    assert failure(0, False).kind == "type"


def test_strings_are_equal_or_not():
    assert compare("minimum", "minimum") is None
    difference = failure("maximum", "minimum")
    assert (difference.kind, difference.expected, difference.got) == (
        "value", "'minimum'", "'maximum'")
    assert failure(None, "minimum").kind == "type"


def test_none_expects_none():
    assert compare(None, None) is None
    assert failure(0.0, None).kind == "type"


# ---- arrays -------------------------------------------------------------------------------------


def test_equal_arrays_pass_and_a_list_does_not():
    want = np.array([1.0, 2.0, 3.0])
    assert compare(want.copy(), want) is None
    assert failure([1.0, 2.0, 3.0], want).kind == "type"


def test_array_shape_is_checked_before_values():
    difference = failure(np.zeros((3, 1)), np.zeros(3))
    assert (difference.kind, difference.expected, difference.got) == ("shape", "(3,)", "(3, 1)")


def test_array_dtype_must_match():
    difference = failure(np.zeros(3, np.float32), np.zeros(3))
    assert (difference.kind, difference.expected, difference.got) == (
        "dtype", "float64", "float32")


def test_array_value_difference_names_the_element_and_the_size():
    want = 0.8 ** (2 * np.arange(10))
    got = want.copy()
    got[3:] = 0.96 ** np.arange(3, 10)
    difference = failure(got, want)
    assert (difference.path, difference.index, difference.where) == ("result", (3,), "result[3]")
    assert difference.mismatched == (7, 10)
    assert (difference.got, difference.expected) == ("0.884736", "0.262144")


def test_integer_arrays_compare_exactly():
    assert compare(np.array([1, 2]), np.array([1, 2])) is None
    assert failure(np.array([1, 3]), np.array([1, 2])).tolerance is None


def test_0_dim_array_against_0_dim_array():
    assert compare(np.array(1.0), np.array(1.0 + 1e-8)) is None
    assert failure(np.array(1.1), np.array(1.0)).index is None


# ---- tuples, lists, dicts ---------------------------------------------------------------------


@pytest.mark.parametrize("container", [tuple, list])
@pytest.mark.parametrize("want_container", [tuple, list])
def test_tuples_and_lists_stand_for_each_other(container, want_container):
    assert compare(container([1.0, "minimum"]), want_container([1.0, "minimum"])) is None


def test_sequence_length_and_element_paths():
    difference = failure((1.0,), (1.0, 2.0))
    assert (difference.kind, difference.expected, difference.got) == ("length", "2", "1")
    difference = failure((1.0, (2.0, 3.5)), (1.0, (2.0, 3.0)))
    assert (difference.path, difference.kind) == ("result[1][1]", "value")


def test_an_array_is_not_a_list():
    assert failure(np.array([1.0, 2.0]), [1.0, 2.0]).kind == "type"


def test_custom_path_is_used():
    assert failure([1.0, 2.0, 9.0], [1.0, 2.0, 3.0], path="losses").path == "losses[2]"


def test_dict_keys_then_members():
    assert compare({"w": 1.0, "b": 2.0}, {"b": 2.0, "w": 1.0}) is None
    difference = failure({"w": 1.0}, {"w": 1.0, "b": 2.0})
    assert (difference.kind, difference.expected, difference.got) == (
        "key", "['b', 'w']", "['w']")
    assert failure({"w": 1.0, "b": 3.0}, {"w": 1.0, "b": 2.0}).path == "result.b"
    assert failure({"a b": 1.5}, {"a b": 1.0}).path == "result['a b']"


# ---- tensors ----------------------------------------------------------------------------------


def test_equal_tensors_pass_within_float32_tolerance():
    assert compare(tensor([1.0, 2.00005]), tensor([1.0, 2.0])) is None
    assert failure(tensor([1.0, 2.001]), tensor([1.0, 2.0])).tolerance == FLOAT32


def test_tensor_float64_uses_the_tight_tolerance():
    want = tensor([1.0, 2.0], "float64")
    assert failure(tensor([1.0, 2.00001], "float64"), want).tolerance == FLOAT64


def test_an_array_is_not_a_tensor():
    assert failure(np.array([1.0, 2.0], np.float32), tensor([1.0, 2.0])).kind == "type"


def test_0_dim_tensor_wants_a_0_dim_tensor():
    assert compare(tensor(2.0), tensor(2.0)) is None
    assert failure(2.0, tensor(2.0)).kind == "type"
    assert failure(tensor([2.0]), tensor(2.0)).kind == "shape"


@pytest.mark.parametrize(
    "got, kind",
    [
        (tensor([1.0, 2.0], "float64"), "dtype"),
        (tensor([1.0, 2.0], device="cuda:0"), "device"),
        (tensor([1.0, 2.0], requires_grad=True), "requires_grad"),
        (tensor([[1.0, 2.0]]), "shape"),
    ],
)
def test_tensor_structure(got, kind):
    difference = failure(got, tensor([1.0, 2.0]))
    assert (difference.kind, difference.path) == (kind, "result")


def test_device_index_counts_and_cuda_means_cuda_0():
    want = tensor([1.0], device="cuda:0")
    assert compare(tensor([1.0], device="cuda"), want) is None
    assert failure(tensor([1.0], device="cuda:1"), want).kind == "device"


def test_structure_is_reported_before_values():
    got = tensor([5.0, 5.0], requires_grad=True)
    assert failure(got, tensor([1.0, 2.0])).kind == "requires_grad"


def test_list_of_tensors_names_the_item():
    want = [tensor([1.0]), tensor([2.0])]
    difference = failure((tensor([1.0]), tensor([2.0], device="cuda:0")), want)
    assert (difference.path, difference.kind) == ("result[1]", "device")


# ---- rejected values ----------------------------------------------------------------------


@pytest.mark.parametrize("want", [1.0, np.zeros(2), tensor([1.0]), (1.0, 2.0), "s"])
def test_rejected_values_always_fail(want):
    difference = failure(Rejected("learner.FloatLike"), want)
    assert (difference.kind, difference.got) == ("rejected", "learner.FloatLike")
    assert describe(difference) == (
        "result: returned a learner.FloatLike; return plain numbers, arrays or tensors.")


def test_rejected_inside_a_tuple_is_found():
    difference = failure((1.0, Rejected("builtins.object")), (1.0, 2.0))
    assert (difference.kind, difference.path) == ("rejected", "result[1]")


def test_a_rejected_reference_is_a_grader_fault():
    with pytest.raises(ValueError):
        compare(1.0, Rejected("x.Y"))


def test_unknown_reference_types_are_a_grader_fault():
    with pytest.raises(TypeError):
        compare({1, 2}, {1, 2})


def test_empty_arrays_compare_by_shape_alone():
    assert compare(np.zeros((0, 3)), np.zeros((0, 3))) is None
    assert failure(np.zeros((0, 2)), np.zeros((0, 3))).kind == "shape"


def test_complex_values_use_the_float_policy():
    assert compare(np.array([1 + 1e-9j]), np.array([1 + 0j])) is None
    assert failure(np.array([1 + 1e-3j]), np.array([1 + 0j])).tolerance == FLOAT64
    assert failure(1.0, 1 + 0j).kind == "type"
