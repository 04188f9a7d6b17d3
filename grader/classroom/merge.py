"""Merge the output folders of `grader grade --shard I/N` runs into one, as one run would write.

The merged gradebook.csv and junit.xml are written by the same code as an unsharded run's,
from the shards' results files; results.json files are copied as they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Sequence

from grader.classroom import batch_output
from grader.classroom.batch_output import Batch, SubmissionOutcome
from grader.records.errors import SetupError


def collect(folders: Sequence[Path], *, out_dir: Path) -> list[SubmissionOutcome]:
    """Merge `folders` into `out_dir`; returns the merged outcomes in name order."""
    folders = [Path(folder).resolve() for folder in folders]
    out_dir = Path(out_dir).resolve()
    if out_dir in folders:
        raise SetupError(f"--out {out_dir} is one of the folders to collect; choose another")
    batches = [batch_output.read_batch(folder) for folder in folders]
    _check_one_class(batches)
    _check_shards(batches)
    outcomes = _merged_outcomes(batches)
    out_dir.mkdir(parents=True, exist_ok=True)
    for batch in batches:
        for outcome in batch.outcomes:
            _copy_results(batch.folder / outcome.folder, out_dir / outcome.folder)
    first = batches[0]  # every shard was given the same roster and late policy
    settings = batch_output.ClassSettings(None, first.roster, first.late)
    batch_output.write_batch(outcomes, first.info, out_dir, settings=settings)
    return outcomes


def _check_one_class(batches: list[Batch]) -> None:
    first = batches[0]
    for batch in batches[1:]:
        if batch.info != first.info or (batch.roster, batch.late) != (first.roster, first.late):
            raise SetupError(
                f"{batch.folder} was graded differently from {first.folder} "
                "(other exercises, seed, devices, roster or due time): not shards of one class"
            )


def _check_shards(batches: list[Batch]) -> None:
    """Sharded folders must be shards 1..N of one N, each exactly once."""
    shards = [batch.shard for batch in batches]
    if all(shard is None for shard in shards):
        return
    counts = {shard[1] for shard in shards if shard is not None}
    expected = [(index, max(counts)) for index in range(1, max(counts) + 1)]
    given = sorted(shard for shard in shards if shard is not None)
    if None in shards or len(counts) != 1 or given != expected:
        found = ", ".join(_shard_text(batch) for batch in batches)
        raise SetupError(f"the folders are not shards 1/N to N/N of one class ({found})")


def _shard_text(batch: Batch) -> str:
    shard = f"{batch.shard[0]}/{batch.shard[1]}" if batch.shard else "not sharded"
    return f"{batch.folder.name}: {shard}"


def _merged_outcomes(batches: list[Batch]) -> list[SubmissionOutcome]:
    owner: dict[str, Path] = {}
    for batch in batches:
        for outcome in batch.outcomes:
            if outcome.name in owner:
                folders = f"{owner[outcome.name]} and {batch.folder}"
                raise SetupError(f"{outcome.name!r} is in both {folders}")
            owner[outcome.name] = batch.folder
    merged = [outcome for batch in batches for outcome in batch.outcomes]
    return sorted(merged, key=lambda outcome: outcome.name)


def _copy_results(source: Path, target: Path) -> None:
    results = source / batch_output.RESULTS
    if results.is_file():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(results, target / batch_output.RESULTS)
