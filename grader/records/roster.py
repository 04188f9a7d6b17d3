"""A class roster: which learner each submission folder belongs to.

A CSV with the columns submission,student_id,name,email (and optionally section), one row
per learner; `submission` is the submission folder's name. `grader grade --roster` joins it
to the gradebook, and `grader export` takes the ids an LMS matches on from it.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from grader.records import learner_text, messages
from grader.records.errors import SetupError

REQUIRED = ("submission", "student_id", "name", "email")
COLUMNS = (*REQUIRED, "section")


@dataclass(frozen=True)
class Student:
    submission: str
    student_id: str
    name: str
    email: str
    section: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def read_roster(path: Path) -> tuple[Student, ...]:
    """The roster's students in file order; SetupError for a missing column, a blank or
    repeated submission name, or a file that cannot be read."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:  # -sig: Excel's BOM
            reader = csv.DictReader(file)
            rows = list(reader)
            fields = [name.strip() for name in reader.fieldnames or ()]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SetupError(messages.text("roster.unreadable", path=path, error=error)) from None
    missing = [column for column in REQUIRED if column not in fields]
    if missing or not rows:
        raise SetupError(messages.text("roster.columns", path=path,
                                       missing=", ".join(missing or REQUIRED)))
    return _students(rows, path)


def _students(rows: list[dict], path: Path) -> tuple[Student, ...]:
    students, seen = [], set()
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        # a row longer than the header puts its rest under the key None, as a list: ignored
        cells = {key.strip(): learner_text.clean((value or "").strip())
                 for key, value in row.items() if isinstance(key, str)
                 and isinstance(value, str | None)}
        name = cells["submission"]
        if not name or name.casefold() in seen:
            raise SetupError(messages.text("roster.bad_row", path=path, line=line, name=name))
        seen.add(name.casefold())
        students.append(Student(**{column: cells.get(column, "") for column in COLUMNS}))
    return tuple(students)


def from_dicts(items: list[dict] | None) -> tuple[Student, ...] | None:
    """The roster batch.json keeps (None: the class was graded without one)."""
    if items is None:
        return None
    return tuple(Student(**{column: str(item.get(column, "")) for column in COLUMNS})
                 for item in items)
