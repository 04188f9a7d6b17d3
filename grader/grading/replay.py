"""A failed call as a script a learner can run, step through and change.

The report shows a call in short (six values of an array, then "..."); the script holds it
exactly: arrays and tensors are saved in full as .npy files beside it (a tensor is rebuilt
from its values with its dtype and device), floats as their exact repr, the functions the
test passed by name as their source (grader.grading.helper_code). It imports the learner's
function from their file, calls it and prints their result beside the expected one, and is
a plain script, so `python -m pdb` steps into the learner's code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader.grading.helper_code import helper_code
from grader.records import messages
from grader.records.values import FnRef, Rejected, TensorData


@dataclass(frozen=True)
class FailedCall:
    """One failed check's call, as the grader sent it, and what the reference returned."""

    exercise: str
    function: str
    args: tuple
    kwargs: dict
    names: tuple[str, ...]  # the parameter names of args
    want: Any  # the reference's result, as plain data


@dataclass
class _Encoder:
    """Python expressions for plain values; arrays go to .npy files in `folder`."""

    folder: Path
    files: int = 0
    torch: bool = False
    helpers: list = field(default_factory=list)

    def expr(self, value: Any) -> str:
        if isinstance(value, FnRef):
            self.helpers.append(value.name)
            params = ", ".join(f"{key}={self.expr(item)}" for key, item in value.params.items())
            return f"{value.name}({params})"
        if isinstance(value, TensorData):
            self.torch = True
            built = (f"torch.tensor({self._saved(value.array)}, dtype=torch.{value.dtype},"
                     f" device={value.device!r})")
            return built + ".requires_grad_()" if value.requires_grad else built
        if isinstance(value, np.ndarray):
            return self._saved(value)
        if isinstance(value, np.generic):
            return f"np.{value.dtype.name}({self.expr(value.item())})"
        if isinstance(value, float) and not math.isfinite(value):
            return f"float({str(value)!r})"
        if isinstance(value, (list, tuple)):
            items = [self.expr(item) for item in value]
            if isinstance(value, tuple):
                return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
            return "[" + ", ".join(items) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{key!r}: {self.expr(item)}"
                                   for key, item in value.items()) + "}"
        if isinstance(value, Rejected):
            return "None"  # a value the worker refused to send: nothing to rebuild
        return repr(value)  # int, float (its repr is exact), bool, str, None

    def _saved(self, array: np.ndarray) -> str:
        self.files += 1
        name = f"value{self.files}.npy"
        self.folder.mkdir(parents=True, exist_ok=True)
        np.save(self.folder / name, array, allow_pickle=False)
        return f"np.load(DATA / {name!r})"


_IMPORTS = {"numpy": "import numpy as np\n", "torch": "import torch\n"}
_SCRIPT = '''\
"""{doc}"""

import importlib.util
import pathlib

{imports}
DATA = pathlib.Path(__file__).resolve().parent / {data!r}
LEARNER_FILE = {learner!r}

{helpers}

def load_learner():
    spec = importlib.util.spec_from_file_location("learner", LEARNER_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
{inputs}
    {function} = load_learner().{function}
    result = {function}({call})
    expected = {expected}
    print({yours!r}, result, sep="\\n")
    print({wanted!r}, expected, sep="\\n")
'''


def write_script(call: FailedCall, *, folder: Path, learner_file: Path, seed: int,
                 callables: Path | None) -> Path:
    """Write `repro_<exercise>_<function>.py` (and its data folder) into `folder`."""
    stem = f"repro_{call.exercise}_{call.function}"
    encoder = _Encoder(folder / stem)
    if encoder.folder.exists():
        for old in encoder.folder.glob("*.npy"):
            old.unlink()
    names = [name if name.isidentifier() else f"argument{i + 1}"
             for i, name in enumerate(call.names)]
    values = [*zip(names, call.args), *call.kwargs.items()]
    inputs = "\n".join(f"    {name} = {encoder.expr(value)}" for name, value in values)
    shown = names + [f"{key}={key}" for key in call.kwargs]
    expected = encoder.expr(call.want)
    code = helper_code(callables, encoder.helpers)
    imports = _IMPORTS["numpy"] + (_IMPORTS["torch"] if encoder.torch else "")
    helpers = code.replace(_IMPORTS["numpy"], "", 1) + "\n\n" if code else ""
    doc = messages.text("repro.script_doc", function=call.function, exercise=call.exercise,
                        seed=seed, script=f"{stem}.py", data=stem)
    text = _SCRIPT.format(doc=doc, yours=messages.text("repro.yours"),
                          wanted=messages.text("repro.expected"), function=call.function,
                          data=stem, imports=imports,
                          learner=str(learner_file), helpers=helpers,
                          inputs=inputs, call=", ".join(shown), expected=expected)
    script = folder / f"{stem}.py"
    folder.mkdir(parents=True, exist_ok=True)
    script.write_text(text, encoding="utf-8")
    return script
