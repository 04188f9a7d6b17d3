"""Ends the process while loading."""

import os

os._exit(5)


def double(x):
    return 2 * x
