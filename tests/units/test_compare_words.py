"""Changed inputs, and how differences and values read in feedback."""

import numpy as np
import pytest

from grader.grading.compare import (
    FLOAT64,
    Difference,
    compare,
    compare_inputs,
    describe,
    render_value,
)
from grader.records import messages
from grader.records.values import FnRef, Rejected
from tests.support.report_samples import tensor

# ---- compare_inputs -------------------------------------------------------------------------


def test_unchanged_inputs_pass():
    before = [np.arange(3.0), 0.1, FnRef("cubic_prime", {}), [tensor([1.0])], "s", None]
    after = [np.arange(3.0), 0.1, FnRef("cubic_prime", {}), [tensor([1.0])], "s", None]
    assert compare_inputs(before, after, names=["x0", "lr", "f", "params", "s", "n"]) is None


def test_nan_that_stays_nan_is_unchanged():
    x = np.array([np.nan, 1.0])
    assert compare_inputs([x], [x.copy()], names=["x"]) is None


def test_changed_array_values_are_exact_and_named():
    before = np.array([1.0, 2.0, 3.0])
    after = before.copy()
    after[1] += 1e-12  # far inside any tolerance, still a change
    difference = compare_inputs([0.5, before], [0.5, after], names=["lr", "x0"])
    assert (difference.path, difference.kind, difference.index) == (
        "input x0", "changed input", (1,))
    assert difference.mismatched == (1, 3)


def test_changed_requires_grad():
    difference = compare_inputs(
        [tensor([1.0])], [tensor([1.0], requires_grad=True)], names=["x"])
    assert (difference.path, difference.expected, difference.got) == (
        "input x.requires_grad", "False", "True")


def test_grad_left_on_an_input():
    difference = compare_inputs(
        [tensor([1.0])], [tensor([1.0], grad=tensor([2.0]))], names=["x"])
    assert (difference.path, difference.expected) == ("input x.grad", "None")
    assert difference.got.startswith("tensor(shape=(1,), float32, cpu")


def test_changed_grad_values():
    before = tensor([1.0], grad=tensor([2.0]))
    after = tensor([1.0], grad=tensor([4.0]))
    difference = compare_inputs([before], [after], names=["x"])
    assert (difference.path, difference.index) == ("input x.grad", (0,))


def test_changed_tensor_values_inside_a_list():
    before = [tensor([1.0]), tensor([2.0, 3.0])]
    after = [tensor([1.0]), tensor([2.0, 2.5])]
    difference = compare_inputs([before], [after], names=["params"])
    assert (difference.path, difference.index) == ("input params[1]", (1,))


def test_list_that_grew_or_changed_type():
    difference = compare_inputs([[1.0]], [[1.0, 2.0]], names=["xs"])
    assert (difference.path, difference.kind) == ("input xs", "changed input")
    assert compare_inputs([[1.0]], [(1.0,)], names=["xs"]).path == "input xs"
    assert compare_inputs([[1.0]], [[Rejected("m.T")]], names=["xs"]).path == "input xs[0]"


def test_inputs_must_line_up_with_names():
    with pytest.raises(ValueError):
        compare_inputs([1.0], [1.0], names=["a", "b"])


# ---- describe ---------------------------------------------------------------------------------


def test_describe_a_value_difference_says_where_how_much_and_the_tolerance():
    want = np.array([0.9216, 0.5, 0.1])
    got = np.array([0.9216, 0.5, 0.2])
    text = describe(compare(got, want))
    assert text == (
        "result[2] (1 of 3 values differ): got 0.2, expected 0.1 "
        "(differs by 0.1; tolerance 1e-6 relative, 1e-9 absolute).")


def test_describe_names_a_scalar_without_an_index():
    text = describe(compare(0.96, 0.9216))
    assert text.startswith("result: got 0.96, expected 0.9216 (differs by 0.038;")


def test_describe_structural_kinds_mention_both_sides():
    for got, want in [
        (np.zeros(2), np.zeros(3)),
        (np.zeros(3, np.float32), np.zeros(3)),
        ((1.0,), (1.0, 2.0)),
        (tensor([1.0], device="cuda:0"), tensor([1.0])),
        (tensor([1.0], requires_grad=True), tensor([1.0])),
        (np.array([1.0, np.nan]), np.zeros(2)),
        ({"a": 1.0}, {"b": 1.0}),
        (1, 1.0),
    ]:
        difference = compare(got, want)
        text = describe(difference)
        assert difference.expected in text and difference.got in text, text


def test_describe_a_changed_input_tells_to_copy():
    difference = compare_inputs([np.zeros(2)], [np.ones(2)], names=["x0"])
    text = describe(difference)
    assert text.startswith("your function changed its input x0[0] (2 of 2 values differ)")
    assert "copy" in text


def test_describe_every_kind():
    kinds = ["type", "length", "shape", "dtype", "device", "requires_grad", "key",
             "not finite", "rejected", "value", "changed input"]
    for kind in kinds:
        text = describe(Difference("result", kind, expected="EXP", got="GOT", tolerance=FLOAT64))
        assert "result" in text and "GOT" in text, kind


# ---- render_value -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        (3, "3"),
        (3.0, "3.0"),
        (0.1 + 0.2, "0.3"),
        (1e-12, "1e-12"),
        (float("nan"), "nan"),
        (True, "True"),
        (None, "None"),
        ("min", "'min'"),
        (np.float32(2.5), "np.float32(2.5)"),
        (np.array([1.0, 2.0, 3.0]), "array(shape=(3,), float64: [1.0, 2.0, 3.0])"),
        (np.array(2.5), "array(shape=(), float64: 2.5)"),
        ((1.0,), "(1.0,)"),
        ([1, 2.0], "[1, 2.0]"),
        ({"w": 1.0}, "{'w': 1.0}"),
        (Rejected("m.T"), "<m.T>"),
        (tensor(2.0, device="cuda:0"), "tensor(shape=(), float32, cuda:0: 2.0)"),
        (tensor([1.0], requires_grad=True),
         "tensor(shape=(1,), float32, cpu, requires_grad=True: [1.0])"),
    ],
)
def test_render_value(value, text):
    assert render_value(value) == text


def test_render_value_is_short_for_big_values():
    text = render_value(np.arange(1_000_000.0).reshape(1000, 1000))
    assert text == "array(shape=(1000, 1000), float64: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, ...])"
    assert len(render_value(list(range(1000)))) < 60
    assert len(render_value("x" * 10_000)) < 70


# ---- changes below the printed precision, and a forgotten return -----------------------------


def test_a_change_too_small_for_7_digits_is_shown_with_enough_digits_and_its_size():
    before = np.array([0.8540111, 0.3, 0.5])
    after = before.copy()
    after[:2] *= 1 + 1e-9
    text = describe(compare_inputs([before], [after], names=["p"]))
    assert "(2 of 3 values differ)" in text
    assert "it was 0.8540111 before the call and 0.854011101 after" in text
    assert "a change of 8.5e-10 (1e-9 relative)" in text


def test_a_visible_change_keeps_7_digits_and_no_size():
    before = np.array([0.8540111, 0.3])
    text = describe(compare_inputs([before], [before * 2], names=["p"]))
    assert "it was 0.8540111 before the call and 1.708022 after." in text
    assert "a change of" not in text


def test_a_change_too_small_for_7_digits_reads_in_chinese_too():
    before = np.array([0.8540111])
    with messages.language("zh"):
        text = describe(compare_inputs([before], [before * (1 + 1e-9)], names=["p"]))
    assert text.startswith("你的函数修改了输入参数 p[0]：")
    assert "调用前是 0.8540111，调用后是 0.854011101，变化量为 8.5e-10（相对 1e-9）" in text


def test_none_for_a_value_suggests_a_missing_return():
    for want in (1.0, (1.0, 2.0), np.zeros(2), tensor([1.0])):
        text = describe(compare(None, want))
        assert text.startswith("result: expected") and "got None" in text
        assert "forget to `return`" in text, text
    with messages.language("zh"):
        assert "忘了用 `return` 返回结果" in describe(compare(None, 1.0))


def test_other_type_differences_do_not_mention_return():
    for got, want in ((1, 1.0), ("None", 1.0), ([1.0], np.zeros(1)), ((None, 1.0), (1.0, 1.0))):
        text = describe(compare(got, want))
        assert "return" not in text, text


def test_the_result_is_named_in_the_language_of_the_report():
    assert describe(compare((1.0, 3.0), (1.0, 2.0))).startswith("result[1]: got 3.0")
    with messages.language("zh"):
        assert describe(compare((1.0, 3.0), (1.0, 2.0))).startswith("返回值[1]：得到 3.0")
        assert describe(compare(np.zeros(2), 1.0)).startswith("返回值 的形状是 (2,)")
