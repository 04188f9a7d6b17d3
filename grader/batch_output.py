"""The folder `grader grade --out DIR` writes, and reading it back for `grader collect`.

DIR/<submission>/results.json   Gradescope results of one submission
DIR/gradebook.csv               one row per submission
DIR/junit.xml                   one test suite per graded submission
DIR/batch.json                  the whole batch as plain data (seed, shard, every report), so
                                `collect` can rebuild gradebook and JUnit exactly as one run would
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from grader import report_gradebook, report_gradescope, report_junit
from grader.catalogue import Catalogue, load_catalogue
from grader.errors import SetupError
from grader.results import CheckResult, ExerciseRun, Report, Status

if TYPE_CHECKING:  # grade imports this module; only the type is needed back
    from grader.grade import Outcome

BATCH_FORMAT = 1
GRADEBOOK, JUNIT, BATCH, RESULTS = "gradebook.csv", "junit.xml", "batch.json", "results.json"
RESERVED_NAMES = (GRADEBOOK, JUNIT, BATCH)


def load_kata_catalogue(kata_root: Path) -> Catalogue:
    return load_catalogue(kata_root / "catalogue.toml")


def write_results(report: Report, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    report_gradescope.write(report, folder / RESULTS)


@dataclass(frozen=True)
class BatchInfo:
    """What every output folder of one class shares (and `collect` checks they do)."""

    exercise_ids: tuple[str, ...]
    max_score: float  # of the whole kata: an ungraded submission's row is out of this
    seed: int
    devices: tuple[str, ...]


def batch_info(catalogue: Catalogue, *, seed: int, devices: Sequence[str]) -> BatchInfo:
    return BatchInfo(
        exercise_ids=tuple(entry.id for entry in catalogue.exercises),
        max_score=sum(entry.max_points for entry in catalogue.exercises),
        seed=seed,
        devices=tuple(devices),
    )


def write_batch(outcomes: Sequence["Outcome"], info: BatchInfo, out_dir: Path, *, shard=None) -> None:
    """gradebook.csv, junit.xml and batch.json for `outcomes` (already in name order)."""
    rows = [gradebook_row(outcome, info) for outcome in outcomes]
    report_gradebook.write(rows, list(info.exercise_ids), out_dir / GRADEBOOK)
    report_junit.write([o.report for o in outcomes if o.report is not None], out_dir / JUNIT)
    batch = {
        "format": BATCH_FORMAT,
        **asdict(info),
        "shard": None if shard is None else [shard.index, shard.count],
        "submissions": [_outcome_to_dict(outcome) for outcome in outcomes],
    }
    _write_atomically(out_dir / BATCH, json.dumps(batch, indent=1, ensure_ascii=False))


def gradebook_row(outcome: "Outcome", info: BatchInfo) -> dict:
    """One gradebook row: an ungraded submission scores 0 of the whole kata's points."""
    row = {"submission": outcome.name, "status": outcome.status}
    if outcome.report is None:
        row.update(score=0.0, max_score=info.max_score)
        row.update({exercise_id: "" for exercise_id in info.exercise_ids})
        return row
    totals = outcome.report.by_exercise()
    row.update(score=outcome.report.score, max_score=outcome.report.max_score)
    for exercise_id in info.exercise_ids:
        found = totals.get(exercise_id)
        row[exercise_id] = "" if found is None else found.score
    return row


def read_batch(folder: Path) -> dict:
    """batch.json of one grade output folder, with its outcomes rebuilt."""
    from grader.grade import Outcome  # grade is the layer above; only collect calls this

    path = folder / BATCH
    try:
        batch = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SetupError(f"{path}: not the output of `grader grade` ({error})") from None
    if batch.get("format") != BATCH_FORMAT:
        raise SetupError(f"{path}: unknown format {batch.get('format')!r}")
    batch["info"] = BatchInfo(
        exercise_ids=tuple(batch["exercise_ids"]),
        max_score=batch["max_score"],
        seed=batch["seed"],
        devices=tuple(batch["devices"]),
    )
    batch["outcomes"] = [
        Outcome(item["name"], _report_from_dict(item["report"]), item["status"])
        for item in batch["submissions"]
    ]
    return batch


def _outcome_to_dict(outcome: "Outcome") -> dict:
    report = None if outcome.report is None else asdict(outcome.report)
    return {"name": outcome.name, "status": outcome.status, "report": report}


def _report_from_dict(data: dict | None) -> Report | None:
    if data is None:
        return None
    checks = tuple(
        CheckResult(**{**check, "status": Status(check["status"])}) for check in data["checks"]
    )
    return Report(
        seed=data["seed"],
        devices=tuple(data["devices"]),
        checks=checks,
        exercises=tuple(ExerciseRun(**run) for run in data["exercises"]),
        execution_time=data["execution_time"],
        submission=data["submission"],
    )


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
