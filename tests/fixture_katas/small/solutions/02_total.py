import math


def total(values):
    return float(sum(values))


def safe_sqrt(x):
    if x < 0:
        raise ValueError("no square root of a negative number")
    return math.sqrt(x)
