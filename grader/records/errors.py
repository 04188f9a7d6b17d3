"""Errors every layer may raise. Kept at the bottom so no module imports upward for them."""


class SetupError(Exception):
    """A usage or set-up problem (no kata found, unknown exercise, CUDA asked for but absent):
    the command line prints it in one line and exits with code 2."""
