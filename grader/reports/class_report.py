"""`grader report`'s two files from a ClassSummary: report.md (a CI job's summary, GitHub
Markdown) and report.html (one self-contained page, its pictures embedded as data URIs).
Both are made from the same sections, so they say the same things; every learner text
(names, messages) is escaped for the format it goes into."""

from __future__ import annotations

import base64
import html
import re
import statistics
from dataclasses import dataclass

from grader.records import course_diagnoses, messages
from grader.records.results import Status
from grader.reports.class_summary import ClassSummary

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


@dataclass(frozen=True)
class Section:
    title: str
    text: str = ""  # a paragraph before the table
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    picture: str = ""  # a key of the pictures given to `to_html`
    empty: str = ""  # said instead of the table when it has no rows


def sections(summary: ClassSummary,
             sentences: course_diagnoses.Sentences | None = None) -> list[Section]:
    """`sentences`: the course's diagnoses (its hidden_tests/mistakes/diagnoses.toml)."""
    return [_overview(summary), _exercises(summary), _functions(summary),
            _misconceptions(summary, sentences or {}), _first_failures(summary),
            _same_results(summary),
            _faults(summary), _not_graded(summary)]


def _t(key: str, **fields: object) -> str:
    return messages.text(f"class_report.{key}", **fields)


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def _rate(passed: int, total: int) -> str:
    return f"{100 * passed / total:.0f} %" if total else "–"


def _overview(summary: ClassSummary) -> Section:
    scores = summary.scores
    fields = {"learners": summary.learners, "graded": len(summary.graded),
              "not_graded": len(summary.not_graded), "faults": len(summary.faults),
              "max_score": _number(summary.max_score)}
    if not scores:
        return Section(_t("title_overview"), _t("overview", **fields))
    text = _t("overview_scores", **fields, mean=_number(statistics.fmean(scores)),
              median=_number(statistics.median(scores)),
              full=sum(s >= summary.max_score for s in scores))
    return Section(_t("title_overview"), text, picture="scores")


def _exercises(summary: ClassSummary) -> Section:
    total = len(summary.graded)
    rows = tuple((ex, str(n), str(total), _rate(n, total)) for ex, n in summary.exercise_passed)
    return Section(_t("title_exercises"), header=(_t("exercise"), _t("passed"), _t("graded"),
                                                  _t("rate")), rows=rows)


def _functions(summary: ClassSummary) -> Section:
    order = (Status.WRONG, Status.ERROR, Status.TIMED_OUT, Status.NOT_STARTED)
    header = (_t("exercise"), _t("function"), _t("passed"),
              *(messages.status_word(status) for status in order), _t("rate"))
    rows = tuple((r.exercise, r.function, str(r.passed), *(str(r.statuses[s]) for s in order),
                  _rate(r.passed, sum(r.statuses.values()))) for r in summary.functions)
    return Section(_t("title_functions"), _t("functions_text"), header, rows, "functions")


def _misconceptions(summary: ClassSummary, sentences: course_diagnoses.Sentences) -> Section:
    language = messages.current()
    rows = tuple((m.diagnosis, course_diagnoses.said(sentences, m.diagnosis, language),
                  str(len(m.learners)),
                  ", ".join(m.learners), ", ".join(m.functions))
                 for m in summary.misconceptions)
    header = (_t("diagnosis"), _t("meaning"), _t("learners"), _t("who"), _t("where"))
    return Section(_t("title_misconceptions"), _t("misconceptions_text"), header, rows,
                   "misconceptions", _t("misconceptions_none"))


def _first_failures(summary: ClassSummary) -> Section:
    rows = []
    for first, learner in zip(summary.first_failures, summary.graded):
        check, report = first.check, learner.report
        score = f"{_number(report.score)}/{_number(report.max_score)}" if report else ""
        if check is None:
            rows.append((first.learner, score, _t("all_passed"), "", ""))
        else:
            rows.append((first.learner, score, f"{check.exercise}: {check.function}",
                         messages.status_word(check.status), ", ".join(check.diagnoses)))
    header = (_t("learner"), _t("score"), _t("first_failing"), _t("status"), _t("diagnosis"))
    return Section(_t("title_first"), _t("first_text"), header, tuple(rows))


def _same_results(summary: ClassSummary) -> Section:
    rows = tuple((f"{p.first} – {p.second}", str(len(p.functions)), str(p.unexplained),
                  ", ".join(p.functions)) for p in summary.same_pairs)
    header = (_t("pair"), _t("identical"), _t("unexplained"), _t("where"))
    return Section(_t("title_same"), _t("same_text"), header, rows, empty=_t("same_none"))


def _faults(summary: ClassSummary) -> Section:
    rows = tuple((f.learner, f.where or _t("whole_submission"), f.what) for f in summary.faults)
    return Section(_t("title_faults"), _t("faults_text"),
                   (_t("learner"), _t("where"), _t("what")), rows, empty=_t("faults_none"))


def _not_graded(summary: ClassSummary) -> Section:
    rows = tuple((learner.name, learner.reason) for learner in summary.not_graded)
    return Section(_t("title_not_graded"), header=(_t("learner"), _t("why")), rows=rows,
                   empty=_t("not_graded_none"))


# ---------------------------------------------------------------- Markdown


def to_markdown(parts: list[Section], title: str) -> str:
    lines = [f"# {_md(title)}", ""]
    for section in parts:
        lines += [f"## {_md(section.title)}", ""]
        if section.text:
            lines += [_md(section.text), ""]
        if section.rows:
            lines += [_md_row(section.header), "|" + "---|" * len(section.header)]
            lines += [_md_row(row) for row in section.rows]
            lines.append("")
        elif section.empty:
            lines += [_md(section.empty), ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_row(cells) -> str:
    return "| " + " | ".join(_md(cell) for cell in cells) + " |"


# ---------------------------------------------------------------- HTML

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 64rem;
  padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.6rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
tr:nth-child(even) td { background: #fbfcfd; }
img { max-width: 100%; display: block; margin: .5rem 0; }
p.empty { color: #57606a; font-style: italic; }
"""


_PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
</body>
</html>
"""
_IMAGE = '<img alt="{alt}" src="data:image/png;base64,{data}">'


def to_html(parts: list[Section], title: str, pictures: dict[str, bytes]) -> str:
    language = "zh-CN" if messages.current() == "zh" else "en"
    body = [f"<h1>{_h(title)}</h1>"]
    for section in parts:
        body.append(f"<h2>{_h(section.title)}</h2>")
        if section.text:
            body.append(f"<p>{_h(section.text)}</p>")
        if section.picture in pictures:
            data = base64.b64encode(pictures[section.picture]).decode("ascii")
            body.append(_IMAGE.format(alt=_h(section.title), data=data))
        if section.rows:
            body.append(_html_table(section.header, section.rows))
        elif section.empty:
            body.append(f'<p class="empty">{_h(section.empty)}</p>')
    return _PAGE.format(language=language, title=_h(title), style=_STYLE,
                        body="\n".join(body))


def _h(text: str) -> str:
    return html.escape(str(text), quote=True)


def _html_table(header, rows) -> str:
    head = "".join(f"<th>{_h(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{_h(cell)}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
