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
from dataclasses import dataclass, field
from pathlib import Path

# callables.py uses NumPy at module level; torch factories import torch themselves.
_IMPORTS = "import numpy as np"


@dataclass(frozen=True, eq=False)  # compared by identity: its defs are not hashable
class Helpers:
    """A kata's callables.py, parsed once (a session's, for every failing call it explains):
    its lines and its module-level defs by name."""

    lines: tuple[str, ...] = ()
    defs: dict[str, ast.FunctionDef] = field(default_factory=dict)

    @classmethod
    def read(cls, callables: Path | None) -> Helpers:
        """The helpers of `callables`; none where there is no such file."""
        if callables is None or not Path(callables).is_file():
            return cls()
        source = Path(callables).read_text(encoding="utf-8")
        defs = {node.name: node for node in ast.parse(source).body
                if isinstance(node, ast.FunctionDef)}
        return cls(tuple(source.splitlines()), defs)

    def code(self, names: Iterable[str]) -> str:
        """The source of the factories `names` and of the module-level functions they use,
        in file order, after the import they need; empty when there is nothing to show."""
        wanted = [name for name in dict.fromkeys(names) if name in self.defs]
        needed = _closure(wanted, self.defs)
        if not needed:
            return ""
        # a whole def is whole lines: slicing them is ast.get_source_segment without its
        # splitting the file again for every def
        parts = ["\n".join(self.lines[node.lineno - 1:node.end_lineno])
                 for name, node in self.defs.items() if name in needed]
        return "\n\n".join([_IMPORTS, *parts])


def helper_code(callables: Path | None, names: Iterable[str]) -> str:
    """Helpers.code of `callables`, read for this one use."""
    return Helpers.read(callables).code(names)


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
