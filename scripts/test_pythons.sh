#!/usr/bin/env bash
# The engine, sandbox and classroom tests, and `grader run` of the solved kata, on every
# supported Python this machine has (pyproject.toml's classifiers; on PATH as pythonX.Y, or
# installed by pyenv), each in a fresh virtual environment set up as the README says.
#
#     bash scripts/test_pythons.sh [--except X.Y]    # X.Y: a version already tested
#
# Exit 1 when any interpreter found fails; a version with no interpreter is named, not failed.
set -uo pipefail
cd "$(dirname "$0")/.."

skip=""
if [ "${1:-}" = "--except" ]; then skip="${2:-}"; fi
versions=$(sed -n 's/.*"Programming Language :: Python :: \(3\.[0-9]*\)".*/\1/p' pyproject.toml)
work="$(mktemp -d "${DESCENT_KATA_CI_VENVS:-/var/tmp}/descent-kata-pythons.XXXXXX")"  # see .ci/run
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

interpreter() {  # the first interpreter of version $1 that runs (a pyenv shim may not), or nothing
    local candidate
    for candidate in $(command -v "python$1") $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1" 2>/dev/null | sort -rV); do
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, sys.argv[1].split("."))))' "$1" 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
}

solved_kata() {  # a copy of the kata whose exercise files are the reference solutions
    mkdir -p "$1"
    cp -r exercises solutions hidden_tests catalogue.toml "$1"
    cp "$1"/solutions/*.py "$1"/exercises/
}

check() {  # version, interpreter: set up, test, grade; the summary line on stdout's last line
    local version=$1 python=$2 venv="$work/venv-$1" kata="$work/kata-$1" tests run
    "$python" -m venv "$venv" && "$venv/bin/python" -m pip install --quiet \
        "torch==2.13.0" -e ".[learn,test]" || { echo "$version: set-up failed"; return 1; }
    "$venv/bin/python" -m pytest tests/engine tests/sandbox tests/classroom -q -p no:randomly -m "not slow" \
        | tee "$work/pytest-$version.txt"
    local tests_code=${PIPESTATUS[0]}
    tests=$(tail -n 1 "$work/pytest-$version.txt")
    solved_kata "$kata"
    (cd "$kata" && "$venv/bin/grader" run --device cpu) | tee "$work/run-$version.txt"
    local run_code=${PIPESTATUS[0]}
    run=$(grep -E "Total|总分" "$work/run-$version.txt" | tail -n 1)
    echo "$version ($("$python" -c 'import platform; print(platform.python_version())')):" \
         "tests: $tests; grader run of the solved kata: ${run:-no total} (exit $run_code)" \
         >> "$work/summary.txt"
    [ "$tests_code" -eq 0 ] && [ "$run_code" -eq 0 ]
}

failed=0
for version in $versions; do
    if [ "$version" = "$skip" ]; then
        echo "$version: tested before this script (the whole suite)" >> "$work/summary.txt"
        continue
    fi
    python=$(interpreter "$version")
    if [ -z "$python" ]; then
        echo "$version: no interpreter on this machine" >> "$work/summary.txt"
        continue
    fi
    echo "== Python $version: $python"
    check "$version" "$python" || failed=1
done
echo "== Supported Pythons"
cat "$work/summary.txt"
exit $failed
