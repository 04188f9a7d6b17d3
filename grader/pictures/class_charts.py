"""Pictures of a graded class for `grader report`: the score distribution, how each
function went, and how many learners each misconception has. Drawn from the summary the
report already holds, after grading and outside it; PNG bytes, embedded by the report."""

from __future__ import annotations

from grader.pictures import drawing
from grader.records import messages
from grader.records.results import Status
from grader.reports.class_summary import ClassSummary

BINS = 10  # score bands of 10 %
STATUS_COLOURS = {Status.PASSED: "tab:green", Status.WRONG: "tab:red",
                  Status.ERROR: "tab:purple", Status.TIMED_OUT: "tab:orange",
                  Status.NOT_STARTED: "lightgray"}


def class_charts(summary: ClassSummary) -> dict[str, bytes]:
    """name -> PNG, for the pictures this class has data for."""
    charts = {}
    if summary.graded and summary.max_score > 0:
        charts["scores"] = _png(_scores(summary))
    if summary.functions:
        charts["functions"] = _png(_functions(summary))
    if summary.misconceptions:
        charts["misconceptions"] = _png(_misconceptions(summary))
    return charts


def _png(fig) -> bytes:
    drawing.use_label_font(fig)
    fig.tight_layout()
    return drawing.png_bytes(fig)


def _scores(summary: ClassSummary):
    percents = [100.0 * score / summary.max_score for score in summary.scores]
    counts = [0] * BINS
    for percent in percents:
        counts[min(int(percent // (100 / BINS)), BINS - 1)] += 1
    fig = drawing.bare_figure((6.4, 3.2))
    axis = fig.subplots()
    labels = [f"{i * 10}–{i * 10 + 10}" for i in range(BINS)]
    axis.bar(range(BINS), counts, color="tab:blue")
    axis.set_xticks(range(BINS), labels, fontsize=8)
    axis.set_xlabel(messages.text("class_report.axis_score"))
    axis.set_ylabel(messages.text("class_report.axis_learners"))
    axis.yaxis.get_major_locator().set_params(integer=True)
    axis.set_title(messages.text("class_report.chart_scores"))
    return fig


def _functions(summary: ClassSummary):
    rates = summary.functions
    fig = drawing.bare_figure((6.4, 1.3 + 0.28 * len(rates)))
    axis = fig.subplots()
    rows = range(len(rates))
    left = [0] * len(rates)
    for status, colour in STATUS_COLOURS.items():
        counts = [rate.statuses[status] for rate in rates]
        axis.barh(rows, counts, left=left, color=colour, label=messages.status_word(status))
        left = [a + b for a, b in zip(left, counts)]
    axis.set_yticks(rows, [f"{r.exercise[:2]} {r.function}" for r in rates], fontsize=7)
    axis.invert_yaxis()
    axis.set_xlabel(messages.text("class_report.axis_learners"))
    axis.xaxis.get_major_locator().set_params(integer=True)
    # under the bars, so it never hides one
    axis.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.6 / len(rates) - 0.06),
                ncol=len(STATUS_COLOURS), frameon=False)
    axis.set_title(messages.text("class_report.chart_functions"))
    return fig


def _misconceptions(summary: ClassSummary):
    found = summary.misconceptions
    fig = drawing.bare_figure((6.4, 0.8 + 0.3 * len(found)))
    axis = fig.subplots()
    axis.barh(range(len(found)), [len(m.learners) for m in found], color="tab:red")
    axis.set_yticks(range(len(found)), [m.diagnosis for m in found], fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel(messages.text("class_report.axis_learners"))
    axis.xaxis.get_major_locator().set_params(integer=True)
    axis.set_title(messages.text("class_report.chart_misconceptions"))
    return fig
