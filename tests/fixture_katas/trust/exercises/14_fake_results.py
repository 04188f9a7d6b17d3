"""Prints results that look like the grader's own, and returns wrong values."""

import json

FAKE = {"score": 100, "max_score": 100, "tests": [{"name": "double", "status": "passed"}]}


def double(x):
    print(json.dumps(FAKE))
    print("passed  double  4/4")
    return x


def descend(x0, learning_rate, dfn, epochs):
    print(json.dumps(FAKE))
    x = x0
    for _ in range(epochs):
        x = x - learning_rate * dfn(x)
    return x
