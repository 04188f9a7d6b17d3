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
    "raised.unprintable": "<{exception} whose message cannot be shown>",
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
    "reference_not_finite": (
        "reference failed: the reference solution of {function} returned {got} on these "
        "inputs, and NaN or infinity never passes: the hidden test's inputs need changing. "
        "This is a fault in the grader, not in your code."
    ),
    "reference_failed": (
        "reference failed: the reference solution of {function} did not run ({reason}). "
        "This is a fault in the grader, not in your code."
    ),
    "no_tests": "no hidden test grades {function}: a fault in the grader, not in your code.",
    "traceback": "Traceback (your code only):",
    "test_failed": (
        "the hidden test itself failed (a fault in the grader, not in your code): {error}"
    ),
    "test.itself": "the hidden test",  # the {function} of "timed_out" when a test timed out
    "test.check_failed": "a check of the hidden test failed",
    "traceback.frame": "  {where}, in {function}",
    # Why a worker stopped without a usable reply (grader.grading.checks puts them in "crashed").
    "crash.too_large": "its result is larger than the 64 MiB one value may take",
    "crash.invalid": "it sent back something that is not a reply",
    "mismatched_reply": (
        "{function} sent back a reply that does not match the call it was given (not the "
        "inputs it was called with), so its result cannot be graded."
    ),
    "crash.encode": "its result could not be sent back as plain data",
    "crash.signal": "killed by signal {signal}",
    "crash.exit_code": "exit code {code}",
    # Loading an exercise file.
    "load.missing_file": "{exercise}: no exercises/{exercise}.py or .ipynb was found.",
    "load.syntax": "{file}, line {line}: syntax error: {message}",
    "load.syntax_cell": "{file}, cell {cell}, line {line}: syntax error: {message}",
    "load.raised": "{file} raised {exception} while loading: {message}",
    "load.exited": "{file} called exit ({code}) while loading; remove the exit call.",
    "load.exited_at": "{where}: called exit ({code}) while loading; remove this exit call:",
    "load.timed_out": "loading {file} did not finish within {seconds} s.",
    "load.crashed": "loading {file} stopped the process that ran it ({reason}).",
    "load.failed_function": "not graded: {reason}",
    "load.unreadable": "{file}: cannot be read ({reason})",
    "load.in_file": "{file}: {problem}",
    "load.where_line": "{file}, line {line}",
    "load.where_cell": "{file}, cell {cell}, line {line}",
    # What a wrong answer was called with, what came back and what was expected.
    "check.called": "Called {call}",
    "check.helpers": (
        "where the functions passed by name are:\n{code}"
    ),
    "check.argument": "argument {number}",  # an argument whose parameter name is unknown
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
    "diff.input": "input {name}",
    "diff.result": "result",
    "diff.changed input": (
        "your function changed its {path}: it was {expected} before the call and {got} "
        "after{detail}. Work on a copy of the input."
    ),
    "diff.changed_by": (
        ", a change of {abs_diff} ({rel_diff} relative), too small to see at 7 digits"
    ),
    "diff.returned_none": (
        "{path}: expected {expected}, got None. A function that ends without a `return` "
        "statement gives back None: did you forget to `return` the result?"
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
    "report.title": "{kata}: exercises graded: {count}, seed {seed}, devices {devices}",
    "report.source": "file: {source}",
    "report.no_source": "file: none found",
    "report.failure": "> {function} ({status}):",
    "report.load_error": "could not load: {error}",
    "report.points": "{score}/{max_score}",
    "report.exercise_points": "{score}/{max_score} points",
    "report.total": "Total: {score}/{max_score} points; {passed} of {checks} checks passed.",
    "report.seed": "Seed {seed}: rerun with `grader run --seed {seed}` to get the same inputs.",
    "report.all_passed": "Every check passed.",
    "report.next_hint": "Stuck? `grader hint {exercise}` shows a hint.",
    "report.next_exercise": "Next: {exercise}, `grader run {number}`.",
    "report.course_done": "Every exercise of the kata has passed. Well done!",
    "report.output_lines": "[... {count} more lines ...]",
    "gradescope.output": (
        "{score}/{max_score} points. Graded with seed {seed} on {devices}; "
        "rerun with `grader run --seed {seed}` to get the same inputs."
    ),
    # `grade`'s results read on Gradescope (grader.reports.graded_summary): Markdown.
    "gradescope.graded": "**{score}/{max_score} points** from your instructor's tests.",
    "gradescope.later.after_due_date": (
        "Your instructor's tests have graded this submission. Your score and the details "
        "of each test appear after the due date."
    ),
    "gradescope.later.after_published": (
        "Your instructor's tests have graded this submission. Your score and the details "
        "of each test appear once your instructor publishes the grades."
    ),
    "gradescope.later.hidden": (
        "Your instructor's tests have graded this submission. Your instructor keeps the "
        "score and the details of each test."
    ),
    "gradescope.exercise_points": "- `{exercise}`: {score}/{max_score} (graded {source})",
    "grade.not_an_edition": (
        "--public-checks {folder}: not a student edition (it needs public_checks/ and no "
        "hidden_tests/; `grader release` writes one)"
    ),
    "grade.other_edition": "--public-checks {folder}: the edition of another catalogue",
    "new_exercise.wrote": "wrote {path}",
    "new_exercise.next": (
        "The suite passes as it is. Now make {exercise} yours (docs/authoring.md): the stub, "
        "the reference, the hidden test and the entry; `grader run {number}` on the stub "
        "says \"not started\"."
    ),
    "gradescope.public_check": "{name}: public check",
    "gradescope.exercise_file": "- `{exercise}`: graded {source}",
    "gradescope.exercise_missing": (
        "- `{exercise}`: no file found; upload `{exercise}.py` or `{exercise}.ipynb`"
    ),
    "gradescope.exercise_unloadable": "- `{exercise}`: {source} could not be loaded: {error}",
    "bundle.done": (
        "Wrote {path} ({files} files; hidden tests' details: {visibility}). Upload it as the "
        "autograder of a Gradescope programming assignment."
    ),
    "gradebook.graded": "graded",
    "gradebook.ungraded": "not graded: {reason}",
    # Reading a notebook (in a worker: see grader.workers.notebook_source); the file name goes
    # in front.
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
    "notebook.in_file_at": "{file}, {text}",
    "notebook.unknown_cell": "an unknown cell",
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
    # The texts `grader notebook` writes into a notebook (Markdown; the code comment is Python).
    "notebook_text.notes": (
        "**Working in this notebook.** Write your answers in the code cells below, then run the\n"
        "last cell to check them. The check grades the notebook *file*, so save it first\n"
        "(Ctrl-S); the report says when the graded file was saved. When both the `.py` file and\n"
        "this notebook exist, the grader grades whichever was saved last (`grader list` shows\n"
        "which), from the command line too (`grader run`).\n"
        "\n"
        "When grading, every code cell runs once, top to bottom, in a fresh Python with its "
        "own\ntime limit for loading: lines only Jupyter understands (`%magic`, `!command`) are "
        "skipped\nand `display(...)` does nothing. Keep slow experiments (a long training loop, "
        "plots) out\nof grading by giving their cell the tag `{tag}` or by putting them under\n"
        "`if __name__ == \"__main__\":`. Messages name a place as \"cell 4, line 2\": count "
        "every cell\nfrom the top, text cells included."
    ),
    "notebook_text.check": (
        "## Check your answers\n\nSave the notebook (Ctrl-S), then run the cell below. It grades "
        "your functions in a separate process, exactly as `grader run {number}` does, prints "
        "the same report and draws a wrong function's result beside the reference's. (Its tag "
        "`{tag}` keeps the grader from running it while it grades the notebook.)\n\n"
        "`hint(\"{number}\")` gives the next hint for the first function not yet passed; "
        "`check(\"{number}\", lang=\"zh\")` reports in Chinese. In a terminal, "
        "`grader watch` grades the saved notebook again on every save and `grader plot {number}` "
        "draws your results."
    ),
    "notebook_text.check_comment": (
        "# The report is also returned as data: report.score, report.checks."
    ),
    "notebook_text.hint_comment": (
        '# Stuck? hint("{number}") gives a hint for the first function not yet passed.'
    ),
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
    "inline.saved_today": "at {time}",
    "inline.saved_earlier": "on {date} at {time}",
    "inline.unsaved": (
        "Not saved yet? The code last run in this kernel for {functions} is not in the saved "
        "notebook, so it was not graded. Save (Ctrl-S) and check again."
    ),
    "inline.unknown_device": "unknown device {device!r}: use one of {choices}",
    # Set-up problems a learner can meet before anything is graded.
    "setup.no_cuda": "--device cuda: torch finds no CUDA device here; use --device cpu or auto",
    "setup.unknown_language": "unknown language {code!r}: use one of {choices}",
    "cli.error": "grader: {error}",
    "cli.interrupted": "grader: interrupted",
    "setup.no_kata": (
        "no kata found: neither {start} nor any folder above it holds an exercises/ folder"
    ),
    # `grader list` and `grader hint`.
    "list.header": "{number:>2}  {id} {status} {points} {file}",  # all but file come padded
    "list.total": "{bar} {score}/{max_score} points",
    "list.column.points": "points",
    "list.edited": "{status} (edited since the last run)",
    "list.no_file": "no file",
    "list.column.exercise": "exercise",
    "list.column.status": "status",
    "list.column.file": "file",
    "list.status.not started": "not started",
    "list.status.failing": "failing",
    "list.status.passed": "passed",
    "hint.shown": "Hint {number} of {count} for {exercise}, function {function}: {text}",
    "hint.last": (
        "That was the last hint for {function}; `grader hint {exercise} --all` lists them all."
    ),
    "hint.all_passed": (
        "Every function of {exercise} passed in your last run: no hint needed. "
        "`grader hint {exercise} --all` still lists them all."
    ),
    "hint.none": "{exercise}: {function} has no hints.",
    # `grader watch`.
    "watch.keys": "Watching {source}: save it to grade again.\nh hint   n next exercise   q quit",
    "watch.grading": "Grading {exercise}...",
    "watch.passed": "{exercise} passed. Press n for the next exercise, {next}.",
    "watch.not_yet": "n moves on once {exercise} passes.",
    "watch.course_done": "Every exercise has passed. Press q to quit.",
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
                        " solutions/ and tests/ and signal this process"
                        " (docs/instructors.md: Sandbox)",
    "collect.done": "collected {total} submissions ({graded} graded); gradebook: {gradebook}",
    "release.done": (
        "released the student edition to {root}: {cases} public checks, {notebooks} notebooks"
    ),
    "grade.kept": "rows updated: {updated}; rows kept from the earlier output: {kept}",
    "grade.nothing": (
        "nothing to grade: every submission named is graded in {out} and unchanged since"
    ),
    "grade.stopped": (
        "grader: stopped; {graded} submissions graded so far, {left} not graded: interrupted;"
        " outputs written ({gradebook}). Run the same command with --resume to finish"
    ),
    "grade.interrupted": "interrupted",
    "grade.earlier_unreadable": "{error}; pass --fresh to start the folder over",
    "grade.other_kata": (
        "{folder} holds the grades of another kata (other exercises); grade into another"
        " folder, or pass --fresh to start it over"
    ),
    "grade.other_seed": (
        "{folder} was graded with --seed {seed}, not {new}: one class shares one seed. Leave"
        " --seed out to keep {seed}, or pass --fresh to start over"
    ),
    "grade.other_devices": (
        "{folder} was graded on {devices}; pass the same --device, or --fresh to start over"
    ),
    "grade.other_shard": "{folder} holds another shard; pass its --shard, or --fresh",
    "gradebook.missing": "missing: no submission",
    "gradebook.yes": "yes",
    "gradebook.no": "no",
    "roster.unreadable": "cannot read the roster {path}: {error}",
    "roster.columns": (
        "the roster {path} lacks the columns {missing} (it needs a header row"
        " submission,student_id,name,email and optionally section)"
    ),
    "roster.bad_row": (
        "the roster {path}, line {line}: the submission {name!r} is empty or named twice"
    ),
    # ---- `grader report`: the class at a glance (report.html, report.md)
    "class_report.title": "{kata}: the class at a glance",
    "class_report.done": "wrote {html} and {markdown}",
    "class_report.no_pictures": "grader: the report has no pictures: {reason}",
    "class_report.title_overview": "Overview",
    "class_report.overview": (
        "{learners} learners: {graded} graded, {not_graded} not (their own doing, such as"
        " nothing handed in or no exercise files: below), {faults} faults of the grader or its"
        " environment (apart, below). Full marks: {max_score} points."
    ),
    "class_report.overview_scores": (
        "{learners} learners: {graded} graded, {not_graded} not (their own doing, such as"
        " nothing handed in or no exercise files: below), {faults} faults of the grader or its"
        " environment (apart, below). Full marks: {max_score} points. Mean score {mean},"
        " median {median}; {full} with full marks."
    ),
    "class_report.chart_scores": "Score distribution",
    "class_report.axis_score": "score, % of full marks",
    "class_report.axis_learners": "learners",
    "class_report.title_exercises": "Pass rate per exercise",
    "class_report.exercise": "exercise",
    "class_report.passed": "passed",
    "class_report.graded": "graded",
    "class_report.rate": "pass rate",
    "class_report.title_functions": "Pass rate per function",
    "class_report.functions_text": (
        "Each learner counted once per function: passed on every device, or by how its first"
        " failing device ended."
    ),
    "class_report.chart_functions": "How each function went",
    "class_report.function": "function",
    "class_report.title_misconceptions": "Misconceptions of the class",
    "class_report.misconceptions_text": (
        "The known mistakes that explain learners' wrong results (named from behaviour: the"
        " learner's results agree with a model of the mistake on the same inputs), most common"
        " first. Each learner is counted once per mistake."
    ),
    "class_report.misconceptions_none": "No known mistake explains any learner's failure.",
    "class_report.chart_misconceptions": "Learners per misconception",
    "class_report.diagnosis": "diagnosis",
    "class_report.meaning": "what it means (as the learner reads it)",
    "class_report.learners": "learners",
    "class_report.who": "who",
    "class_report.where": "where",
    "class_report.title_first": "First failing function per learner",
    "class_report.first_text": (
        "In the kata's order: where each learner is stuck, and the mistake named there."
    ),
    "class_report.learner": "learner",
    "class_report.score": "score",
    "class_report.first_failing": "first failing function",
    "class_report.status": "status",
    "class_report.all_passed": "all passed",
    "class_report.title_same": "Identical wrong results",
    "class_report.same_text": (
        "Pairs of submissions that returned the very same wrong value on the same call (same"
        " function, same inputs), which no comparison of code sees. A shared known mistake"
        " explains some of these; those no known mistake explains are counted apart and listed"
        " first. A hint to look closer, not proof of copying."
    ),
    "class_report.same_none": "No two submissions share a wrong result.",
    "class_report.pair": "submissions",
    "class_report.identical": "identical wrong results",
    "class_report.unexplained": "of which no known mistake explains",
    "class_report.title_faults": "Faults of the grader or its environment",
    "class_report.faults_text": (
        "Not the learners' doing, and not counted against them as mistakes: regrade these with"
        " `grader grade ... --only failed` (or --resume for interrupted ones)."
    ),
    "class_report.faults_none": "None.",
    "class_report.whole_submission": "the whole submission",
    "class_report.what": "what happened",
    "class_report.title_not_graded": "Not gradable",
    "class_report.why": "why",
    "class_report.not_graded_none": "Every submission could be graded.",
    # ---- `grader export`
    "export.no_roster": (
        "{folder} was graded without a roster, so its rows cannot be matched to students;"
        " grade it again with --roster FILE.csv (the grades are kept: add --resume)"
    ),
    "export.unlisted": (
        "grader: {count} submissions are not on the roster and were left out: {names}"
    ),
    "export.done": "wrote {path}: {students} students, {scored} with a score",
    "grade.not_copied": "could not be copied for grading: {error}",
    "grade.grader_failed": "the grader failed: {error}",
    "grade.process_failed": "the grading process failed: {error}",
    # Output paths, checked before anything is graded.
    "output.no_folder": "cannot write {path}: the folder {folder} does not exist",
    "output.is_folder": "cannot write {path}: it is a folder; name a file",
    "output.not_a_folder": "cannot write into {path}: it exists and is not a folder",
    "output.not_writable": "cannot write {path}: the folder {folder} is not writable",
    "grade.not_written": "its results could not be written: {error}",
    "grade.budget_spent": (
        "this submission used up its time budget of {budget} s (loading and calls together)"
        " before this function was graded"
    ),
    "canary.failed": (
        "nothing was graded: this machine breaks grading. The reference solutions, graded"
        " as a learner's files in the same confinement, do not get full marks ({function}:"
        " {status}: {message}). Every learner would lose points for it; fix the environment"
        " (docs/instructors.md: Sandbox) and grade again"
    ),
    "canary.lost": (
        "nothing was graded: checking this machine (the reference solutions graded as a"
        " learner's files) did not finish: {error}. Fix the environment (docs/instructors.md:"
        " Sandbox) and grade again"
    ),
    "canary.too_slow": "it took more than {budget} s",
    "grade.refuse_unconfined": (
        "learner code would run unconfined here ({reason}): it could read the solutions and"
        " hidden tests and act as this user. Confinement needs Linux and either root (each"
        " grading process takes a sandbox user id of its own) or user namespaces for ordinary"
        " users (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu also"
        " kernel.apparmor_restrict_unprivileged_userns=0), with GRADER_SANDBOX not off."
        " Where namespaces are refused (a default container), root grades under a sandbox"
        " user id alone: Python must be readable by other users (not under a home of mode"
        " 700) and the instructor's folders must not (chmod go-rwx on the kata's solutions,"
        " hidden_tests, tests, .git and .grader, and on those of the checkout the grader runs"
        " from)."
        " To grade anyway, knowing this, pass --allow-unconfined."
    ),
    "exercise.unknown": (
        "unknown exercise {key!r}: use an id such as {example} or its number; "
        "`grader list` shows them all."
    ),
    # Pictures (`grader plot`, check() in a notebook, exercises/demo.py).
    "picture.none": "{exercise} has no picture of {function}; pictures exist for: {choices}.",
    "picture.no_reference": (
        "no reference solution here (a student edition): only your result is drawn"
    ),
    "picture.unusable": "{function} returned {got}, which cannot be drawn",
    "picture.learner_missing": "Your {function} is not drawn: {reason}",
    "picture.reference_missing": "The reference is not drawn: {reason}",
    "picture.learning_rate": "learning rate {rate}",
    "picture.diverges": "too large: every step overshoots further, descent diverges",
    "picture.height": "f(x), where dfn = f'",
    "picture.epoch": "epoch",
    "picture.loss": "loss",
    "picture.tangent": "the tangent of f at x0 = {x0}",
    "picture.reference": "reference",
    "picture.learner": "yours",
    "picture.no_matplotlib": (
        "pictures need matplotlib: pip install matplotlib (or pip install -e \".[learn]\")"
    ),
    "picture.wrote": "picture written to {path}",
    "picture.no_font": (
        "no font here can draw Chinese, so the picture is labelled in English (a Chinese font,"
        " such as Debian's fonts-noto-cjk, fixes that)"
    ),
    "notebook.broken_cell": (
        "{function} was not run: its cell is not valid Python ({reason}). Fix that cell."
    ),
    "notebook.other_cells_graded": "The functions of the notebook's other cells were graded.",
    "notebook.load_stopped": (
        "A line outside any function called it while the notebook was loaded, so no function"
        " could be graded: fix the broken cell, and put try-out calls in a cell tagged"
        " skip-grading or under if __name__ == \"__main__\":."
    ),
    "notebook_make.from_git": (
        "  made from the stub as committed (git show HEAD:{file}), not from your edits to"
        " {file}"
    ),
    "notebook_make.graded": (
        "  graded from now on: {file} (the file saved last; save {other} to have it "
        "graded instead)"
    ),
    # ---- diagnoses: the known mistake that explains a failure (kata-spec "Naming the mistake")
    "diagnosis.changes_input": (
        "Likely mistake: your function changed an input it was given (values, requires_grad or"
        " .grad); work on a copy and leave the caller's data as it was."
    ),
    "diagnosis.wrong_type": (
        "Likely mistake: the numbers are right but the kind of value is not; look at what the"
        " spec says this function returns (an array, a float, a tensor, a list of floats)."
    ),
    "diagnosis.wrong_shape": (
        "Likely mistake: the numbers are right but arranged in another shape; compare the shape"
        " you return with the one the spec gives."
    ),
    "diagnosis.wrong_dtype": (
        "Likely mistake: the result is in another dtype than the input; look at where the"
        " result is created and which dtype it gets there."
    ),
    "diagnosis.wrong_device": (
        "Likely mistake: a result, or a tensor your function creates, is on another device than"
        " the input; create new tensors on the input's device."
    ),
    "diagnosis.requires_grad_left_on": (
        "Likely mistake: the result is still attached to autograd (requires_grad=True); look at"
        " what you return once the gradient is taken."
    ),
    "diagnosis.scalar_only": (
        "Likely mistake: this works for a single float but not for an array or a tensor"
        " (functions of math, or NumPy on tensors, or `if` on a whole array); use operations"
        " that work elementwise on what you are given."
    ),
    "diagnosis.missing_error": (
        "Likely mistake: the spec asks for an error on this degenerate input and your function"
        " does not raise it; check for the case before computing."
    ),
    "diagnosis.update_recorded": (
        "Likely mistake: autograd refused to update a leaf tensor in place while it records;"
        " make the update where autograd does not record it (torch.no_grad())."
    ),
    "diagnosis.cascade": (
        "This comes from your {function}, which fails its own check and which this function"
        " relies on: fix {function} first, then run again."
    ),
    "fact.your_result": "your result",
    "fact.nothing_moved": (
        "What is known: {part} is exactly the input {name} you were given: nothing moved."
    ),
    "fact.ratio": "What is known: every number of {part} is {factor} times the expected one.",
    "fact.rows_late": (
        "What is known: row k of {part} is row k+1 of the expected one: every row is one"
        " update late."
    ),
    "fact.rows_early": (
        "What is known: row k+1 of {part} is row k of the expected one: every row is one"
        " update early."
    ),
    "fact.count": "What is known: {part} is {got}, the expected count is {expected}.",
    "fact.square_roots": (
        "What is known: the numbers of {part} are the square roots of the expected ones."
    ),
    "fact.squares": "What is known: the numbers of {part} are the squares of the expected ones.",
    "repro.unknown_function": "{exercise} has no function {function}.",
    "repro.nothing": (
        "{function} passed every check at seed {seed}: there is no failed call to replay."
    ),
    "repro.wrote": (
        "Wrote {path}: it calls your function with the failed check's exact inputs and prints"
        " your result beside the expected one. Run it with python, or step through it with"
        " python -m pdb."
    ),
    "report.repro": "To replay this call exactly: grader repro {exercise} {function}",
    "repro.script_doc": (
        "Replays the call of {function} from {exercise} that failed its check (seed {seed}).\n\n"
        "    python {script}                 your result beside the expected one\n"
        "    python -m pdb {script}          step into your function (b {function}, then c)\n\n"
        "Written by `grader repro`; the inputs are exact ({data}/ holds the arrays in full)."
    ),
    "repro.yours": "your result:",
    "repro.expected": "expected:",
    "cli.description": (
        "Work through the kata's exercises and have them graded: each function you write is"
        " called\n"
        "on fresh inputs and compared with the reference solution. Instructors also grade a whole\n"
        "class and release the student edition from here.\n"
        "\n"
        "Run it anywhere inside the kata (the folder that holds exercises/)."
    ),
    "cli.epilog": (
        "examples:\n"
        "  grader list                 where you are: every exercise and its status\n"
        "  grader run 02               grade exercise 02 (all exercises when none is named)\n"
        "  grader hint 02              the next hint for exercise 02\n"
        "  grader repro 05 train_numpy a script that replays train_numpy's failed call\n"
        "  grader COMMAND --help       the options and examples of one command\n"
        "\n"
        "exit codes:\n"
        "  0  every check passed (or the command did its job)\n"
        "  1  a check failed, or something could not be graded\n"
        "  2  a usage or set-up error (a typo, no kata here, an output path that cannot be written)"
    ),
    "cli.run.epilog": (
        'examples:\n'
        '  grader run                          grade every exercise\n'
        '  grader run 02 03                    grade exercises 02 and 03\n'
        '  grader run 04 --device cpu          tensor functions on the CPU only\n'
        '  grader run --seed 1234              the same inputs as the run that printed seed 1234\n'
        '  grader run 02 --all-details         explain every failing function, not only the first\n'
        '  grader run --json results.json --junit junit.xml     also write reports for CI\n'
        '\n'
        'exit codes:\n'
        '  0  every check passed\n'
        '  1  a check failed, or an exercise could not be loaded\n'
        '  2  a usage or set-up error: an unknown exercise, no CUDA for --device cuda, an output\n'
        '     file whose folder does not exist (checked before anything is graded)'
    ),
    "cli.watch.epilog": (
        'examples:\n'
        '  grader watch              the first exercise you have not passed yet\n'
        '  grader watch 02           exercise 02\n'
        '\n'
        'keys (no Enter needed):\n'
        '  h  the next hint for the function that fails\n'
        '  n  the next exercise, once this one passes\n'
        '  q  quit (Ctrl-C too)\n'
        '\n'
        'exit codes:\n'
        '  0  quit with q\n'
        '  2  an unknown exercise, or no kata here\n'
        '  130  stopped with Ctrl-C'
    ),
    "cli.hint.epilog": (
        'examples:\n'
        '  grader hint 02            the next hint for exercise 02 (gentle first)\n'
        '  grader hint 02 --all      every hint at once\n'
        '\n'
        'exit codes:\n'
        '  0  a hint was shown\n'
        '  2  an unknown exercise, or no kata here'
    ),
    "cli.list.epilog": (
        'examples:\n'
        '  grader list        each exercise, its status and points from your last '
        '`grader run`, the\n'
        '                     file graded, and the whole kata as a bar\n'
        '\n'
        'exit codes:\n'
        '  0  listed\n'
        '  2  no kata here, or its catalogue.toml is broken'
    ),
    "cli.plot.epilog": (
        'examples:\n'
        "  grader plot 02                       02's descent path beside the reference's\n"
        "  grader plot 05 train_numpy           05's loss curve of train_numpy\n"
        '  grader plot 04 --out minimize.png    write the picture to a file instead of a window\n'
        '\n'
        'exit codes:\n'
        '  0  the picture was shown or written\n'
        '  2  an unknown exercise or function, no kata here, or matplotlib is not installed'
    ),
    "cli.repro.epilog": (
        'examples:\n'
        "  grader repro 05 train_numpy          replay train_numpy's failed call of the last run\n"
        '  grader repro 02 descend_until --seed 1234\n'
        '  python -m pdb .grader/repro/repro_05_linear_regression_train_numpy.py\n'
        '\n'
        'exit codes:\n'
        '  0  the script was written\n'
        '  1  the function passed every check: there is no failed call to replay\n'
        '  2  an unknown exercise or function, or no kata here'
    ),
    "cli.notebook.epilog": (
        'examples:\n'
        '  grader notebook           exercises/NN_topic.ipynb for every exercise\n'
        "  grader notebook 03        only exercise 03's notebook\n"
        '  grader notebook --force   also replace notebooks you changed '
        '(your work in them is lost)\n'
        '\n'
        'exit codes:\n'
        '  0  every notebook was written or left as it was\n'
        '  1  a notebook could not be made (its .py file is missing or does not parse)\n'
        '  2  a usage or set-up error'
    ),
    "cli.option.device": 'devices for tensor functions (auto: CPU, and CUDA if available)',
    "cli.run.exercises": 'an id (02_gradient_descent) or its number (02, 2); all if none',
    "cli.run.seed": "repeat a run's inputs",
    "cli.run.json": 'write Gradescope JSON',
    "cli.run.junit": 'write JUnit XML',
    "cli.run.all_details": "explain every failing function (default: each exercise's first)",
    "cli.watch.exercise": 'an id or its number (default: the first not yet passed)',
    "cli.watch.seed": 'the inputs of a given run',
    "cli.hint.exercise": 'an id or its number',
    "cli.hint.all": 'show every hint at once',
    "cli.plot.exercise": 'an id or its number (02)',
    "cli.plot.function": "the function to draw (default: the exercise's first picture)",
    "cli.plot.out": 'write the picture here instead of showing a window',
    "cli.repro.exercise": 'an id or its number (05)',
    "cli.repro.function": 'the function whose call failed',
    "cli.repro.seed": 'the run to replay (default: your last run of the exercise)',
    "cli.notebook.exercises": 'an id (02_gradient_descent) or its number (02, 2); all when none',
    "cli.notebook.force": 'also replace notebooks changed since they were generated',
    "cli.lang_help": (
        "language of what the grader prints: en or zh (default: $GRADER_LANG, then the locale)"
    ),
    "cli.command.list": 'every exercise in order with its status',
    "cli.command.run": 'grade exercises of the kata that holds the current directory',
    "cli.command.watch": 'grade an exercise again each time you save it',
    "cli.command.hint": 'show the next hint for an exercise',
    "cli.command.plot": "draw your result beside the reference's",
    "cli.command.repro": 'write a script that replays a failed call of one function',
    "cli.command.notebook": 'write Jupyter notebooks from the exercise stubs',
    "cli.command.grade": 'instructor grading of many submissions',
    "cli.command.collect": 'merge the outputs of sharded `grade` runs',
    "cli.command.report": "the class at a glance from a `grade` output: report.html and .md",
    "cli.command.export": "a `grade` output's scores in the CSV Canvas or Moodle imports",
    "cli.command.release": 'write the student edition',
    "cli.command.gradescope": 'write a Gradescope autograder bundle of this kata',
    "cli.command.new-exercise": "start a new exercise from a template",
    "cli.version_help": "show the version and exit",
    "cli.help_help": "show this help message and exit",
    "cli.commands_title": "commands",
    "cli.usage": "usage: ",
    "cli.positionals": "positional arguments:",
    "cli.options": "options:",
    "cli.required": "the following arguments are required: {names}",
    "cli.unrecognized": "unrecognized arguments: {names}",
    "cli.invalid_choice": "argument {name}: invalid choice: {value} (choose from {choices})",
    "cli.invalid_value": "argument {name}: invalid value: {value}",
    "cli.expected_one": "argument {name}: expected one argument",
    "cli.commands_heading": "commands:",
    "cli.usage_error": "{prog}: error: {error}",
}
