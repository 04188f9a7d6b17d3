"""The exact versions a Gradescope bundle installs: every package the grader depends on
(but torch, which setup.sh pins itself, from the CPU index) and what those depend on, at the
version installed where the bundle is built. Two images built from one bundle then grade
alike, whenever Gradescope builds them.

Requirements come from the kata's pyproject.toml and from each installed distribution's
metadata; one needed only for an extra is left out, and one whose marker names another
platform is kept only where it is installed here (pinning it costs nothing where unused).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from grader.records.errors import SetupError

PINNED_FILE = "requirements-pinned.txt"  # in the bundle's kata/, read by setup.sh
NOT_PINNED = frozenset({"torch"})  # setup.sh installs the CPU build of its pinned version
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def pinned_requirements(pyproject: Path) -> list[str]:
    """`name==version` for each package the install pulls in, sorted by name."""
    wanted = [_name(spec) for spec in _dependencies(pyproject)]
    versions: dict[str, str] = {}
    while wanted:
        name = wanted.pop()
        key = _key(name)
        if key in versions or key in NOT_PINNED:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise SetupError(f"{name} is not installed here, so the bundle cannot pin it: "
                             "build the bundle where the grader runs") from None
        versions[key] = distribution.version
        wanted += [_name(spec) for spec in distribution.requires or ()
                   if "extra" not in spec.partition(";")[2] and _installed(_name(spec))]
    return [f"{name}=={version}" for name, version in sorted(versions.items())]


def pinned_text(pyproject: Path) -> str:
    lines = "\n".join(pinned_requirements(pyproject))
    return ("# The versions this bundle was built with (grader.edition.pins); setup.sh installs "
            f"exactly these.\n{lines}\n")


def _dependencies(pyproject: Path) -> list[str]:
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        return list(project["dependencies"])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise SetupError(f"{pyproject}: no [project] dependencies to pin ({error})") from None


def _name(spec: str) -> str:
    found = _NAME.match(spec)
    if found is None:
        raise SetupError(f"cannot read the requirement {spec!r}")
    return found.group(1)


def _key(name: str) -> str:
    """The normalised name (PEP 503), so numpy and NumPy are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True
