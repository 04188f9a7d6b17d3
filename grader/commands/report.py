"""`grader report DIR`: the class at a glance, from a `grader grade` output folder, written
as DIR/report.html (one self-contained page with its pictures) and DIR/report.md (for a CI
job summary). Made after grading, from the results alone: it grades nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EPILOG = """\
examples:
  grader report graded
  grader report graded --lang zh
  cat graded/report.md >> "$GITHUB_STEP_SUMMARY"

exit codes:
  0  written
  2  DIR is not a `grader grade` output, or cannot be written"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("folder", type=Path, metavar="DIR", help="a `grader grade` output")


def main(args: argparse.Namespace) -> int:
    from grader.classroom.batch_output import read_batch
    from grader.commands.outputs import check_folder
    from grader.records import messages
    from grader.reports import class_report
    from grader.reports.class_summary import Learner, summarise

    check_folder(args.folder)
    batch = read_batch(args.folder)
    learners = [Learner(o.name, o.report, o.reason, o.fault) for o in batch.outcomes]
    handed_in = {o.name.casefold() for o in batch.outcomes}
    learners += [Learner(s.submission, None, messages.text("gradebook.missing"))
                 for s in batch.roster or () if s.submission.casefold() not in handed_in]
    summary = summarise(sorted(learners, key=lambda learner: learner.name))
    parts = class_report.sections(summary, _course_sentences())
    title = messages.text("class_report.title", kata=batch.info.kata)
    pictures = _pictures(summary)
    html_path, md_path = args.folder / "report.html", args.folder / "report.md"
    _write(html_path, class_report.to_html(parts, title, pictures))
    _write(md_path, class_report.to_markdown(parts, title))
    print(messages.text("class_report.done", html=html_path, markdown=md_path))
    return 0


def _course_sentences() -> dict[str, dict[str, str]]:
    """The diagnoses of the kata this is run in (what its mistake models name); none
    outside a kata: the report then gives the grader's own sentences and the ids."""
    from grader.records import course_diagnoses
    from grader.records.catalogue import CatalogueError
    from grader.records.errors import SetupError
    from grader.records.paths import KataPaths, find_kata_root

    try:
        return course_diagnoses.load(KataPaths(find_kata_root(Path.cwd())).diagnoses)
    except (SetupError, CatalogueError):
        return {}


def _pictures(summary) -> dict[str, bytes]:
    """The class's pictures; none (and a word why) where matplotlib, or NumPy, is not
    installed: a CI job that only merges shards installs neither, and its report.md has no
    pictures anyway."""
    from grader.records import messages
    from grader.records.errors import SetupError

    try:
        from grader.pictures.class_charts import class_charts
        from grader.pictures.drawing import check_installed, picture_language

        check_installed()
    except (SetupError, ImportError) as error:
        print(messages.text("class_report.no_pictures", reason=error), file=sys.stderr)
        return {}
    # Chinese labels without a font that holds them would be drawn as boxes
    language = picture_language(sys.stderr)
    with messages.language(language):
        return class_charts(summary)


def _write(path: Path, text: str) -> None:
    import os

    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
