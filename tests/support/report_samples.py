"""Small hand-built values, reports and a catalogue for the comparison and reporter tests."""

import numpy as np

from grader.records.results import CheckResult, ExerciseRun, Report, Status
from grader.records.values import TensorData

CATALOGUE = {
    "format": 1,
    "name": "slopes-kata",
    "title": "Slopes kata",
    "exercise": [
        {
            "id": "01_slopes",
            "title": "Slopes (导数): which way is downhill",
            "time_limit": 2.0,
            "tensor_functions": [],
            "hints": {"slope": {"en": ["look at the sign"]}},
            "points": {"slope": 30, "tangent": 20},
        },
        {
            "id": "02_steps",
            "title": "Steps",
            "time_limit": 2.0,
            "tensor_functions": ["step"],
            "hints": {"step": {"en": ["subtract"]}},
            "points": {"step": 40, "walk": 10},
        },
    ],
}



def tensor(values, dtype="float32", device="cpu", requires_grad=False, grad=None):
    """A TensorData as a worker would send it back."""
    return TensorData(np.asarray(values, dtype=dtype), dtype, device, requires_grad, grad)


WRONG_MESSAGE = (
    "Called slope(x=array(shape=(3,), float64: [0.5, 1.0, 1.5]))\n"
    "result[2] (1 of 3 values differ): got 0.96, expected 0.9216 "
    "(differs by 0.038; tolerance 1e-6 relative, 1e-9 absolute)."
)


def check(exercise, function, status, score, max_score, device="cpu", **kwargs):
    return CheckResult(exercise, function, device, Status(status), score, max_score, **kwargs)


def sample_report():
    """One of each status, a tensor function on two devices, and printed output."""
    checks = (
        check("01_slopes", "slope", "wrong", 0, 30, message=WRONG_MESSAGE,
              output="x = 0.5\nx = 1.0\n"),
        check("01_slopes", "tangent", "passed", 20, 20),
        check("02_steps", "step", "passed", 20, 20),
        check("02_steps", "step", "timed out", 0, 20, device="cuda",
              message="timed out: step did not return within 2.0 s."),
        check("02_steps", "walk", "not started", 0, 10,
              message="not started: walk still raises NotImplementedError."),
    )
    runs = (ExerciseRun("01_slopes", "exercises/01_slopes.py"),
            ExerciseRun("02_steps", "exercises/02_steps.ipynb"))
    return Report(seed=4242, devices=("cpu", "cuda"), checks=checks, exercises=runs,
                  execution_time=1.25, submission="alice")


def broken_sample_report():
    """An exercise that could not be loaded, and one that errors."""
    load_error = "exercises/01_slopes.py, line 3: syntax error: invalid syntax"
    checks = (
        check("01_slopes", "slope", "error", 0, 30, message=f"not graded: {load_error}"),
        check("01_slopes", "tangent", "error", 0, 20, message=f"not graded: {load_error}"),
        check("02_steps", "step", "error", 0, 40,
              message="step raised ZeroDivisionError: division by zero",
              output="\x1b[31mred\x1b[0m and a NUL \x00\n"),
        check("02_steps", "walk", "passed", 10, 10),
    )
    runs = (ExerciseRun("01_slopes", "exercises/01_slopes.py", load_error),
            ExerciseRun("02_steps", "exercises/02_steps.py"))
    return Report(seed=7, devices=("cpu",), checks=checks, exercises=runs,
                  execution_time=0.5, submission="bob")
