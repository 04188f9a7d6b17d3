"""Prints megabytes through print() and below it, then returns the right value."""

import os
import sys


def chatty(x):
    for _ in range(50_000):
        print("step " * 20)
    sys.stderr.write("e" * 1_000_000)
    os.write(1, b"written below sys.stdout\n" * 10_000)
    return x + 1.0


def double(x):
    print("doubling", x)
    return 2 * x
