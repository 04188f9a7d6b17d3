"""Text that comes from a submission (printed output, error messages, folder and file names)
made safe to keep, print and write, once, where it enters the grading process.

- invalid Unicode goes: a lone surrogate becomes U+FFFD, except the ones Python makes of
  undecodable bytes in file names (surrogateescape), which show as the byte: `\\xff`;
- control characters (ESC, NUL, carriage return, DEL, C1), the bidirectional overrides that
  reorder what a reader sees, and the two non-characters XML forbids are written visibly as
  escapes (`\\x1b`, `\\u202e`), so they cannot drive a terminal or break a report file;
- newlines and tabs are kept; a Windows line end becomes a newline.
Cleaning is idempotent: clean(clean(text)) == clean(text).
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff\ufffe\uffff]")
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # surrogateescape: one undecodable byte each


def clean(text: object) -> str:
    """`text` as safe text (bytes are decoded as UTF-8, anything else str()-ed first)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="surrogateescape")
    elif not isinstance(text, str):
        text = str(text)
    return _UNSAFE.sub(_visible, text.replace("\r\n", "\n"))


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
