"""Read a Jupyter notebook as the Python source the grader loads.

Runs inside the worker, so it uses the standard library only (no nbformat import per load).
The code cells are joined in order into one module; `NotebookSource.locate` maps a line of
that module back to the notebook. Cells are numbered as a learner sees them: every cell
counts (text cells too), from 1 at the top.

What changes on the way, always keeping one line of code per line of the cell:
- IPython-only lines (`%magic`, `!shell`, `name?` help) become `pass`; a `%%cell_magic`
  cell is dropped unless its body is plain Python that Jupyter runs as such (`%%time`,
  `%%capture`).
- Cells tagged `skip-grading` are left out (slow demos, plots, the notebook's own check);
  code under `if __name__ == "__main__":` is skipped too, since the grader loads the
  notebook as a module with another name.
- Stored outputs are ignored.
- `display(...)` and `get_ipython()` exist, as in a kernel, and do nothing; plots are drawn
  off-screen (notebook_to_source sets this up in the process that runs the code).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

# grader.records.messages imports only the standard library too, so a worker that loads a notebook
# still imports nothing else. Whoever reports a NotebookError puts the file's name in front.
from grader.records import messages

SKIP_TAG = "skip-grading"
BROKEN_CELL = "__grader_broken_cell__"  # the builtin that stands in for a broken cell's functions
SUPPORTED_MAJOR = 4
# Cell magics whose body Jupyter runs as ordinary Python in the notebook's namespace.
PYTHON_BODY_CELL_MAGICS = frozenset({"time", "capture"})

# Python's own line ends (str.splitlines would also split at form feeds and U+2028).
_NEWLINE = re.compile(r"\r\n|\r|\n")
_HELP_LINE = re.compile(r"^\s*(\?{1,2}[\w.*]+|[A-Za-z_][\w.]*\?{1,2})\s*$")


class NotebookError(Exception):
    """The notebook cannot be graded; the message says why (and names the file when
    notebook_to_source was given its name)."""


@dataclass(frozen=True)
class CellSpan:
    """Where one code cell sits: its number in the notebook and its lines in the module."""

    number: int
    first_line: int
    line_count: int


@dataclass(frozen=True)
class NotebookSource:
    """The notebook's gradable code and the way back from module lines to cells."""

    name: str
    code: str
    cells: tuple[CellSpan, ...]

    def locate(self, line: int) -> tuple[int, int]:
        """(cell number, line within that cell) for a 1-based line of `code`."""
        for span in self.cells:
            if span.first_line <= line < span.first_line + span.line_count:
                return span.number, line - span.first_line + 1
        raise ValueError(f"line {line} is outside the code of {self.name}")

    def describe(self, line: int) -> str:
        """A line of `code` in the learner's terms, e.g. "cell 4, line 2"."""
        cell, line_in_cell = self.locate(line)
        return messages.text("notebook.where", cell=cell, line=line_in_cell)


def notebook_to_source(path: str | os.PathLike, *, name: str | None = None) -> NotebookSource:
    """Read the notebook at `path` for grading, in the process that will run its code.

    As read_notebook; and like the IPython kernel, it makes `display` and `get_ipython`
    available to the code (as builtins of this process) and keeps matplotlib off-screen.
    """
    source = read_notebook(path, name=name)
    install_jupyter_builtins()
    return source


def read_notebook(path: str | os.PathLike, *, name: str | None = None) -> NotebookSource:
    """The notebook's gradable code, read without changing anything in this process.

    Raises NotebookError for an unreadable file or malformed JSON, an nbformat version
    other than 4, a notebook without code, and a cell that is not valid Python. Its message
    starts with `name` when given ("exercises/x.ipynb: cell 4, line 2: invalid syntax");
    without it the message starts at the reason, for a caller that names the file itself.
    """
    path = Path(path)
    try:
        return _convert(path, name or path.name)
    except NotebookError as error:
        if name:
            raise NotebookError(messages.text("load.in_file", file=name, problem=error)) from None
        raise


def _convert(path: Path, name: str) -> NotebookSource:
    cells = _read_cells(path)
    pieces: list[str] = []
    spans: list[CellSpan] = []
    next_line = 1
    for number, cell in enumerate(cells, start=1):
        lines = _gradable_lines(cell, number, name)
        if not lines:
            continue
        spans.append(CellSpan(number, next_line, len(lines)))
        pieces.extend(lines)
        next_line += len(lines)
    if not any(piece.strip() for piece in pieces):
        raise NotebookError(messages.text("notebook.no_code", tag=SKIP_TAG))
    return NotebookSource(name, "\n".join(pieces) + "\n", tuple(spans))


def install_jupyter_builtins() -> None:
    """Give this process what the IPython kernel gives notebook code without an import:
    builtins `display` (shows nothing: grading has no screen) and `get_ipython` (a shell
    whose every method does nothing), unless already there. matplotlib draws off-screen
    (MPLBACKEND=Agg unless set), so `plt.show()` never opens a window and waits."""
    builtins.__dict__.setdefault("display", _display)
    builtins.__dict__.setdefault("get_ipython", _get_ipython)
    builtins.__dict__[BROKEN_CELL] = _broken_function
    os.environ.setdefault("MPLBACKEND", "Agg")


def _read_cells(path: Path) -> list[dict]:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NotebookError(messages.text("notebook.unreadable", reason=error)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(messages.text("notebook.bad_json", line=error.lineno,
                                          column=error.colno, reason=error.msg)) from None
    if not isinstance(data, dict):
        raise NotebookError(messages.text("notebook.not_an_object"))
    major = data.get("nbformat")
    if major is None:
        raise NotebookError(messages.text("notebook.no_version"))
    if major != SUPPORTED_MAJOR:
        raise NotebookError(messages.text("notebook.old_version", version=major,
                                          supported=SUPPORTED_MAJOR))
    cells = data.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise NotebookError(messages.text("notebook.no_cells"))
    return cells


def _gradable_lines(cell: dict, number: int, name: str) -> list[str]:
    """The cell's lines as the grader runs them; [] for text cells and skipped cells."""
    if cell.get("cell_type") != "code" or SKIP_TAG in _tags(cell):
        return []
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(str(part) for part in source)
    if not isinstance(source, str):
        raise NotebookError(messages.text("notebook.bad_source", number=number))
    lines = _without_ipython_syntax(_NEWLINE.split(source))
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last line, it does not start another
    try:
        _check_syntax(lines, number)
    except NotebookError as error:
        return _broken_cell(lines, f"{name}, {error}", error)
    return lines


def _tags(cell: dict) -> list:
    metadata = cell.get("metadata")
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    return tags if isinstance(tags, list) else []


def _without_ipython_syntax(lines: list[str]) -> list[str]:
    """The lines with IPython-only syntax neutralised; the line count never changes."""
    if lines and lines[0].lstrip().startswith("%%"):
        magic = (lines[0].lstrip()[2:].split() or [""])[0]
        body = lines[1:] if magic in PYTHON_BODY_CELL_MAGICS else ["" for _ in lines[1:]]
        return ["pass"] + _without_ipython_syntax(body)
    result = list(lines)
    for index, line in enumerate(lines):
        plain = _plain_python(line)
        # IPython reads `%` and `!` only where a statement starts: inside a multi-line
        # string or brackets they are ordinary text (`x = (a\n % b)` is Python).
        if plain != line and _starts_statement(result[:index]):
            result[index] = plain
    return result


def _plain_python(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(("%", "!")) or _HELP_LINE.match(line):
        return line[: len(line) - len(stripped)] + "pass"
    return line


def _starts_statement(before: list[str]) -> bool:
    """True when the lines `before` end with a complete statement (or have none)."""
    try:
        for _ in tokenize.generate_tokens(io.StringIO("\n".join(before) + "\n").readline):
            pass
    except tokenize.TokenError:  # the end falls inside a string, brackets or after a `\`
        return False
    except SyntaxError:
        return True  # bad indentation: the syntax check that follows reports it by cell
    return True


def _check_syntax(lines: list[str], number: int) -> None:
    # Jupyter compiles each cell on its own, so a cell must be complete Python by itself.
    try:
        compile("\n".join(lines) + "\n", f"cell {number}", "exec", dont_inherit=True)
    except SyntaxError as error:
        where = messages.text("notebook.where", cell=number, line=error.lineno or 1)
        raise NotebookError(_syntax_message(where, error)) from None


_TOP_LEVEL_DEF = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)")


def _broken_cell(lines: list[str], reason: str, error: NotebookError) -> list[str]:
    """A cell that is not valid Python fails only the functions it defines: each `def` line
    binds its name to a function that raises SyntaxError with the cell's error (made by the
    BROKEN_CELL builtin, so no line of the notebook shows in its traceback), the other lines
    go blank (lines keep their numbers). A broken cell that defines nothing fails the load."""
    stubs = list(lines)
    found = False
    for index, line in enumerate(lines):
        match = _TOP_LEVEL_DEF.match(line)
        stubs[index] = ""
        if match:
            found = True
            message = messages.text("notebook.broken_cell", function=match.group(1),
                                    reason=reason)
            stubs[index] = f"{match.group(1)} = {BROKEN_CELL}({message!r})"
    if not found:
        raise error
    return stubs


def _syntax_message(where: str, error: SyntaxError) -> str:
    # One line: reporters rewrap text, which would move a caret away from its column.
    text = (error.text or "").strip()
    if text:
        return messages.text("notebook.syntax_in", where=where, reason=error.msg, text=text)
    return messages.text("notebook.syntax", where=where, reason=error.msg)


def _broken_function(message: str):
    """A function that only says why it could not be defined."""

    def broken(*args, **kwargs):
        raise SyntaxError(message)

    return broken


def _display(*objects, **options) -> None:
    """Jupyter's display(): graded code has no screen, so showing something does nothing."""


class _NoShell:
    """Stands in for the IPython shell: every method exists and does nothing."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None


def _get_ipython() -> _NoShell:
    return _NoShell()
