"""Counts, per diagnosis id, how often the style files' declared diagnoses are named over
many seeds, and any diagnosis named where none was declared (correct styles included).

    python scripts/diagnoses_over_seeds.py [--seeds 20] [--match TEXT ...]

Every style file of tests/styles (or those whose name holds one of the --match texts) is
graded at every seed (two grading processes, as the proofs do); a declared id counts as
named on a seed when the failing function carries it. Exit 1 when a declared id was missed
or an undeclared one was named (correct files are counted apart: they must get none).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.styles import KATA_ROOT, all_styles, rounds  # noqa: E402
from tests.support.sweep import Sweeper  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--match", nargs="*", default=[], metavar="TEXT",
                        help="only the style files whose name holds one of these")
    args = parser.parse_args()
    seeds = range(1, args.seeds + 1)
    styles = [style for style in all_styles()
              if not args.match or any(text in style.name for text in args.match)]
    groups = rounds(styles)
    files = [{exercise: style.path for exercise, style in group.items()} for group in groups]
    declared, named, wrong = Counter(), Counter(), []
    with Sweeper(KATA_ROOT, jobs=2) as sweeper:
        for seed in seeds:
            reports = sweeper.grade(files, seed=seed)
            by_style = {style.name: report for group, report in zip(groups, reports)
                        for style in group.values()}
            for style in styles:
                for check in by_style[style.name].checks:
                    if check.exercise != style.exercise:
                        continue
                    want = set() if check.passed else set(style.diagnoses.get(check.function, ()))
                    for diagnosis in want:
                        declared[diagnosis] += 1
                        named[diagnosis] += diagnosis in check.diagnoses
                    extra = set(check.diagnoses) - want
                    if extra:
                        wrong.append(f"seed {seed}: {style.name} {check.function}: {sorted(extra)}")
    files_per_id = Counter(d for s in styles for ids in s.diagnoses.values() for d in ids)
    correct = sum(style.correct for style in styles)
    print(f"{len(styles)} style files ({correct} correct), seeds {seeds.start}-{seeds.stop - 1}")
    print(f"{'diagnosis id':24} {'files':>5} {'named':>7} / {'expected':<8}")
    for diagnosis in sorted(declared):
        print(f"{diagnosis:24} {files_per_id[diagnosis]:>5} {named[diagnosis]:>7} / "
              f"{declared[diagnosis]:<8}")
    on_correct = sum(" correct_" in line.replace("/", " ") for line in wrong)
    print(f"diagnoses named where none was declared: {len(wrong)}"
          f" (on correct files: {on_correct})")
    for line in wrong[:20]:
        print("  " + line)
    missed = sum(declared.values()) - sum(named.values())
    return 1 if missed or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
