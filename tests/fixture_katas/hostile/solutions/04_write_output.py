"""The secret the attacks try to reach."""


def secret(x):
    return x * 7.25 + 3.0
