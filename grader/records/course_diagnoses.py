"""A course's own diagnoses: the id each of its mistake models names and the sentence a
learner reads for it, in each language (hidden_tests/mistakes/diagnoses.toml).

The grader names by itself only what a comparison or an error shows (grader.grading.diagnosis);
every other id is course material, added beside its models without touching the grader.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from grader.records import messages
from grader.records.catalogue import LANGUAGES, CatalogueError

Sentences = Mapping[str, Mapping[str, str]]  # id -> language -> sentence


def load(path: Path) -> dict[str, dict[str, str]]:
    """The file's diagnoses, checked: each a table with an English sentence (and a Chinese
    one); an absent file (a kata without models) has none."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError(f"{path}: {error}") from error
    found = {}
    for key, table in data.items():
        if not isinstance(table, dict) or not isinstance(table.get("en"), str):
            raise CatalogueError(f"{path}: [{key}] needs en = \"...\" (and zh = \"...\")")
        unknown = sorted(set(table) - set(LANGUAGES))
        if unknown or not all(isinstance(text, str) and text.strip() for text in table.values()):
            raise CatalogueError(f"{path}: [{key}] holds one sentence per language {LANGUAGES}")
        found[key] = {language: text.strip() for language, text in table.items()}
    return found


def said(sentences: Sentences, key: str, language: str) -> str:
    """What a learner reads for `key`: the course's sentence for its ids, the grader's own
    for the ones it finds itself, the id alone where neither has one."""
    own = sentence(sentences, key, language)
    if own is not None:
        return own
    return messages.text(f"diagnosis.{key}") if f"diagnosis.{key}" in messages.keys() else key


def sentence(sentences: Sentences, key: str, language: str) -> str | None:
    """The sentence for `key` in `language` (English where it has none); None if unknown."""
    table = sentences.get(key)
    if table is None:
        return None
    return table.get(language) or table["en"]
