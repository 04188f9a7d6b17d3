"""Loops forever while loading."""

while True:
    pass


def double(x):
    return 2 * x
