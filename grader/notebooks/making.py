"""Write an exercise's Jupyter notebook from its `.py` file, without losing a learner's work.

The notebook holds: an introduction (the module docstring), the imports, then for each
function a text cell (its docstring) and a code cell (the function without its docstring),
and last a cell that checks the answers in place. Its metadata records a hash of the cells
as generated; a notebook whose cells no longer match it has been changed by the learner and
is only replaced when asked (`force`).
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import os
import re
import textwrap
from enum import Enum
from pathlib import Path

import nbformat

from grader.records import messages
from grader.workers.notebook_source import SKIP_TAG

METADATA_KEY = "descent_kata"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


class StubError(Exception):
    """The exercise's `.py` file cannot be turned into a notebook; the message says why."""


class NotebookFate(str, Enum):
    """What became of a notebook; its words are the messages "notebook_make.<value>"."""

    WRITTEN = "written"
    UPDATED = "updated"
    UP_TO_DATE = "up_to_date"
    KEPT = "kept"
    OVERWRITTEN = "overwritten"


def make_notebook(stub: Path, target: Path, exercise_id: str, *, force: bool = False,
                  text: str | None = None) -> NotebookFate:
    """Write `target` from `stub` unless the learner changed `target` (then only if `force`).
    `text`, when given, is the stub's content to use instead of the file's (git's copy).

    An untouched notebook whose content would not change is left as it is, so its
    modification time (which decides between .py and .ipynb) does not move.
    """
    fresh = build_notebook(stub, exercise_id, text=text)
    if not target.exists():
        _write(fresh, target)
        return NotebookFate.WRITTEN
    recorded = generated_hash(target)
    if recorded is None:
        if not force:
            return NotebookFate.KEPT
        _write(fresh, target)
        return NotebookFate.OVERWRITTEN
    if recorded == fresh.metadata[METADATA_KEY]["cells_sha256"]:
        return NotebookFate.UP_TO_DATE
    _write(fresh, target)
    return NotebookFate.UPDATED


def generated_hash(path: Path) -> str | None:
    """The recorded hash when the notebook is exactly as generated; None when the learner
    changed its cells (outputs do not count) or it was not generated at all."""
    try:
        book = nbformat.read(path, as_version=4)
        recorded = book.metadata[METADATA_KEY]["cells_sha256"]
        return recorded if recorded == cells_hash(book.cells) else None
    except Exception:  # unreadable or not ours: never replace it silently
        return None


def cells_hash(cells) -> str:
    sources = [[cell.cell_type, cell.source] for cell in cells]
    return hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode()).hexdigest()


def build_notebook(stub: Path, exercise_id: str, *,
                   text: str | None = None) -> nbformat.NotebookNode:
    """The notebook for `exercise_id` made from the stub file (or `text`), validated."""
    try:
        text = stub.read_text(encoding="utf-8") if text is None else text
        tree = ast.parse(text, filename=str(stub))
    except OSError as error:
        reason = messages.text("notebook_make.unreadable", file=stub.name, reason=error.strerror)
        raise StubError(reason) from None
    except SyntaxError as error:
        raise StubError(messages.text("notebook_make.syntax", file=stub.name,
                                      line=error.lineno, reason=error.msg)) from None
    lines = text.splitlines()
    cells = [_text_cell("intro", _intro(ast.get_docstring(tree) or "", exercise_id))]
    cells += _body_cells(tree, lines)
    cells += _check_cells(exercise_id)
    book = nbformat.v4.new_notebook(cells=cells)
    book.metadata["kernelspec"] = dict(KERNELSPEC)
    book.metadata["language_info"] = {"name": "python"}
    book.metadata[METADATA_KEY] = {"exercise": exercise_id, "cells_sha256": cells_hash(cells)}
    nbformat.validate(book)
    return book


def _body_cells(tree: ast.Module, lines: list[str]) -> list:
    """Imports first, then each function as text + code; other statements as code."""
    statements = tree.body[1:] if tree.body and _is_docstring(tree.body[0]) else tree.body
    imports = [s for s in statements if isinstance(s, (ast.Import, ast.ImportFrom))]
    cells = []
    if imports:
        cells.append(_code_cell("imports", "\n".join(_segment(lines, s) for s in imports)))
    pending: list[str] = []
    for statement in statements:
        if statement in imports:
            continue
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.append(_segment(lines, statement))
            continue
        if pending:
            cells.append(_code_cell(f"code-{len(cells)}", "\n\n".join(pending)))
            pending = []
        cells += _function_cells(statement, lines)
    if pending:
        cells.append(_code_cell(f"code-{len(cells)}", "\n\n".join(pending)))
    return cells


def _function_cells(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> list:
    docstring = ast.get_docstring(node)
    heading = f"### `{_signature(node, lines)}`"
    text = heading + ("\n\n" + _markdown(docstring) if docstring else "")
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    last = node.end_lineno or node.lineno  # set by ast.parse; typed as optional
    keep = list(range(_leading_comments_start(lines, first), last + 1))
    if docstring and len(node.body) > 1:  # the text cell above already shows it
        doc = node.body[0]
        doc_end = doc.end_lineno or doc.lineno
        keep = [n for n in keep if not doc.lineno <= n <= doc_end]
    code = "\n".join(lines[n - 1] for n in keep)
    return [_text_cell(f"{node.name}-text", text), _code_cell(node.name, code)]


def _check_cells(exercise_id: str) -> list:
    number = exercise_id.split("_", 1)[0]
    text = messages.text("notebook_text.check", number=number, tag=SKIP_TAG)
    comment = messages.text("notebook_text.check_comment")
    stuck = messages.text("notebook_text.hint_comment", number=number)
    # a notebook written in another language reports in it too, whatever the kernel's locale
    lang = "" if messages.current() == "en" else f', lang="{messages.current()}"'
    code = (f'from grader import check, hint\n\n{comment}\nreport = check("{number}"{lang})\n'
            f"{stuck}")
    check = _code_cell("check", code)
    check.metadata["tags"] = [SKIP_TAG]  # grading must not start grading again
    return [_text_cell("check-text", text), check]


def _intro(docstring: str, exercise_id: str) -> str:
    title, _, rest = inspect.cleandoc(docstring).partition("\n")
    heading = "# " + _escape(title.strip().rstrip(".") or exercise_id)
    parts = [heading, _markdown(rest.strip())] if rest.strip() else [heading]
    return "\n\n".join(parts + [messages.text("notebook_text.notes", tag=SKIP_TAG)])


def _markdown(docstring: str) -> str:
    """Plain-text docstring -> Markdown that shows the same text: prose paragraphs are
    escaped (so `x**2` is not bold), indented blocks (formulas, Args, examples) are kept
    verbatim in code blocks."""
    blocks = re.split(r"\n\s*\n", inspect.cleandoc(docstring))
    shown = []
    for block in blocks:
        lines = block.splitlines()
        if any(line.startswith((" ", "\t")) for line in lines):
            shown.append("```text\n" + textwrap.dedent(block) + "\n```")
        else:
            shown.append("\n".join(_escape(line) for line in lines))
    return "\n\n".join(shown)


def _escape(line: str) -> str:
    """Escape Markdown (and MathJax `$`) outside `inline code`; keep list markers."""
    parts = line.split("`")
    for i in range(0, len(parts), 2):  # even parts lie outside backticks
        parts[i] = re.sub(r"([\\*_\[\]<>#$|])", r"\\\1", parts[i])
    return "`".join(parts)


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> str:
    end = max(node.body[0].lineno - 1, node.lineno)
    header = " ".join(line.strip() for line in lines[node.lineno - 1:end])
    header = re.sub(r"^(async\s+)?def\s+", "", header).rstrip(":").strip()
    # A signature spread over lines reads "f(a, b)" on one line, not "f( a, b, )".
    return re.sub(r",?\s+\)", ")", re.sub(r"\(\s+", "(", header))


def _leading_comments_start(lines: list[str], first: int) -> int:
    """The first line of the comment block written directly above line `first`."""
    while first > 1 and lines[first - 2].lstrip().startswith("#"):
        first -= 1
    return first


def _segment(lines: list[str], node: ast.stmt) -> str:
    start = _leading_comments_start(lines, node.lineno)
    return "\n".join(lines[start - 1:node.end_lineno])


def _is_docstring(node: ast.stmt) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def _text_cell(cell_id: str, text: str):
    return nbformat.v4.new_markdown_cell(text, id=_cell_id(cell_id))


def _code_cell(cell_id: str, code: str):
    return nbformat.v4.new_code_cell(code, id=_cell_id(cell_id))


def _cell_id(name: str) -> str:
    # Fixed ids keep regenerated notebooks identical, so diffs show only real changes.
    return re.sub(r"[^A-Za-z0-9_-]", "-", name)[:64]


def _write(book: nbformat.NotebookNode, target: Path) -> None:
    # Write beside the target and rename, so an interrupted write never leaves half a file.
    partial = target.with_name(target.name + ".partial")
    nbformat.write(book, str(partial))
    os.replace(partial, target)
