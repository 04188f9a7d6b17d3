"""Calls sys.exit while loading."""

import sys

sys.exit(2)


def double(x):
    return 2 * x
