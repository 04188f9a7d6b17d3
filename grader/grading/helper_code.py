"""The trusted helper functions a failing call was given, as code a learner can paste.

Hidden tests pass functions by name (`dfn=bowl_prime(k=0.64, s=1.29, center=-0.46)`); a
learner finds no `bowl_prime` anywhere in the exercise, so the call could not be rebuilt in
a REPL. The factories live in the kata's callables.py (shipped to learners in the student
edition's public_checks/ too); their source, with the private helpers they use, is what a
learner needs beside the call.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

# callables.py uses NumPy at module level; torch factories import torch themselves.
_IMPORTS = "import numpy as np"


def helper_code(callables: Path | None, names: Iterable[str]) -> str:
    """The source of the factories `names` and of the module-level functions they use, in
    file order, after the import they need; empty when there is nothing to show."""
    wanted = [name for name in dict.fromkeys(names)]
    if not wanted or callables is None or not Path(callables).is_file():
        return ""
    source = Path(callables).read_text(encoding="utf-8")
    defs = {node.name: node for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef)}
    needed = _closure([name for name in wanted if name in defs], defs)
    if not needed:
        return ""
    # a whole def is whole lines: slicing them once is ast.get_source_segment without its
    # splitting the file again for every def
    lines = source.splitlines()
    parts = ["\n".join(lines[node.lineno - 1:node.end_lineno]) for name, node in defs.items()
             if name in needed]
    return "\n\n".join([_IMPORTS, *parts])


def _closure(names: list[str], defs: dict[str, ast.FunctionDef]) -> set[str]:
    """`names` and every module-level function they refer to, however indirectly."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        todo += [node.id for node in ast.walk(defs[name])
                 if isinstance(node, ast.Name) and node.id in defs]
    return found
