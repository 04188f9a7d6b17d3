"""A slow load, then three functions that never return and a correct one."""

import time

time.sleep(1.5)


def hang1(x):
    time.sleep(3600)


def hang2(x):
    time.sleep(3600)


def hang3(x):
    time.sleep(3600)


def fine(x):
    return x + 1
