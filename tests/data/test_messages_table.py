"""Every message key used anywhere in grader/ exists, and every template can be filled."""

import ast
from pathlib import Path

import pytest

from grader import messages
from grader.results import Status, cap_output

GRADER = Path(__file__).resolve().parents[2] / "grader"


def literal_keys(source: str) -> set[str]:
    """Keys passed as literal strings to messages.text(...) / text(...)."""
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name == "text" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            keys.add(first.value)
    return keys


def test_every_literal_key_exists():
    used = set()
    for path in sorted(GRADER.rglob("*.py")):
        used |= literal_keys(path.read_text(encoding="utf-8"))
    assert used, "the scan found no message keys at all"
    assert not used - messages.keys()


def test_the_scan_finds_keys():
    assert literal_keys("messages.text('a.b', x=1)\ntext('c')\nother('d')\n") == {"a.b", "c"}


@pytest.mark.parametrize("key", sorted(messages.keys()))
def test_every_template_fills(key):
    fields = {name: "FIELD" for name in messages.placeholders(key)}
    filled = messages.text(key, **fields)
    assert filled.strip() and (not fields or "FIELD" in filled)


def test_every_status_has_a_word():
    for status in Status:
        assert messages.status_word(status) == messages.status_word(status.value)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        messages.use_language("xx")


def test_cap_output_keeps_short_text_and_marks_cuts():
    assert cap_output("short") == "short"
    capped = cap_output("é" * 20_000)  # 40 000 bytes
    assert len(capped.encode("utf-8")) <= 10_000
    kept, marker = capped.rsplit("\n", 1)
    dropped = 40_000 - len(kept.encode("utf-8"))
    assert set(kept) == {"é"} and marker == messages.text("output.truncated", dropped=dropped)
