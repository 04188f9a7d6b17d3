"""Every message key used anywhere in grader/ exists, and every template can be filled."""

import ast
from pathlib import Path

import pytest

from grader.records import messages
from grader.records.results import Status, cap_output

GRADER = Path(__file__).resolve().parents[2] / "grader"


def text_calls(source: str) -> list[tuple[str, set[str] | None]]:
    """(key, keyword names) of each messages.text("literal", ...) call; None after **fields."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name == "text" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            fields = {keyword.arg for keyword in node.keywords}
            calls.append((first.value, None if None in fields else fields))
    return calls


def all_text_calls():
    return [call for path in sorted(GRADER.rglob("*.py"))
            for call in text_calls(path.read_text(encoding="utf-8"))]


def test_every_literal_key_exists():
    used = {key for key, _ in all_text_calls()}
    assert used, "the scan found no message keys at all"
    assert not used - messages.keys()


def test_every_call_fills_every_placeholder():
    for key, fields in all_text_calls():
        if fields is not None and key in messages.keys():
            assert messages.placeholders(key) <= fields, key


def test_the_scan_finds_keys_and_fields():
    source = "messages.text('a.b', x=1)\ntext('c', **f)\nother('d')\n"
    assert text_calls(source) == [("a.b", {"x"}), ("c", None)]


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
        with messages.language("xx"):
            pass


def test_cap_output_keeps_short_text_and_marks_cuts():
    assert cap_output("short") == "short"
    capped = cap_output("é" * 20_000)  # 40 000 bytes
    assert len(capped.encode("utf-8")) <= 10_000
    kept, marker = capped.rsplit("\n", 1)
    dropped = 40_000 - len(kept.encode("utf-8"))
    assert set(kept) == {"é"} and marker == messages.text("output.truncated", dropped=dropped)


def test_cap_output_counts_what_was_dropped_before():
    # a worker keeps only the first 10 kB of a call's prints and says how much it dropped
    assert cap_output("short", dropped=5_000) == "short\n" + messages.text(
        "output.truncated", dropped=5_000)
    capped = cap_output("x" * 9_990, dropped=7)
    assert len(capped.encode("utf-8")) <= 10_000
    kept, marker = capped.rsplit("\n", 1)
    assert marker == messages.text("output.truncated", dropped=7 + 9_990 - len(kept))
