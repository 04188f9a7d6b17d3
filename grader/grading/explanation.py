"""What a failed check says beyond its verdict, kept apart until the end of grading.

A check's message is composed last, because two things learnt after the check can still
change it: a mistake named by a model holds only once the same test confirms it on a second,
different input (grader.grading.plugin), and a failure that comes from another learner
function failing its own check names that function instead of any mistake
(grader.grading.cascade). Until then the parts travel as one value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from grader.records import course_diagnoses, messages


@dataclass(frozen=True)
class Explanation:
    base: str  # what was called, and how the result differs or what was raised
    found: tuple[str, ...] = ()  # diagnosis ids, most likely first
    modelled: frozenset = frozenset()  # ids only a model named: they hold once confirmed
    said: str | None = None  # an engine id whose sentence would repeat the base's words
    facts: tuple[str, ...] = ()  # sentences computed from the two results, for when no id holds
    frames: tuple[str, ...] = ()  # the learner's functions on the traceback, innermost last
    cascade: str = ""  # the learner function this failure comes from
    # the course's sentences of its own ids (grader.records.course_diagnoses)
    sentences: Mapping = field(default_factory=dict, compare=False, repr=False)

    @property
    def message(self) -> str:
        if self.cascade:
            return f"{self.base}\n" + messages.text("diagnosis.cascade", function=self.cascade)
        lines = [self._sentence(key) for key in self.found if key != self.said]
        if not self.found:
            lines = list(self.facts)
        return "\n".join([self.base, *lines])

    def _sentence(self, key: str) -> str:
        """The course's sentence for its ids, the grader's own for the ones it finds."""
        return course_diagnoses.said(self.sentences, key, messages.current())

    @property
    def diagnoses(self) -> tuple[str, ...]:
        return () if self.cascade else self.found

    def confirmed(self, again: Explanation | None) -> Explanation:
        """Only the modelled ids that the test's second run (`again`, None when it passed or
        failed otherwise) names too; ids the engine or an error named stand as they are."""
        named_again = set(again.found) if again is not None else set()
        kept = tuple(key for key in self.found
                     if key not in self.modelled or key in named_again)
        return replace(self, found=kept, modelled=self.modelled & set(kept))

    def from_callee(self, function: str) -> Explanation:
        return replace(self, cascade=function)
