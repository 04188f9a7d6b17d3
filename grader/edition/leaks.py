"""Find reference code in a folder before it is released.

Two searches, because a leak may be reformatted or pasted into another file:
- every function in the folder's Python files and notebook code cells is compared with every
  reference function by syntax tree (formatting and comments do not matter), body by body;
- every reference body of some length, whitespace removed, is searched in the whitespace-
  removed text of every file (a body inside a notebook's JSON, a README, a bigger function).
Short bodies (a one-line formula) are the spec's own formulas, found in teaching text, so
only the first search looks for them.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

_SPACE = re.compile(r"\s+")
LONG_BODY = 24  # characters, whitespace removed


@dataclass(frozen=True)
class Body:
    name: str  # "<file>:<function>"
    tree: str  # ast.dump of the body's statements, docstring left out
    text: str  # the body's source, whitespace removed


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def reference_bodies(solutions: Path) -> list[Body]:
    bodies = []
    for path in sorted(solutions.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node, statements in _functions(ast.parse(source, filename=str(path))):
            text = "\n".join(ast.get_source_segment(source, s) or "" for s in statements)
            bodies.append(Body(f"{path.name}:{node.name}", _dump(statements), squeeze(text)))
    return bodies


def find_reference_code(solutions: Path, folder: Path) -> list[str]:
    """'<reference function> in <file>' for every reference body found under `folder`."""
    bodies = reference_bodies(solutions)
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary data holds no source code
        trees = {_dump(statements) for _, statements in _functions(_parse(path, text))}
        squeezed = squeeze(text)
        for body in bodies:
            if body.tree in trees or (len(body.text) >= LONG_BODY and body.text in squeezed):
                found.append(f"{body.name} in {path.relative_to(folder)}")
    return found


def _functions(tree: ast.AST | None):
    """(function node, its statements without the docstring) for every function in `tree`."""
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            statements = node.body
            if ast.get_docstring(node, clean=False) is not None:
                statements = statements[1:]
            if statements:
                yield node, statements


def _dump(statements) -> str:
    return ast.dump(ast.Module(body=list(statements), type_ignores=[]))


def _parse(path: Path, text: str) -> ast.AST | None:
    if path.suffix == ".ipynb":
        text = _notebook_code(text)
    elif path.suffix != ".py":
        return None
    try:
        return ast.parse(text)
    except SyntaxError:
        return None  # a cell with IPython syntax: the text search still covers it


def _notebook_code(text: str) -> str:
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return ""
    sources = ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
    return "\n".join(sources)
