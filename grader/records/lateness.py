"""When a submission was handed in, and what a late policy takes off its score.

The policy: `percent_per_day` off for each day or part of a day past the due time, never
more than `cap` percent. The final score is the raw score less that share of it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta

DAY = timedelta(days=1)


@dataclass(frozen=True)
class LatePolicy:
    due: datetime  # aware: a due time given without a zone is taken in the local zone
    percent_per_day: float = 10.0
    cap: float = 100.0  # the most, in percent, a late submission loses

    def days_late(self, submitted: datetime | None) -> int:
        """Days (each started one counted whole) past the due time; 0 when on time or
        when the time of the submission is unknown."""
        if submitted is None or submitted <= self.due:
            return 0
        return math.ceil((submitted - self.due) / DAY)

    def penalty(self, submitted: datetime | None) -> float:
        """The percent taken off."""
        return min(self.cap, self.percent_per_day * self.days_late(submitted))

    def final(self, raw: float, submitted: datetime | None) -> float:
        return raw * (1.0 - self.penalty(submitted) / 100.0)

    def as_dict(self) -> dict:
        return {**asdict(self), "due": self.due.isoformat()}


def parse_time(text: str) -> datetime:
    """An ISO 8601 time ("2026-12-01T23:59", "2026-12-01 23:59+08:00"; a date alone means
    the end of that day, 23:59:59, as due dates do), made aware in the local zone where it
    names none; ValueError otherwise."""
    text = text.strip()
    moment = datetime.fromisoformat(text)
    if len(text) == len("2026-12-01"):
        moment = datetime.combine(moment.date(), time(23, 59, 59))
    return moment if moment.tzinfo else moment.astimezone()


def from_dict(data: dict | None) -> LatePolicy | None:
    if not data:
        return None
    return LatePolicy(parse_time(data["due"]), float(data["percent_per_day"]),
                      float(data["cap"]))
