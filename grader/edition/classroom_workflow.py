"""The student edition's workflow: the public checks on every push, the points reported to
GitHub Classroom the way Classroom reads them, the score in the run's summary.

Classroom's autograding reads one result per `autograding-command-grader` step (all of its
max-score when the command exits 0, nothing otherwise) and totals them with
`autograding-grading-reporter`; so each exercise is one step, `grader run NN_topic`, worth
the exercise's points. Actions are pinned by commit (the tag named beside each), so a moved
tag cannot change what runs with the repository's token.
"""

from __future__ import annotations

from grader.records.catalogue import Catalogue

# action -> (commit, the tag it was at when pinned)
PINNED = {
    "actions/checkout": ("11d5960a326750d5838078e36cf38b85af677262", "v4"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4"),
    "classroom-resources/autograding-command-grader": (
        "d5b3fa6f50f7f629b7bfae0cc3e4c58852b412d5", "v1"),
    "classroom-resources/autograding-grading-reporter": (
        "d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca", "v1"),
}
TORCH = "torch==2.13.0"
TIMEOUT_MINUTES = 10


def uses(action: str) -> str:
    commit, tag = PINNED[action]
    return f"{action}@{commit}  # {tag}"


HEAD = f"""\
# Runs the public checks on every push, reports the points to GitHub Classroom and shows
# the score in the run's summary. Your instructor grades with more checks (hidden tests)
# on fresh inputs, so full points here are a good sign, not the final grade.
name: Grade

on:
  push:
  workflow_dispatch:
  repository_dispatch:

permissions:
  checks: write
  actions: read
  contents: read

jobs:
  grade:
    runs-on: ubuntu-latest
    # Classroom's own commit of the starter code needs no grading.
    if: github.actor != 'github-classroom[bot]'
    steps:
      - uses: {uses("actions/checkout")}
        with:
          persist-credentials: false
      - uses: {uses("actions/setup-python")}
        with:
          python-version: "3.11"
          cache: pip
      - name: Install
        # The CPU build of torch is a fraction of the size of the default one.
        run: |
          python -m pip install --upgrade pip
          python -m pip install {TORCH} --index-url https://download.pytorch.org/whl/cpu
          python -m pip install -e .
"""

STEP = """\
      - name: {exercise}
        id: {runner}
        uses: {action}
        with:
          test-name: {exercise}
          command: grader run {exercise}
          timeout: {timeout}
          max-score: {points}
"""

TAIL = """\
      - name: Report the points to GitHub Classroom
        uses: {action}
        env:
{env}
        with:
          runners: {runners}
      - name: Score
        if: always()
        run: |
          set +e
          grader run --json results.json
          python3 - <<'PY' >> "$GITHUB_STEP_SUMMARY"
          import json
          results = json.load(open("results.json", encoding="utf-8"))
          print(f"## Score: {{results['score']:g}} / {{results['max_score']:g}}\\n")
          print("| exercise | function | device | points | status |")
          print("| --- | --- | --- | --- | --- |")
          for test in results["tests"]:
              exercise, function, device = test["tags"]
              points = f"{{test['score']:g}} / {{test['max_score']:g}}"
              row = (exercise, function, device, points, test["status"])
              print("| " + " | ".join(row) + " |")
          PY
      - uses: {upload}
        if: always() && hashFiles('results.json') != ''
        with:
          name: results
          path: results.json
"""


def learner_workflow(catalogue: Catalogue) -> str:
    """The workflow for this catalogue: one Classroom step per exercise."""
    grader_action = uses("classroom-resources/autograding-command-grader")
    runners = [f"exercise{entry.number:02d}" for entry in catalogue.exercises]
    steps = "".join(
        STEP.format(exercise=entry.id, runner=runner, action=grader_action,
                    timeout=TIMEOUT_MINUTES, points=classroom_points(entry.max_points))
        for entry, runner in zip(catalogue.exercises, runners)
    )
    env = "\n".join(f'          {runner.upper()}_RESULTS: '
                    f'"${{{{ steps.{runner}.outputs.result }}}}"' for runner in runners)
    tail = TAIL.format(action=uses("classroom-resources/autograding-grading-reporter"),
                       env=env, runners=",".join(runners),
                       upload=uses("actions/upload-artifact"))
    return HEAD + steps + tail


def classroom_points(points: float) -> int:
    """Classroom's command grader reads whole points (it parses max-score as an integer)."""
    return int(round(points))
