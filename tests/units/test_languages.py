"""English and Simplified Chinese: the two tables agree key for key, the language is chosen as
the spec says (--lang, then GRADER_LANG, then the locale, else English), no learner-facing
sentence bypasses the tables, and the command line speaks Chinese end to end while ids, tags
and JSON keys stay those of the English run."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

import grader
from grader.cli import main
from grader.records import messages
from grader.records.errors import SetupError
from grader.records.messages_en import TABLE as EN
from grader.records.messages_zh import TABLE as ZH

REPO = Path(__file__).resolve().parents[2]
GRADER = REPO / "grader"
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")  # two English words in a row
CJK = re.compile(r"[\u4e00-\u9fff]")

# ---- the tables -------------------------------------------------------------------------------


def test_both_tables_have_the_same_keys_in_the_same_order():
    assert list(ZH) == list(EN)


@pytest.mark.parametrize("key", sorted(EN))
def test_each_key_has_the_same_placeholders_in_both(key):
    assert messages.placeholders(key, "zh") == messages.placeholders(key, "en")


def test_every_english_sentence_has_a_chinese_one():
    # a template with English words in it must not come back untranslated
    untranslated = [key for key, template in EN.items()
                    if ENGLISH.search(template) and not CJK.search(ZH[key])]
    assert untranslated == ["type.int"]  # "an int" is the Python name alone: "int"


def test_the_course_terms_are_the_course_s():
    # the status words a learner reads on every line of a report
    with messages.language("zh"):
        assert [messages.status_word(s) for s in ("passed", "wrong", "error")] == [
            "通过", "答案错误", "出错"]


# ---- choosing the language ----------------------------------------------------------------------


@pytest.mark.parametrize("flag, environ, chosen", [
    ("en", {"GRADER_LANG": "zh", "LC_ALL": "zh_CN.UTF-8"}, "en"),   # the flag first
    ("zh", {}, "zh"),
    (None, {"GRADER_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),  # then GRADER_LANG
    (None, {"GRADER_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # then LC_ALL
    (None, {"LC_ALL": "C.UTF-8", "LANG": "zh_TW.UTF-8"}, "en"),      # LC_ALL set: LANG unread
    (None, {"LANG": "zh_CN.UTF-8"}, "zh"),                           # then LANG
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),                           # English otherwise
    (None, {}, "en"),
])
def test_language_resolution_order(flag, environ, chosen):
    assert messages.choose_language(flag, environ) == chosen


def test_an_unknown_grader_lang_is_refused_not_ignored():
    with pytest.raises(SetupError, match="xx"):
        messages.choose_language(None, {"GRADER_LANG": "xx"})


def test_a_language_block_ends_with_the_call():
    assert messages.current() == "en"
    with messages.language("zh"):
        assert messages.text("list.no_file") == "没有文件"
        with messages.language("en"):
            assert messages.text("list.no_file") == "no file"
        assert messages.current() == "zh"
    assert messages.current() == "en"


def test_no_module_global_holds_the_language():
    module = ast.parse((GRADER / "records" / "messages.py").read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(module) if isinstance(node, ast.Global)]


# ---- no learner-facing sentence outside the tables -----------------------------------------------

LEARNER_FACING = [
    GRADER / "cli.py",
    *sorted((GRADER / "commands").glob("*.py")),
    *sorted((GRADER / "notebooks").glob("*.py")),
    *sorted((GRADER / "grading").glob("*.py")),
    *sorted((GRADER / "reports").glob("*.py")),
    *(GRADER / "workers" / name for name in ("notebook_source.py", "loader.py", "worker.py",
                                             "pool.py")),
]
# Exceptions that programmers and kata authors read: a fault of ours, a malformed test.
AUTHOR_ERRORS = {"ValueError", "TypeError", "KeyError", "LookupError", "WireError",
                 "UsageError", "ArgumentTypeError", "CatalogueError", "ImportError"}
# Calls whose text is not feedback: argparse's help (English, like argparse's own words) and
# pytest's bookkeeping inside the hidden-test session.
NOT_FEEDBACK_CALLS = {"add_argument", "add_parser", "addinivalue_line", "skip", "error"}
ALLOWED = {
    "not finite", "changed input",  # grader.grading.compare's Difference kinds: ids, not words
    "nothing is prepared", "the file is not loaded", "unknown request ",  # our faults
    "from grader import check, hint\n\n",  # the code of a notebook's check cell
    "the hidden tests could not run:\n",  # the kata's author broke a hidden test file
}
HELP_CONSTANTS = {"COMMANDS", "LANG_HELP", "DESCRIPTION", "EPILOG",  # cli.py's --help texts
                  "_SYMPTOMS",  # diagnosis.py: error texts it recognises, never shown
                  "_IMPORTS",  # helper_code.py: Python code a learner pastes
                  "_PAGE", "_IMAGE", "_STYLE",  # class_report.py: HTML and CSS, not words
                  # lms.py: the columns Canvas and Moodle import, the same in every language
                  "CANVAS_HEADER", "MOODLE_HEADER", "CANVAS_POINTS",
                  "_SCRIPT",  # replay.py: the Python code of a replay script
                  # cli.py: argparse's own words, recognised to be said in the tables' words
                  "_ARGPARSE_LINES", "_ARGPARSE_HELP", "_ARGPARSE_ERRORS"}


def bypassing(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal with English words that is not a docstring, a
    message key, an author's error, --help text or an allowed id."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and ENGLISH.search(node.value) and node.value not in ALLOWED
                and not _exempt(node, parents)):
            found.append((node.lineno, node.value))
    return found


def _exempt(node: ast.AST, parents: dict) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.Expr):
        return True  # a docstring
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, ast.keyword) and parent.arg in ("help", "description"):
            return True
        if isinstance(parent, ast.Call) and _name(parent.func) in NOT_FEEDBACK_CALLS:
            return True
        parent = parents.get(parent)
    if isinstance(parent, ast.Raise) and isinstance(parent.exc, ast.Call):
        return _name(parent.exc.func) in AUTHOR_ERRORS
    if isinstance(parent, ast.Assert):
        return True
    targets = getattr(parent, "targets", None) or [getattr(parent, "target", None)]
    return any(getattr(target, "id", None) in HELP_CONSTANTS for target in targets)


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


@pytest.mark.parametrize("path", LEARNER_FACING, ids=lambda path: path.name)
def test_no_learner_facing_sentence_bypasses_the_tables(path):
    assert bypassing(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("injected", [
    'print("Your answer is wrong")',
    'def f(x):\n    return f"got {x}, expected something else"',
    'raise SetupError("no kata here")',
    'stream.write("graded all of them")',
    'lines.append("  > see the hint")',
])
def test_the_scan_finds_an_injected_sentence(injected):
    assert bypassing(injected)


def test_the_scan_lets_keys_docstrings_and_author_errors_pass():
    source = ('"""A module docstring with words."""\n'
              'print(messages.text("report.all_passed"))\n'
              'raise ValueError("a fault of ours, for us")\n'
              'parser.add_argument("--x", help="what x does")\n')
    assert bypassing(source) == []


# ---- grader.check in notebooks ------------------------------------------------------------------


def test_check_speaks_the_language_it_is_given(capsys, monkeypatch):
    # Called from a test module (not __main__), check() only says why it grades nothing.
    monkeypatch.delenv("GRADER_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert grader.check("01", lang="zh") is None
    assert capsys.readouterr().out == messages_in("zh", "inline.skipped") + "\n"
    monkeypatch.setenv("GRADER_LANG", "zh")
    grader.check("01")
    assert capsys.readouterr().out == messages_in("zh", "inline.skipped") + "\n"
    grader.check("01", lang="en")  # the argument beats GRADER_LANG
    assert capsys.readouterr().out == messages_in("en", "inline.skipped") + "\n"
    assert messages.current() == "en"


def messages_in(code: str, key: str, **fields: object) -> str:
    with messages.language(code):
        return messages.text(key, **fields)


# ---- the command line, end to end ---------------------------------------------------------------


@pytest.fixture(scope="module")
def kata(tmp_path_factory):
    """A copy of the kata whose 04 never clears the gradient, whose 01 fails while loading
    and whose 03 is a notebook that is not valid JSON."""
    root = tmp_path_factory.mktemp("kata")
    shutil.copy(REPO / "catalogue.toml", root)
    for folder in ("exercises", "solutions", "hidden_tests"):
        shutil.copytree(REPO / folder, root / folder)
    mistake = REPO / "tests" / "styles" / "04_autograd" / "mistake_minimize_forgets_zero_grad.py"
    shutil.copy(mistake, root / "exercises" / "04_autograd.py")
    (root / "exercises" / "01_derivatives.py").write_text(
        "def helper():\n    raise RuntimeError('boom')\n\n\nhelper()\n", encoding="utf-8")
    notebook = root / "exercises" / "03_partial_derivatives.ipynb"
    notebook.write_text('{"cells": [', encoding="utf-8")
    later = (root / "exercises" / "03_partial_derivatives.py").stat().st_mtime + 10
    os.utime(notebook, (later, later))  # the notebook is the file graded
    return root


@pytest.fixture
def in_kata(kata, monkeypatch):
    monkeypatch.chdir(kata)
    for name in ("GRADER_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return kata


def test_run_04_in_chinese_names_the_verdict_and_the_call(in_kata, capsys):
    assert main(["run", "04", "--lang", "zh", "--seed", "5", "--json", "zh.json"]) == 1
    chinese = capsys.readouterr().out
    assert main(["run", "04", "--seed", "5", "--json", "en.json"]) == 1
    english = capsys.readouterr().out
    assert "答案错误  minimize" in chinese and "> minimize（答案错误）：" in chinese
    assert "调用：minimize(fn=" in chinese and "得到 " in chinese and "应为 " in chinese
    assert "总分：15/20 分" in chinese
    assert not re.search(r"\b(wrong|Called|got|expected|points|Total)\b", chinese)
    assert "wrong        minimize" in english and "Called minimize(fn=" in english
    assert skeleton(json.loads(Path("zh.json").read_text(encoding="utf-8"))) == skeleton(
        json.loads(Path("en.json").read_text(encoding="utf-8")))
    assert messages.current() == "en"  # nothing outlives the command


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def skeleton(data: object) -> object:
    """The JSON with every sentence blanked: keys, ids, tags, statuses and scores remain."""
    if isinstance(data, dict):
        sentences = ("output", "message", "load_error", "execution_time", "seconds")
        return {key: "" if key in sentences else skeleton(value)
                for key, value in data.items()}
    if isinstance(data, list):
        return [skeleton(item) for item in data]
    return data


def test_sentences_built_in_workers_are_chinese_too(in_kata, capsys):
    assert main(["--lang", "zh", "run", "01", "03", "--seed", "5"]) == 1
    out = re.sub(r"\s+", " ", capsys.readouterr().out)  # as read, not as wrapped
    # the load error's traceback (built in the learner's worker) and the notebook's error
    assert "加载 exercises/01_derivatives.py 时抛出了 RuntimeError：boom" in out
    assert "exercises/01_derivatives.py，第 2 行，在 helper 中" in out
    assert "exercises/03_partial_derivatives.ipynb：不是有效的 notebook：JSON 在第 1 行" in out
    assert not re.search(r"\b(line|cell|while loading|not a valid)\b", out)


def test_grader_lang_and_locale_choose_when_no_flag(in_kata, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["list"]) == 0
    assert "练习" in capsys.readouterr().out
    monkeypatch.setenv("GRADER_LANG", "en")
    assert main(["list"]) == 0
    assert "exercise" in capsys.readouterr().out
    monkeypatch.setenv("GRADER_LANG", "xx")
    assert main(["list"]) == 2
    assert "xx" in capsys.readouterr().err


def test_list_and_hint_in_chinese(in_kata, capsys):
    assert main(["list", "--lang", "zh"]) == 0
    header, *rows, total = capsys.readouterr().out.splitlines()
    assert header.split() == ["#", "练习", "状态", "得分", "文件"]
    assert total.endswith(" 分") and total.startswith("[")
    assert any("02_gradient_descent" in row and "未开始" in row for row in rows)
    # the file column starts at the same terminal column on every line, Chinese words included
    assert len({cells(line[:line.index(word)]) for line, word in
                [(header, "文件")] + [(row, "exercises/") for row in rows]}) == 1
    assert main(["hint", "02", "--lang", "zh"]) == 0
    assert "02_gradient_descent 的函数 gradient_descent，提示 1/" in capsys.readouterr().out
    assert main(["--lang", "en", "list"]) == 0
    assert capsys.readouterr().out.split()[:5] == ["#", "exercise", "status", "points", "file"]


def test_notebook_in_chinese_writes_chinese_texts(in_kata, capsys):
    assert main(["notebook", "05", "--lang", "zh"]) == 0
    assert "exercises/05_linear_regression.ipynb：已生成" in capsys.readouterr().out
    book = json.loads((in_kata / "exercises" / "05_linear_regression.ipynb").read_text("utf-8"))
    text = "".join("".join(cell["source"]) for cell in book["cells"])
    assert "如何使用这个 notebook" in text and "## 检查你的答案" in text
    assert 'report = check("05", lang="zh")' in text


def test_grade_in_chinese_keeps_the_gradebook_s_headers(in_kata, tmp_path, capsys):
    submission = tmp_path / "ada" / "exercises"
    submission.mkdir(parents=True)
    shutil.copy(in_kata / "exercises" / "04_autograd.py", submission)
    for code in ("zh", "en"):
        out = tmp_path / f"out_{code}"
        argv = ["grade", str(submission.parent), "--out", str(out), "--seed", "5"]
        assert main(argv + ["--lang", code]) == 0
    said = capsys.readouterr().out
    assert "1 份提交中已评分 1 份" in said and "graded 1 of 1 submissions" in said
    zh, en = (json.loads((tmp_path / f"out_{code}" / "ada" / "results.json").read_text("utf-8"))
              for code in ("zh", "en"))
    assert skeleton(zh) == skeleton(en)
    assert any("调用：minimize(" in test["output"] for test in zh["tests"])
    headers = [(tmp_path / f"out_{code}" / "gradebook.csv").read_text("utf-8").splitlines()[0]
               for code in ("zh", "en")]
    assert headers[0] == headers[1]


def test_one_chinese_term_for_epochs_as_the_lesson_says():
    """The lesson says 迭代次数 for epochs; 轮数 or 每一轮 beside it would read as another
    idea. Tables, hints, the course's diagnoses and the stubs use the lesson's word."""
    root = GRADER.parent
    texts = [(GRADER / "records" / "messages_zh.py"), root / "catalogue.toml",
             root / "hidden_tests" / "mistakes" / "diagnoses.toml",
             *sorted((root / "exercises").glob("*.py"))]
    for path in texts:
        assert "轮" not in path.read_text(encoding="utf-8"), path.name
    assert "迭代次数" in (root / "catalogue.toml").read_text(encoding="utf-8")
