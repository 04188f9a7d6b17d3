"""Trusted callables the fixture kata's hidden tests pass by name."""


def quartic_prime(scale=1.0):
    """Derivative of scale * (x**4 - 1.5 * x**2): not quadratic, so descent paths differ."""
    return lambda x: scale * (4 * x**3 - 3 * x)
