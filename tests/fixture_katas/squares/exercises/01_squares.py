"""Exercise 01: squares.

The square of x is x * x; the cube is x * x * x.
"""

import numpy as np


def square(x):
    """x squared, elementwise: a float or a NumPy array.

    Example:
        square(3.0) == 9.0
    """
    # TODO: multiply x by itself.
    raise NotImplementedError("01_squares.square: not written yet")


def cube(x):
    """x cubed, elementwise."""
    # TODO: multiply x by itself twice.
    raise NotImplementedError("01_squares.cube: not written yet")
