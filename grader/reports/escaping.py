"""Learner text as data in every report format: one rule per format, applied by the reporter
where a learner's words (an exception message, printed output, a file or folder name) are
put into its file. A learner can then make no heading, link, image, score line, table,
formula or element in any of them.

- Terminal: grader.records.learner_text.clean, applied where the text enters the grading
  process (control characters and bidirectional overrides shown as escapes), so every report
  starts from it.
- Markdown (Gradescope's "md" output, which also renders raw HTML): code, where nothing is
  interpreted; a line as an inline code span, several lines as a fenced block, each with a
  fence longer than any run of backticks inside.
- CSV (a spreadsheet opens the gradebook): a cell that would start a formula gets a leading
  apostrophe (OWASP's CSV-injection rule); quoting is the csv module's.
- XML (JUnit): characters XML 1.0 cannot hold become U+FFFD; markup characters are
  ElementTree's to escape.
"""

from __future__ import annotations

import re

_BACKTICKS = re.compile(r"`+")
# What a spreadsheet reads as the start of a formula, also after leading spaces, and the
# full-width forms some spreadsheets take for them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def markdown_code(text: str) -> str:
    """`text` on one line as a Markdown code span: shown as it is, never interpreted."""
    flat = " ".join(text.split()) or " "
    fence = "`" * (_longest_backticks(flat) + 1)
    pad = " " if flat[0] in "` " or flat[-1] in "` " else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def markdown_block(text: str) -> str:
    """`text` verbatim in Markdown, lines and indentation kept: a fenced code block."""
    fence = "`" * max(3, _longest_backticks(text) + 1)
    return f"{fence}\n{text}\n{fence}"


def csv_cell(text: str) -> str:
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_STARTS) else text


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _longest_backticks(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)
