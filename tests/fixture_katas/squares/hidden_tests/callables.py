"""Trusted callables of the fixture kata: its tests pass no functions as arguments."""
