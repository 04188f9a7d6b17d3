"""Overwrites another submission's results and plants a file in the grading output folder.
OUTPUT is filled in by the test that grades this file."""

from pathlib import Path

OUTPUT = Path("{OUTPUT}")


def secret(x):
    for path in (OUTPUT / "other" / "results.json", OUTPUT / "planted.json"):
        try:
            path.write_text('{"score": 100.0}')
        except OSError:
            pass
    return x * 7.25 + 3.0
