#!/usr/bin/env bash
# Device parity check, for a machine with an NVIDIA GPU.
#
#   scripts/gpu_check.sh [SEED]
#
# 1. runs the project's tests, the CUDA ones included (the CPU-only multi-seed sweep,
#    marked slow, is left to CI);
# 2. grades the reference solutions with `grader run --device cuda` (100/100 expected);
# 3. grades each GPU-only mistake in tests/styles/gpu/ on CUDA and shows it caught: exactly
#    the functions it declares fail on cuda, and nothing fails on the CPU;
# 4. prints the wall time of `grader run --device cuda` next to `--device cpu`.
#
# Needs python with torch, numpy, pytest and pytest-timeout. nbformat is needed only by the
# notebook tests: where it is missing (a bare GPU machine), install it first as wheels, e.g.
#   python3 -m pip install --no-index --no-deps --target /tmp/site .whl/*.whl
#   export PYTHONPATH=/tmp/site
# otherwise step 1 leaves tests/notebooks out and says so. Without CUDA the script runs
# what the CPU allows, says which checks it skipped, and still fails if a check fails.
# Exit status: 0 when every check that ran passed, 1 otherwise.

set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
SEED=${1:-$RANDOM}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILED=()

say() { printf '\n=== %s\n' "$*"; }
check() {  # check NAME COMMAND...: run it, remember a failure
    if "$@"; then echo "ok: $NAME"; else echo "FAILED: $NAME"; FAILED+=("$NAME"); fi
}

if "$PYTHON" -c 'import sys, torch; sys.exit(not torch.cuda.is_available())' 2>/dev/null; then
    CUDA=1
    "$PYTHON" -c 'import torch
print("CUDA device:", torch.cuda.get_device_name(0), "| torch", torch.__version__)'
else
    CUDA=0
    echo "No CUDA device here: the CUDA checks are skipped and named below."
fi

# A kata checkout of our own, with the learner's exercises/ replaced as each step needs.
KATA="$WORK/kata"
mkdir -p "$KATA"
cp -r catalogue.toml solutions exercises hidden_tests "$KATA/"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

grade() {  # grade DEVICE JSON [EXERCISE...]: `grader run` in the kata copy; exit status kept
    local device=$1 json=$2
    shift 2
    rm -f "$json"  # a run that writes nothing must not be judged by an older file
    (cd "$KATA" && "$PYTHON" -m grader run "$@" --device "$device" --seed "$SEED" --json "$json")
}

use_solutions() { cp solutions/*.py "$KATA/exercises/"; }

say "1. project tests (the slow multi-seed sweep is left to CI)"
IGNORE=()
if ! "$PYTHON" -c 'import nbformat' 2>/dev/null; then
    echo "nbformat is not installed: tests/notebooks left out (install its wheels to run them)."
    IGNORE=(--ignore=tests/notebooks)
fi
project_tests() {  # with CUDA, no test may skip for want of it
    "$PYTHON" -m pytest tests -q -rs -m "not slow" ${IGNORE[@]+"${IGNORE[@]}"} \
        >"$WORK/tests.log" 2>&1
    local status=$?
    grep -E "^(SKIPPED|FAILED|ERROR)" "$WORK/tests.log" | head -20
    tail -1 "$WORK/tests.log"
    [ $status = 0 ] || return 1
    if [ "$CUDA" = 1 ] && grep -E "^SKIPPED" "$WORK/tests.log" | grep -qi "cuda"; then
        echo "CUDA tests skipped although a CUDA device is present"
        return 1
    fi
}
NAME="project tests" check project_tests
[ "$CUDA" = 1 ] || echo "skipped: the CUDA-marked tests (they skip themselves without a device)"

say "2. reference solutions, seed $SEED"
use_solutions
expect_full() {  # expect_full DEVICE: exit 0 and 100/100 in the JSON
    grade "$1" "$WORK/solutions-$1.json" >"$WORK/solutions-$1.txt" 2>&1
    local status=$?
    tail -4 "$WORK/solutions-$1.txt"
    "$PYTHON" - "$WORK/solutions-$1.json" "$status" <<'EOF'
import json, sys
data, status = json.load(open(sys.argv[1])), int(sys.argv[2])
devices = sorted({test["tags"][2] for test in data["tests"]})
print(f"score {data['score']:g}/{data['max_score']:g} on {', '.join(devices)}; exit {status}")
sys.exit(0 if status == 0 and data["score"] == data["max_score"] == 100 else 1)
EOF
}
NAME="solutions 100/100 on cpu" check expect_full cpu
if [ "$CUDA" = 1 ]; then
    NAME="solutions 100/100 with --device cuda" check expect_full cuda
else
    NAME="--device cuda without CUDA is a set-up error (exit 2)" check bash -c \
        "cd '$KATA' && '$PYTHON' -m grader run 01 --device cuda >/dev/null 2>&1; test \$? = 2"
fi

say "3. GPU-only mistakes"
caught() {  # caught FILE DEVICE: the functions failing on DEVICE are exactly those declared
    local file=$1 device=$2 exercise
    exercise=$("$PYTHON" -c 'import ast, sys
tree = ast.parse(open(sys.argv[1]).read())
print(next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
           and getattr(n.targets[0], "id", "") == "EXERCISE"))' "$file")
    use_solutions
    cp "$file" "$KATA/exercises/$exercise.py"
    grade "$device" "$WORK/mistake.json" "$exercise" >/dev/null 2>&1
    "$PYTHON" - "$file" "$WORK/mistake.json" "$device" <<'EOF'
import ast, json, sys
path, results, device = sys.argv[1:]
tree = ast.parse(open(path).read())
breaks = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
              and getattr(n.targets[0], "id", "") == "BREAKS")
declared = set(breaks.get(device, ()))
tests = json.load(open(results))["tests"]
failed = {t["tags"][1] for t in tests if t["tags"][2] == device and t["status"] == "failed"}
name = path.rsplit("/", 1)[-1]
for test in tests:
    if test["tags"][2] == device and test["status"] == "failed":
        first = test["output"].strip().splitlines()
        print(f"  {name} [{device}] {test['tags'][1]}: {' / '.join(first[:3])[:300]}")
verdict = "caught" if declared else "passes, as declared"
ok = failed == declared
print(f"  {name} on {device}: fails {sorted(failed) or 'nothing'}; declared "
      f"{sorted(declared) or 'nothing'} -> {verdict if ok else 'NOT AS DECLARED'}")
sys.exit(0 if ok else 1)
EOF
}
for file in tests/styles/gpu/mistake_*.py; do
    NAME="$(basename "$file") on cpu" check caught "$file" cpu
    if [ "$CUDA" = 1 ]; then
        NAME="$(basename "$file") on cuda" check caught "$file" cuda
    fi
done
[ "$CUDA" = 1 ] || echo "skipped: grading the GPU-only mistakes on cuda"

say "4. wall time of grader run, seed $SEED"
use_solutions
timed() {  # timed DEVICE: wall seconds of a whole `grader run` on the solutions
    local start end
    start=$(date +%s.%N)
    grade "$1" "$WORK/timing.json" >/dev/null 2>&1 || return 1
    end=$(date +%s.%N)
    "$PYTHON" -c "print(f'{$end - $start:.2f} s')"
}
CPU_TIME=$(timed cpu) || CPU_TIME="failed"
if [ "$CUDA" = 1 ]; then
    CUDA_TIME=$(timed cuda) || CUDA_TIME="failed"
else
    CUDA_TIME="skipped (no CUDA)"
fi
printf '  grader run --device cpu : %s\n  grader run --device cuda: %s\n' "$CPU_TIME" "$CUDA_TIME"
[ "$CPU_TIME" != failed ] && [ "$CUDA_TIME" != failed ] || FAILED+=("timed runs")

say "summary"
if [ ${#FAILED[@]} -eq 0 ]; then
    echo "every check passed (seed $SEED, CUDA: $([ "$CUDA" = 1 ] && echo yes || echo no))"
    exit 0
fi
printf 'FAILED: %s\n' "${FAILED[@]}"
exit 1
