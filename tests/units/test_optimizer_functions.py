"""Which functions of a reference solution train with torch.optim: their calls go to workers
of the optimizer server, which imports what an optimizer's first step imports."""

from __future__ import annotations

import pytest

from grader.grading.session import optimizer_functions_in

HELPERS = '''
import torch

def plain(x):
    return x * 2

def loss(x):
    return (x ** 2).sum()
'''


@pytest.mark.parametrize("header, body", [
    ("", "    optimizer = torch.optim.SGD([x], lr=0.1)"),
    ("from torch import optim\n", "    optimizer = optim.SGD([x], lr=0.1)"),
    ("from torch.optim import SGD\n", "    optimizer = SGD([x], lr=0.1)"),
    ("from torch.optim import SGD as Descent\n", "    optimizer = Descent([x], lr=0.1)"),
    ("import torch.optim as o\n", "    optimizer = o.SGD([x], lr=0.1)"),
    ("", "    import torch.optim\n    optimizer = torch.optim.SGD([x], lr=0.1)"),
])
def test_each_way_of_naming_an_optimizer_is_found(header, body):
    source = header + HELPERS + f"\ndef train(x):\n{body}\n    return optimizer\n"
    assert optimizer_functions_in(source) == {"train"}


def test_a_function_calling_one_that_trains_is_found_too():
    source = HELPERS + '''
def _step(x):
    return torch.optim.SGD([x], lr=0.1)

def train(x):
    return _step(x)

def train_twice(x):
    train(x)
    return train(x)
'''
    assert optimizer_functions_in(source) == {"_step", "train", "train_twice"}


def test_a_file_without_an_optimizer_has_none():
    # a hand-written update, and words that only look alike
    source = HELPERS + '''
def descend(x, optimal=0.0):
    with torch.no_grad():
        x -= 0.1 * x.grad  # no optimizer here, nor in "optim" as a string
    return x, "optim"
'''
    assert optimizer_functions_in(source) == frozenset()
