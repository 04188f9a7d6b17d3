"""A class's scores in the CSV an LMS imports.

Canvas (Grades > Import): the gradebook's own columns, `Student,ID,SIS User ID,SIS Login
ID,Section,<assignment>`, and a "Points Possible" row under the header as Canvas writes it
in its exports (a new assignment takes its points from it). Canvas matches a row on ID, SIS
User ID or SIS Login ID: here the roster's student_id is the SIS User ID and its email the
SIS Login ID; ID (Canvas's own number) stays empty.
Moodle (Grades > Import > CSV file): a header row, one row per student; the import maps
"ID number" or "Email address" to its users and the assignment column to a grade item.
A student without a score (nothing handed in, or not graded) gets an empty cell, which
both leave as it was instead of recording a zero.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from grader.records.roster import Student
from grader.reports.escaping import csv_cell

CANVAS_HEADER = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_HEADER = ("ID number", "Email address", "Full name", "Section")
CANVAS_POINTS = "    Points Possible"  # Canvas writes it so, spaces included
FORMATS = ("canvas", "moodle")


@dataclass(frozen=True)
class Grade:
    student: Student
    score: float | None  # None: no score to import


def rows(grades: Sequence[Grade], lms: str, assignment: str,
         points_possible: float) -> list[list[str]]:
    if lms == "canvas":
        table = [[*CANVAS_HEADER, assignment],
                 [CANVAS_POINTS, "", "", "", "", _number(points_possible)]]
        table += [[g.student.name, "", g.student.student_id, g.student.email,
                   g.student.section, _number(g.score)] for g in grades]
        return table
    table = [[*MOODLE_HEADER, assignment]]
    table += [[g.student.student_id, g.student.email, g.student.name, g.student.section,
               _number(g.score)] for g in grades]
    return table


def write(table: list[list[str]], path: Path) -> None:
    partial = Path(path).with_name(Path(path).name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as file:
        out = csv.writer(file)
        for row in table:
            out.writerow([_cell(cell) for cell in row])
    os.replace(partial, path)


def _cell(text: str) -> str:
    """A roster cell under the reports' CSV rule (a formula is defused); a number as it is."""
    return text if _is_number(text) else csv_cell(text)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value, 2):g}"
