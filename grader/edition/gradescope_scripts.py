"""The two scripts of a Gradescope autograder bundle (see grader.edition.gradescope_bundle).

Gradescope unzips the bundle into /autograder/source, runs setup.sh once when it builds the
image, and run_autograder for every submission. GRADER_AUTOGRADER stands in for /autograder
(a test points it at a temporary folder), GRADER_PYTHON for the interpreter setup.sh
installed, and GRADER_SKIP_INSTALL=1 makes setup.sh install nothing.
"""

from grader.edition.pins import PINNED_FILE

TORCH = "torch==2.13.0"
TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
VENV = "/opt/grader-venv"
PUBLIC = "public"  # the bundle's folder of the student edition's public checks

SETUP = f"""\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image: a virtual
# environment with Python 3.11 or newer, the CPU build of torch (pinned), the grader and its
# dependencies at the versions the bundle was built with.
set -euo pipefail
if [ "${{GRADER_SKIP_INSTALL:-}}" = 1 ]; then
    echo "GRADER_SKIP_INSTALL=1: nothing installed"
    exit 0
fi
SOURCE="${{GRADER_AUTOGRADER:-/autograder}}/source"
VENV="{VENV}"

python_ok() {{ "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }}
PYTHON=python3
if ! python_ok "$PYTHON"; then
    # Ubuntu 22.04 images ship Python 3.10; 3.11 is a package of the same release
    apt-get update
    apt-get install -y python3.11 python3.11-venv
    PYTHON=python3.11
fi
if ! "$PYTHON" -m venv "$VENV"; then
    # Ubuntu leaves venv's pip bootstrap in a package of its own
    apt-get update
    apt-get install -y python3-venv
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --upgrade pip
# The CPU build of torch: a fraction of the default one's size, and Gradescope has no GPU.
"$VENV/bin/python" -m pip install "{TORCH}" --index-url {TORCH_INDEX}
# Every other package at the version the bundle was built with, so two builds of one bundle
# grade alike.
"$VENV/bin/python" -m pip install -r "$SOURCE/kata/{PINNED_FILE}"
"$VENV/bin/python" -m pip install -c "$SOURCE/kata/{PINNED_FILE}" "$SOURCE/kata"
"$VENV/bin/python" -m grader --help > /dev/null
"""

_RUN = f"""\
#!/usr/bin/env bash
# Gradescope runs this for every submission. It grades /autograder/submission with the
# kata's own hidden tests and reference (never anything of the submission's but its
# exercise files) and writes /autograder/results/results.json.
set -euo pipefail
AUTOGRADER="${{GRADER_AUTOGRADER:-/autograder}}"
PYTHON="${{GRADER_PYTHON:-{VENV}/bin/python}}"
RESULTS="$AUTOGRADER/results"

mkdir -p "$RESULTS"
# Only this run's results may count: never a file the submission brought or left there.
rm -f "$RESULTS/results.json"
# Gradescope's container refuses namespaces: learner code runs under a sandbox uid, which
# must not reach the reference, the hidden tests or the results (root still does); the
# grader's own package stays readable.
for closed in "$AUTOGRADER/source/kata/solutions" "$AUTOGRADER/source/kata/hidden_tests" \
        "$AUTOGRADER/source/kata/tests" "$AUTOGRADER/source/kata/.git" \
        "$AUTOGRADER/source/kata/.grader" "$RESULTS"; do
    if [ -e "$closed" ]; then chmod go-rwx "$closed"; fi
done

# Exercise files flat, under exercises/, or one folder down (a repository's zip), whatever
# that folder is called (".kata", "kata (1)"); the __MACOSX folder a Mac's zip adds is no
# second folder.
submission="$AUTOGRADER/submission"
shopt -s nullglob dotglob
for _ in 1 2; do
    entries=()
    for entry in "$submission"/*; do
        [ "$(basename "$entry")" = __MACOSX ] || entries+=("$entry")
    done
    if [ "${{#entries[@]}}" -eq 1 ] && [ -d "${{entries[0]}}" ] && [ ! -L "${{entries[0]}}" ] \\
        && [ "$(basename "${{entries[0]}}")" != exercises ]; then
        submission="${{entries[0]}}"
    fi
done

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$AUTOGRADER/source/kata"
status=0
# Learner code also must not reach the results folder while it runs.
GRADER_SANDBOX_HIDE="$RESULTS" "$PYTHON" -m grader grade "$submission" --out "$out" \\
    --device cpu --visibility @VISIBILITY@ --public-checks "$AUTOGRADER/source/{PUBLIC}" \\
    || status=$?
# One submission was graded: its results are the one results.json under $out, in a folder
# named after it or, where that name is no safe folder name, under submissions/.
found=("$out"/*/results.json "$out"/submissions/*/results.json)
if [ "${{#found[@]}}" -ne 1 ]; then
    echo "grader grade exited $status without results" >&2
    exit 1
fi
graded="${{found[0]}}"
rm -rf "$RESULTS/results.json.partial"
cp "$graded" "$RESULTS/results.json.partial"
mv "$RESULTS/results.json.partial" "$RESULTS/results.json"
echo "grader grade exited $status; results in $RESULTS/results.json"
"""


def run_autograder(visibility: str) -> str:
    """run_autograder for a bundle whose hidden tests have this visibility on Gradescope."""
    return _RUN.replace("@VISIBILITY@", visibility)
