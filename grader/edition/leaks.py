"""Find reference code in a folder before it is released.

Two searches, because a leak may be reformatted or pasted into another file:
- every function in the folder's Python files and notebook code cells is compared with every
  reference function by syntax tree (formatting and comments do not matter), body by body;
- every reference body of some length, whitespace removed, is searched in the whitespace-
  removed text of every file (a body inside a notebook's JSON, a README, a bigger function).
Short bodies (a one-line formula) are the spec's own formulas, found in teaching text, so
only the first search looks for them.

`copied_lines` is the stricter rule for a stub and its notebook: no three consecutive lines
of a reference body, compared line by line with whitespace and comments left out, so that
a docstring cannot hand out the algorithm line for line either.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

_SPACE = re.compile(r"\s+")
_PROMPT = re.compile(r"^(>>>|\.\.\.)\s")  # a doctest prompt in a docstring
LONG_BODY = 24  # characters, whitespace removed
COPIED_RUN = 3  # consecutive lines shared with a reference body that make a copy


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


def normalised_lines(text: str) -> list[str]:
    """Non-empty lines with doctest prompts, comments and all whitespace removed."""
    found = []
    for line in text.splitlines():
        line = _PROMPT.sub("", line.strip()).split("#", 1)[0]
        line = squeeze(line)
        if line:
            found.append(line)
    return found


def copied_lines(reference: str, text: str, run: int = COPIED_RUN) -> list[str]:
    """'<function>: <first line> ...' for every `run` consecutive normalised lines of a
    function body in the `reference` source that also follow each other in `text`."""
    lines = reference.splitlines()
    windows: dict[tuple[str, ...], str] = {}
    for node, statements in _functions(ast.parse(reference)):
        body = "\n".join(lines[statements[0].lineno - 1:statements[-1].end_lineno])
        normal = normalised_lines(body)
        for start in range(len(normal) - run + 1):
            windows.setdefault(tuple(normal[start:start + run]), node.name)
    seen = normalised_lines(text)
    found = []
    for start in range(len(seen) - run + 1):
        window = tuple(seen[start:start + run])
        if window in windows:
            found.append(f"{windows[window]}: {' / '.join(window)}")
    return found


def copied_into_stubs(solutions: Path, exercises: Path) -> list[str]:
    """'<file>: <function>: <lines>' for every stub or notebook in `exercises` that holds
    COPIED_RUN consecutive lines of its own reference (solutions/<same stem>.py)."""
    found = []
    for solution in sorted(solutions.glob("*.py")):
        reference = solution.read_text(encoding="utf-8")
        for stub in sorted(exercises.glob(f"{solution.stem}.*")):
            text = stub.read_text(encoding="utf-8")
            if stub.suffix == ".ipynb":
                text = _notebook_text(text)
            found += [f"{stub.name}: {hit}" for hit in copied_lines(reference, text)]
    return found


def _notebook_text(text: str) -> str:
    """Every cell's source, text cells included: a docstring becomes a text cell."""
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return text
    return "\n".join("".join(cell.get("source", "")) for cell in cells)
