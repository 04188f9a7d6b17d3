"""The top-level text of `grade`'s results, as a learner reads it on Gradescope.

That learner has neither the hidden tests nor `grader run --seed`, so the summary says only
what they can act on: which file was graded for each exercise (a misnamed upload is the
commonest zero), and the points where the instructor lets the tests be seen now. Markdown.
"""

from __future__ import annotations

from grader.records import messages
from grader.records.results import Report
from grader.reports.escaping import markdown_code


def summary(report: Report) -> str:
    hidden = [c.visibility for c in report.checks if c.visibility != "visible"]
    totals = report.by_exercise()
    lines = []
    for run in report.exercises:
        if run.source is None:
            lines.append(messages.text("gradescope.exercise_missing", exercise=run.exercise))
        elif run.load_error:
            lines.append(messages.text("gradescope.exercise_unloadable", exercise=run.exercise,
                                       source=markdown_code(run.source),
                                       error=markdown_code(_first_line(run.load_error))))
        elif hidden:
            lines.append(messages.text("gradescope.exercise_file", exercise=run.exercise,
                                       source=markdown_code(run.source)))
        else:
            total = totals[run.exercise]
            lines.append(messages.text("gradescope.exercise_points", exercise=run.exercise,
                                       source=markdown_code(run.source),
                                       score=f"{total.score:g}",
                                       max_score=f"{total.max_score:g}"))
    if hidden:
        head = messages.text(f"gradescope.later.{hidden[0]}")
    else:
        head = messages.text("gradescope.graded", score=f"{report.score:g}",
                             max_score=f"{report.max_score:g}")
    return head + "\n\n" + "\n".join(lines)


def _first_line(text: str) -> str:
    """A load error's first line: the summary names the problem, the tests give the rest."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= 300 else line[:299] + "…"
