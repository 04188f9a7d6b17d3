"""Which worker server a learner's file is forked from: the optimizer server where the file
names torch.optim (an optimizer's first step imports torch._dynamo, paid once there), the
exercise's own otherwise."""

from __future__ import annotations

import json

import pytest

from grader.grading.session import learner_server
from grader.records.catalogue import load_catalogue
from tests.support.katas import REPOSITORY

ENTRIES = {entry.id: entry for entry in load_catalogue(REPOSITORY / "catalogue.toml").exercises}


def server_of(folder, text: str, name: str = "05_linear_regression.py") -> str:
    """The server a learner's file `name` holding `text` is forked from."""
    source = folder / name
    source.write_text(text)
    return learner_server(ENTRIES[source.stem], source)


@pytest.mark.parametrize("code", [
    "import torch\nopt = torch.optim.SGD([w], lr=0.1)\n",
    "from torch import nn, optim\n",
    "from torch.optim import SGD\n",
    "import torch.optim as o\n",
    "step = optim.SGD\n",
])
def test_a_tensor_file_naming_torch_optim_goes_to_the_optimizer_server(tmp_path, code):
    assert server_of(tmp_path, code) == "optimizer"


def test_a_notebook_naming_torch_optim_goes_there_too(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "metadata": {},
                           "source": ["import torch\n", "optimizer = torch.optim.SGD(p)\n"]}]}
    assert server_of(tmp_path, json.dumps(notebook), "05_linear_regression.ipynb") == "optimizer"


@pytest.mark.parametrize("code", [
    "# the optimal step: no optimizer here\nw -= 0.1 * w.grad\n",
    "optimizers = []\noptimum = 0.0\n",
    "",
])
def test_words_that_only_look_alike_keep_the_torch_server(tmp_path, code):
    assert server_of(tmp_path, code) == "torch"


def test_a_numpy_exercise_keeps_the_numpy_server_whatever_it_names(tmp_path):
    assert server_of(tmp_path, "import torch.optim\n", "02_gradient_descent.py") == "numpy"


def test_an_unreadable_file_keeps_the_exercise_server(tmp_path):
    # its worker's load says what is wrong with it
    assert learner_server(ENTRIES["04_autograd"], tmp_path / "missing.py") == "torch"
