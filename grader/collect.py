"""Merge the output folders of `grader grade --shard I/N` runs into one, as one run would write.

Every shard records its reports in batch.json, so the merged gradebook.csv and junit.xml are
written by the same code as an unsharded run's; results.json files are copied as they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Sequence

from grader import batch_output
from grader.errors import SetupError


def collect(folders: Sequence[Path], *, out_dir: Path) -> list:
    """Merge `folders` into `out_dir`; returns the merged outcomes in name order."""
    folders = [Path(folder).resolve() for folder in folders]
    out_dir = Path(out_dir).resolve()
    if out_dir in folders:
        raise SetupError(f"--out {out_dir} is one of the folders to collect; choose a new one")
    batches = [batch_output.read_batch(folder) for folder in folders]
    info = _shared_info(batches, folders)
    _check_shards(batches, folders)
    outcomes = _merged_outcomes(batches, folders)
    out_dir.mkdir(parents=True, exist_ok=True)
    for outcome in outcomes:
        _copy_results(folders, outcome.name, out_dir)
    batch_output.write_batch(outcomes, info, out_dir)
    return outcomes


def _shared_info(batches: list[dict], folders: list[Path]):
    info = batches[0]["info"]
    for batch, folder in zip(batches, folders):
        if batch["info"] != info:
            raise SetupError(
                f"{folder} was graded differently from {folders[0]} "
                "(another catalogue, seed or device set): not one class"
            )
    return info


def _check_shards(batches: list[dict], folders: list[Path]) -> None:
    """Sharded folders must be shards 1..N of one N, each exactly once."""
    shards = [batch["shard"] for batch in batches]
    if all(shard is None for shard in shards):
        return
    counts = {shard[1] for shard in shards if shard is not None}
    indexes = sorted(shard[0] for shard in shards if shard is not None)
    if None in shards or len(counts) != 1 or indexes != list(range(1, counts.pop() + 1)):
        found = ", ".join(f"{f.name}: {s[0]}/{s[1]}" if s else f"{f.name}: unsharded" for f, s in zip(folders, shards))
        raise SetupError(f"the folders are not shards 1/N..N/N of one run ({found})")


def _merged_outcomes(batches: list[dict], folders: list[Path]) -> list:
    owner: dict[str, Path] = {}
    outcomes = []
    for batch, folder in zip(batches, folders):
        for outcome in batch["outcomes"]:
            if outcome.name in owner:
                raise SetupError(f"submission {outcome.name!r} is in {owner[outcome.name]} and {folder}")
            owner[outcome.name] = folder
            outcomes.append(outcome)
    return sorted(outcomes, key=lambda outcome: outcome.name)


def _copy_results(folders: list[Path], name: str, out_dir: Path) -> None:
    for folder in folders:
        source = folder / name / batch_output.RESULTS
        if source.is_file():
            (out_dir / name).mkdir(exist_ok=True)
            shutil.copyfile(source, out_dir / name / batch_output.RESULTS)
            return
