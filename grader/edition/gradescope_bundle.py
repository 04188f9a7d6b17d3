"""`grader gradescope OUT.zip`: a Gradescope autograder bundle of the instructor's kata.

The zip holds setup.sh and run_autograder at its root (where Gradescope looks for them) and
the trusted kata under kata/: catalogue, stubs, reference solutions, hidden tests, the
grader itself and the package versions to install (grader.edition.pins). public/ holds the
student edition's public checks (recorded as `grader release` records them, so they are the
ones learners have), which run_autograder runs as visible tests worth no points beside the
hidden tests and their chosen visibility. Gradescope's image only ever grades with these;
a submission contributes its exercise files and nothing else (grader.classroom.staging).
"""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from grader.edition import gradescope_scripts as scripts
from grader.edition.build import release
from grader.edition.pins import PINNED_FILE, pinned_text
from grader.records.catalogue import VISIBILITIES, load_catalogue
from grader.records.errors import SetupError
from grader.records.paths import GRADER_PACKAGE, KataPaths

KATA = "kata"  # the folder of the bundle that holds the kata
PUBLIC = scripts.PUBLIC  # the folder that holds the student edition's public checks
OPTIONAL_FILES = ("pyproject.toml", "README.md", "LICENSE")  # what `pip install` reads
_SKIPPED_DIRS = {"__pycache__", ".ipynb_checkpoints", ".grader"}
_STAMP = (2024, 1, 1, 0, 0, 0)  # the same kata always makes the same bytes


@dataclass(frozen=True)
class Bundle:
    path: Path
    files: int
    visibility: str


def build_bundle(kata_root: Path, out: Path, *, visibility: str | None = None) -> Bundle:
    """Write the bundle to `out` (replaced whole, never half-written)."""
    kata = KataPaths(Path(kata_root).resolve())
    catalogue = load_catalogue(kata.catalogue)  # a malformed catalogue stops here
    visibility = visibility or catalogue.visibility
    if visibility not in VISIBILITIES:
        raise SetupError(f"visibility {visibility!r} is not one of {list(VISIBILITIES)}")
    for folder in (kata.solutions, kata.hidden_tests):
        if not folder.is_dir():
            raise SetupError(f"{kata.root} has no {folder.name}/: build the bundle from the "
                             "instructor's kata, not a student edition")
    out = Path(out).resolve()
    if not out.parent.is_dir():
        raise SetupError(f"{out.parent} does not exist")
    partial = out.with_name(out.name + ".partial")
    try:
        count = _write_zip(partial, kata, visibility)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return Bundle(out, count, visibility)


def bundle_files(kata: KataPaths) -> list[tuple[Path, str]]:
    """(file on disk, name in the zip) for every file of the kata the bundle ships."""
    pairs = []
    for folder in (kata.exercises, kata.solutions, kata.hidden_tests):
        pairs += _tree(folder, f"{KATA}/{folder.name}")
    pairs += _tree(GRADER_PACKAGE, f"{KATA}/grader")
    for name in ("catalogue.toml", *OPTIONAL_FILES):
        if (kata.root / name).is_file():
            pairs.append((kata.root / name, f"{KATA}/{name}"))
    return pairs


def _tree(folder: Path, prefix: str) -> list[tuple[Path, str]]:
    pairs = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if _SKIPPED_DIRS & set(relative.parts) or path.suffix == ".pyc":
            continue
        if path.is_file() and not path.is_symlink():
            pairs.append((path, f"{prefix}/{relative.as_posix()}"))
    return pairs


def _write_zip(path: Path, kata: KataPaths, visibility: str) -> int:
    files = bundle_files(kata)
    public = public_edition_files(kata)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        _add(bundle, "setup.sh", scripts.SETUP, executable=True)
        _add(bundle, "run_autograder", scripts.run_autograder(visibility), executable=True)
        _add(bundle, f"{KATA}/{PINNED_FILE}", pinned_text(kata.root / "pyproject.toml"))
        for source, name in files:
            _add(bundle, name, source.read_bytes())
        for name, data in public:
            _add(bundle, name, data)
    return len(files) + len(public) + 3


def public_edition_files(kata: KataPaths) -> list[tuple[str, bytes]]:
    """(name in the zip, bytes) of the edition's catalogue and public checks, released for
    the purpose (which also proves the reference earns full marks on both test sets)."""
    with tempfile.TemporaryDirectory(prefix="grader-bundle-") as scratch:
        edition = KataPaths(release(kata.root, Path(scratch) / "edition").root)
        pairs = [(edition.catalogue, f"{PUBLIC}/catalogue.toml")]
        pairs += _tree(edition.public_checks, f"{PUBLIC}/public_checks")
        return [(name, source.read_bytes()) for source, name in pairs]


def _add(bundle: zipfile.ZipFile, name: str, data: str | bytes, *, executable=False) -> None:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    mode = 0o755 if executable else 0o644
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, data)
