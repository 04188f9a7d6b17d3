"""The English table of grader.records.messages: key -> template. Another language is a module like
this one with the same keys and the same placeholders in each template."""

TABLE: dict[str, str] = {
    # Status words, keyed by grader.records.results.Status values.
    "status.passed": "passed",
    "status.wrong": "wrong",
    "status.error": "error",
    "status.timed out": "timed out",
    "status.not started": "not started",
    # Why a function did not pass (composed by the execution layer).
    "not_started": (
        "not started: {function} still raises NotImplementedError. Replace the "
        "`raise NotImplementedError` line with your code."
    ),
    "timed_out": (
        "timed out: {function} did not return within {seconds} s (an endless loop, or too "
        "many epochs?). It was stopped; the other functions were still graded."
    ),
    "raised": "{function} raised {exception}: {message}",
    "raised_expected": "{function} should raise {expected} here, but {outcome}.",
    "returned_instead": "it returned {got}",
    "raised_other": "it raised {exception}: {message}",
    "crashed": (
        "{function} stopped the process that ran it ({reason}); the other functions were "
        "still graded."
    ),
    "exited": "{function} called exit ({code}); return a value instead of exiting.",
    "out_of_memory": (
        "{function} used more memory than the {limit} GiB limit; it was stopped, the other "
        "functions were still graded."
    ),
    "load.out_of_memory": "loading {file} used more memory than the {limit} GiB limit.",
    "load.budget_spent": (
        "{file} was not loaded: this submission's {seconds} s of grading time were spent."
    ),
    "missing_function": "{file} defines no function named {function}.",
    "reference_failed": (
        "reference failed: the reference solution of {function} did not run ({reason}). "
        "This is a fault in the grader, not in your code."
    ),
    "no_tests": "no hidden test grades {function}: a fault in the grader, not in your code.",
    "traceback": "Traceback (your code only):",
    "test_failed": (
        "the hidden test itself failed (a fault in the grader, not in your code): {error}"
    ),
    # Why a worker stopped without a usable reply (grader.grading.checks puts them in "crashed").
    "crash.too_large": "its result is larger than the 64 MiB one value may take",
    "crash.invalid": "it sent back something that is not a reply",
    "crash.encode": "its result could not be sent back as plain data",
    # Loading an exercise file.
    "load.missing_file": "{exercise}: no exercises/{exercise}.py or .ipynb was found.",
    "load.syntax": "{file}, line {line}: syntax error: {message}",
    "load.syntax_cell": "{file}, cell {cell}, line {line}: syntax error: {message}",
    "load.raised": "{file} raised {exception} while loading: {message}",
    "load.exited": "{file} called exit ({code}) while loading; remove the exit call.",
    "load.timed_out": "loading {file} did not finish within {seconds} s.",
    "load.crashed": "loading {file} stopped the process that ran it ({reason}).",
    "load.failed_function": "not graded: {reason}",
    # What a wrong answer was called with, what came back and what was expected.
    "check.called": "Called {call}",
    "check.argument": "argument {number}",  # an argument whose parameter name is unknown
    "check.got": "got:      {got}",
    "check.expected": "expected: {expected}",
    # Comparison: one template per Difference kind (see grader.grading.compare.describe).
    "diff.type": "{path}: expected {expected}, got {got}.",
    "diff.length": "{path} has length {got}, expected {expected}.",
    "diff.shape": "{path} has shape {got}, expected {expected}.",
    "diff.dtype": "{path} has dtype {got}, expected {expected}.",
    "diff.device": "{path} is on device {got}, expected {expected}.",
    "diff.requires_grad": (
        "{path} has requires_grad={got}, expected {expected}: return a detached tensor "
        "(.detach())."
    ),
    "diff.key": "{path}: expected keys {expected}, got {got}.",
    "diff.not finite": "{path} is {got}, expected {expected}: NaN and infinity never pass.",
    "diff.rejected": "{path}: returned a {got}; return plain numbers, arrays or tensors.",
    "diff.value": "{path}: got {got}, expected {expected}{detail}.",
    "diff.value_tolerance": " (differs by {abs_diff}; tolerance {rtol} relative, {atol} absolute)",
    "diff.value_exact": " (must be equal)",
    "diff.where": "{where} ({count} of {total} values differ)",
    "diff.changed input": (
        "your function changed its {path}: it was {expected} before the call and {got} "
        "after. Work on a copy of the input."
    ),
    # Short names of kinds of values, used inside comparison messages.
    "type.float": "a float (Python float, NumPy floating scalar or 0-dim float array)",
    "type.int": "an int",
    "type.bool": "a bool",
    "type.complex": "a complex number",
    "type.str": "a str",
    "type.none": "None",
    "type.tuple": "a tuple",
    "type.list": "a list",
    "type.sequence": "a tuple or a list",
    "type.dict": "a dict",
    "type.ndarray": "a NumPy array",
    "type.tensor": "a torch tensor",
    "type.scalar_shape": "() (a scalar)",
    "type.other": "a {name}",
    # Captured output.
    "output.truncated": "[... {dropped} more bytes of output not shown ...]",
    "output.printed": "Your code printed:",
    # Reports.
    "report.title": "descent-kata: {count} exercises graded, seed {seed}, devices {devices}",
    "report.source": "file: {source}",
    "report.no_source": "file: none found",
    "report.load_error": "could not load: {error}",
    "report.points": "{score}/{max_score}",
    "report.exercise_points": "{score}/{max_score} points",
    "report.total": "Total: {score}/{max_score} points; {passed} of {checks} checks passed.",
    "report.seed": "Seed {seed}: rerun with `grader run --seed {seed}` to get the same inputs.",
    "report.all_passed": "Every check passed.",
    "report.next_hint": "Stuck? `grader hint {exercise}` shows a hint.",
    "report.output_lines": "[... {count} more lines ...]",
    "gradescope.output": (
        "{score}/{max_score} points. Graded with seed {seed} on {devices}; "
        "rerun with `grader run --seed {seed}` to get the same inputs."
    ),
    "gradebook.graded": "graded",
    "gradebook.ungraded": "not graded: {reason}",
    # Reading a notebook (in a worker: see grader.workers.notebook_source); the file name goes in front.
    "notebook.unreadable": "cannot be read ({reason})",
    "notebook.bad_json": (
        "not a valid notebook: the JSON is malformed at line {line}, column {column} ({reason})"
    ),
    "notebook.not_an_object": "not a notebook (the JSON is not an object)",
    "notebook.no_version": "not a notebook (no nbformat version in the file)",
    "notebook.old_version": (
        "notebook format version {version} is not supported; the grader reads version "
        "{supported} (open and save the notebook in a current Jupyter to convert it)"
    ),
    "notebook.no_cells": "not a valid notebook (no list of cells)",
    "notebook.bad_source": "cell {number} has no readable source",
    "notebook.no_code": (
        "the notebook has no code to grade (no code cell has code in it, or every one is "
        "tagged {tag!r})"
    ),
    "notebook.syntax": "{where}: {reason}",
    "notebook.syntax_in": "{where}: {reason} in: {text}",
    "notebook.where": "cell {cell}, line {line}",
    # `grader notebook`: what became of each notebook, or why it was not written.
    "notebook_make.done": "{file}: {outcome}",
    "notebook_make.written": "written",
    "notebook_make.updated": "updated",
    "notebook_make.up_to_date": "up to date",
    "notebook_make.kept": (
        "kept: it differs from what `grader notebook` wrote (--force replaces it)"
    ),
    "notebook_make.overwritten": "overwritten",
    "notebook_make.not_written": "{file}: not written: {reason}",
    "notebook_make.unreadable": "{file}: cannot be read ({reason})",
    "notebook_make.syntax": "{file}, line {line}: {reason}",
    # grader.check() in Jupyter.
    "inline.skipped": (
        "grader.check() skipped: this code is being loaded as a module (for grading or by an "
        "import), not run in Jupyter or as a script."
    ),
    "inline.graded_heading": (
        "Graded the saved files (save the notebook first to grade your latest edits):"
    ),
    "inline.graded": "  {exercise}: {file}, saved {when}",
    "inline.missing": "  {exercise}: no file to grade",
    "inline.unsaved": (
        "Not saved yet? The code last run in this kernel for {functions} is not in the saved "
        "notebook, so it was not graded. Save (Ctrl-S) and check again."
    ),
    "inline.unknown_device": "unknown device {device!r}: use one of {choices}",
    # Set-up problems a learner can meet before anything is graded.
    "setup.no_cuda": "--device cuda: torch finds no CUDA device here; use --device cpu or auto",
    "setup.no_kata": (
        "no kata found: neither {start} nor any folder above it holds an exercises/ folder"
    ),
    # `grader list` and `grader hint`.
    "list.header": "{number:>2}  {id:<28} {status:<13} {file}",
    "list.edited": "{status} (edited since the last run)",
    "list.no_file": "no file",
    "list.status.not started": "not started",
    "list.status.failing": "failing",
    "list.status.passed": "passed",
    "hint.shown": "Hint {number} of {count} for {exercise}: {text}",
    "hint.last": "That was the last hint; `grader hint {exercise} --all` lists them all.",
    # Why a submission, or one of its files, was not graded (`grader grade`, the gradebook).
    "staging.absent": "does not exist",
    "staging.not_a_folder": "not a folder",
    "staging.unreadable": "unreadable ({reason})",
    "staging.file": "{file}: {problem}",
    "staging.symlink": "{file}: a symbolic link, not a file",
    "staging.not_regular": "{file}: not a regular file",
    "staging.too_large": "{file}: larger than {megabytes} MB",
    "staging.empty": "empty submission",
    "staging.no_files": (
        "no exercise files (expected names such as exercises/{example}.py or .ipynb)"
    ),
    "grade.problem": "grader: {name}: {problem}",
    "grade.done": "graded {graded} of {total} submissions; gradebook: {gradebook}",
    "grade.progress": "graded {done}/{total}, about {left} left ",
    "grade.unconfined": "grader: warning: learner code ran unconfined ({reason}); it could read"
                        " solutions/ and tests/ and signal this process (README: Sandbox)",
    "collect.done": "collected {total} submissions ({graded} graded); gradebook: {gradebook}",
    "release.done": (
        "released the student edition to {root}: {cases} public checks, {notebooks} notebooks"
    ),
    "grade.not_copied": "could not be copied for grading: {error}",
    "grade.grader_failed": "the grader failed: {error}",
    "grade.process_failed": "the grading process failed: {error}",
    "exercise.unknown": (
        "unknown exercise {key!r}: use an id such as {example} or its number; "
        "`grader list` shows them all."
    ),
}
