"""Cascades: a failure that comes from another of the learner's functions failing its own
check names that function ("this comes from your mse_gradients: fix that first") and no
mistake of its own, since a caller fed wrong numbers looks like any mistake at all.

A failure comes from a callee when the error's traceback passes through it, or when the
reference's version of the failing function calls it (the data flows through it). The
reference is trusted code, so its calls are read from its source; the learner's never are.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping

from grader.grading.explanation import Explanation
from grader.records.catalogue import ExerciseEntry
from grader.records.paths import KataPaths


def reference_uses(entry: ExerciseEntry, paths: KataPaths) -> dict[str, tuple[str, ...]]:
    """For each graded function, the other graded functions its reference calls (directly
    or through a helper of the file), in catalogue order; empty without solutions/."""
    try:
        source = paths.solution(entry.id).read_text(encoding="utf-8")
        tree = ast.parse(source)
    except (OSError, UnicodeDecodeError, SyntaxError):  # a student edition has no solutions
        return {}
    defined = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    calls = {name: {inner.func.id for inner in ast.walk(node) if isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name) and inner.func.id in defined}
             for name, node in defined.items()}
    graded = [function.name for function in entry.functions]
    return {name: tuple(other for other in graded if other != name
                        and other in _reachable(name, calls)) for name in graded}


def _reachable(name: str, calls: Mapping[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(calls.get(name, ()))
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(calls.get(current, ()))
    return seen


def failing_callee(function: str, explanation: Explanation, uses: tuple[str, ...],
                   failed: Callable[[str], bool]) -> str:
    """The callee `function`'s failure comes from ("" if none): the innermost of the
    traceback's learner functions that fails its own check, else the first such function the
    reference calls."""
    for name in (*reversed(explanation.frames), *uses):
        if name != function and failed(name):
            return name
    return ""
