"""The folder `grader grade --out DIR` writes, and reading it back for `grader collect`.

DIR/<submission>/results.json   Gradescope results of one submission (with the full report);
                                a name that is not safe as a folder beside these files (see
                                results_folder) goes to DIR/submissions/<slug>-<hash>/ instead
DIR/gradebook.csv               one row per submission
DIR/junit.xml                   one test suite per graded submission
DIR/batch.json                  what the batch shares (exercises, seed, devices, shard, the
                                roster and late policy it was given) and each submission's
                                name, reason it was not graded, fingerprint and time handed in,
                                so that `collect`, a later `grade` into the same folder and
                                `report` rebuild gradebook and JUnit exactly as one run would.
                                Rewritten after every submission: it is the batch's progress
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from grader.classroom.gradebook_rows import gradebook_rows
from grader.records import lateness, roster
from grader.records.catalogue import Catalogue
from grader.records.errors import SetupError
from grader.records.lateness import LatePolicy
from grader.records.results import Report
from grader.records.roster import Student
from grader.reports import gradebook as report_gradebook
from grader.reports import gradescope as report_gradescope
from grader.reports import junit as report_junit

BATCH_FORMAT = 1
GRADEBOOK, JUNIT, BATCH, RESULTS = "gradebook.csv", "junit.xml", "batch.json", "results.json"
SUBMISSIONS = "submissions"  # holds the results folders of names unsafe beside the outputs
RESERVED_NAMES = (GRADEBOOK, JUNIT, BATCH, SUBMISSIONS)
# \w: letters and digits of any script and "_"; never a control, format or path character
_SAFE_NAME = re.compile(r"[^\W_][\w.\- ]{0,99}")
_NOT_IN_SLUG = re.compile(r"[^\w.\-]")


@dataclass(frozen=True)
class SubmissionOutcome:
    """One submission of a batch."""

    name: str
    report: Report | None  # None when grading itself failed
    reason: str = ""  # why it was not graded; "" when it was
    notes: tuple[str, ...] = ()  # files of it that could not be used (a symlink, unreadable)
    confinement: str = ""  # what confined its learner code; "" when none ran
    digest: str = ""  # of its exercise files when graded (submission_facts.content_digest)
    fault: str = ""  # why it is not graded yet: "grader" (or its environment), "interrupted"
    submitted_at: str = ""  # ISO 8601, when it was handed in; "" when unknown
    submitted_from: str = ""  # where that time was read: "git", "files"
    graded_now: bool = False  # by this run (not kept from an earlier one); not written

    @property
    def folder(self) -> str:
        return results_folder(self.name)

    @property
    def graded(self) -> bool:
        return self.report is not None and not self.reason


@dataclass(frozen=True)
class BatchInfo:
    """What every output folder of one class shares (and `collect` checks they do)."""

    exercise_ids: tuple[str, ...]
    seed: int
    devices: tuple[str, ...]
    kata: str = "kata"  # the catalogue's name, which names junit.xml's root


def batch_info(catalogue: Catalogue, *, seed: int, devices: Sequence[str]) -> BatchInfo:
    ids = tuple(entry.id for entry in catalogue.exercises)
    return BatchInfo(exercise_ids=ids, seed=seed, devices=tuple(devices), kata=catalogue.name)


def results_folder(name: str) -> str:
    """Where a submission's results.json goes, relative to DIR. The name itself where it is
    safe: letters (any script), digits, ".", "-", "_" and inner spaces, at most 100, starting
    with a letter or digit, not one of grade's own names (nor theirs + ".partial"). Any other
    name (a control character, a byte that is not UTF-8, a slash) goes to
    submissions/<slug>-<hash>: the slug keeps it readable, the hash of the whole name keeps
    two names apart."""
    if _is_safe(name):
        return name
    slug = _NOT_IN_SLUG.sub("_", name)[:40].strip(".-") or "submission"
    digest = hashlib.sha256(name.encode("utf-8", errors="surrogatepass")).hexdigest()[:12]
    return f"{SUBMISSIONS}/{slug}-{digest}"


def _is_safe(name: str) -> bool:
    reserved = {n.casefold() for n in RESERVED_NAMES}
    bare = name.casefold().removesuffix(".partial")
    return bool(_SAFE_NAME.fullmatch(name)) and not name.endswith((" ", ".")) and (
        bare not in reserved)


def write_results(report: Report, out_dir: Path) -> None:
    folder = out_dir / results_folder(report.submission)
    folder.mkdir(parents=True, exist_ok=True)
    report_gradescope.write(report, folder / RESULTS, graded=True)


@dataclass(frozen=True)
class ClassSettings:
    """What a class's outputs are written with beyond the grades: kept in batch.json, so a
    later run into the same folder, `collect` and `export` write the same columns."""

    shard: tuple[int, int] | None = None
    roster: tuple[Student, ...] | None = None
    late: LatePolicy | None = None


def write_batch(outcomes: Sequence[SubmissionOutcome], info: BatchInfo, out_dir: Path, *,
                shard=None, settings: ClassSettings | None = None, junit: bool = True) -> None:
    """gradebook.csv, junit.xml and batch.json for `outcomes` (already in name order).
    `junit` False leaves junit.xml as it is (progress written during a batch)."""
    settings = settings or ClassSettings(None if shard is None else (shard.index, shard.count))
    header, rows = gradebook_rows(outcomes, info.exercise_ids, settings.roster, settings.late)
    report_gradebook.write(rows, info.exercise_ids, out_dir / GRADEBOOK, extra_header=header)
    if junit:
        report_junit.write([o.report for o in outcomes if o.report is not None],
                           out_dir / JUNIT, kata=info.kata)
    batch = {
        "format": BATCH_FORMAT,
        **asdict(info),
        "shard": list(settings.shard) if settings.shard else None,
        "roster": None if settings.roster is None else [s.as_dict() for s in settings.roster],
        "late": settings.late.as_dict() if settings.late else None,
        "submissions": [_entry(o) for o in outcomes],
    }
    _write_atomically(out_dir / BATCH, json.dumps(batch, indent=1, ensure_ascii=False) + "\n")


def _entry(outcome: SubmissionOutcome) -> dict:
    return {"name": outcome.name, "reason": outcome.reason, "notes": list(outcome.notes),
            "results": outcome.folder, "confinement": outcome.confinement,
            "digest": outcome.digest, "fault": outcome.fault,
            "submitted_at": outcome.submitted_at, "submitted_from": outcome.submitted_from}


@dataclass(frozen=True)
class Batch:
    folder: Path
    info: BatchInfo
    shard: tuple[int, int] | None
    outcomes: tuple[SubmissionOutcome, ...]
    roster: tuple[Student, ...] | None = None
    late: LatePolicy | None = None

    @property
    def settings(self) -> ClassSettings:
        return ClassSettings(self.shard, self.roster, self.late)


def read_batch(folder: Path) -> Batch:
    """One grade output folder, its reports read back from the results files."""
    path = folder / BATCH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if type(data) is not dict or data.get("format") != BATCH_FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}")
        info = BatchInfo(tuple(data["exercise_ids"]), data["seed"], tuple(data["devices"]),
                         data.get("kata", "kata"))
        outcomes = tuple(_read_outcome(folder, item) for item in data["submissions"])
        students = roster.from_dicts(data.get("roster"))
        late = lateness.from_dict(data.get("late"))
        shard = _shard(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        reason = f"{type(error).__name__}: {error}" if isinstance(error, KeyError) else error
        raise SetupError(f"{folder}: not an output folder of `grader grade` ({reason})") from None
    return Batch(folder, info, shard, outcomes, students, late)


def _shard(data: dict) -> tuple[int, int] | None:
    """batch.json's shard: [index, count] of a sharded run, null (or absent, as an unsharded
    run of an older grader wrote it) otherwise."""
    shard = data.get("shard")
    if shard is None:
        return None
    if type(shard) is not list or len(shard) != 2 or not all(type(n) is int for n in shard):
        raise ValueError(f"shard {shard!r} is not [index, count]")
    index, count = shard
    if not 1 <= index <= count:
        raise ValueError(f"shard {index}/{count} is not one of 1/{count} to {count}/{count}")
    return index, count


def _read_outcome(folder: Path, item: dict) -> SubmissionOutcome:
    results = folder / item.get("results", results_folder(item["name"]))
    if not results.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"results of {item['name']!r} outside the folder")
    return SubmissionOutcome(item["name"], _read_results(results), item["reason"],
                             tuple(item["notes"]), item.get("confinement", ""),
                             item.get("digest", ""), item.get("fault", ""),
                             item.get("submitted_at", ""), item.get("submitted_from", ""))


def _read_results(folder: Path) -> Report | None:
    path = folder / RESULTS
    # no results: grading failed before there were any, and the reason says why
    return report_gradescope.read(path) if path.is_file() else None


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
