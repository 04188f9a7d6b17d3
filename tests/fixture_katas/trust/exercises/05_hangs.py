"""Calls that never return: a busy loop and a long sleep."""

import time


def spin(x):
    while True:
        x = x + 1.0


def nap(x):
    time.sleep(600)
    return x + 1.0


def double(x):
    return 2 * x
