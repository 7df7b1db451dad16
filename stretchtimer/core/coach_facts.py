"""Provides the facts the coach's rules read, found once from the whole history: each routine's
sessions by day, the recent pain stops, the zones, and what was decided on earlier
suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from stretchtimer.core.records import Decision, MorningCheck, SessionRecord
from stretchtimer.core.zones import Judge, Judged

RECENT = 14
"""Days (today and the 13 before) that count as recent: stops, ease-off, stay."""
WEEK = 7
"""Days (today and the 6 before) a decline holds, and between two accepted progressions."""


@dataclass(frozen=True)
class Done:
    """One session with its local day."""

    record: SessionRecord
    """The session."""
    day: date
    """The local day it started on."""


@dataclass(frozen=True)
class Stop:
    """"This hurts" pressed in one step of a session."""

    day: date
    """The session's local day."""
    exercise: str
    """The exercise id."""
    side: str | None
    """left, right or None."""
    routine: str
    """The session's routine."""
    session: int = 0
    """Which session (its place in the record): pressed twice in one session is one stop."""


def days_ago(today: date, day: date) -> int:
    """Whole days from `day` to `today` (0: today)."""
    return (today - day).days


class Facts:
    """The history read once for the rules, as of `today`."""

    def __init__(
        self,
        records: Iterable[SessionRecord],
        checks: Iterable[MorningCheck],
        decisions: Iterable[Decision],
        today: date,
    ) -> None:
        self.today = today
        """The day the rules run on."""
        records = list(records)
        days = [r.started.astimezone().date() for r in records]
        self.judge = Judge(records, checks, days)
        """Zones and baselines."""
        by_routine: dict[str, list[Done]] = {}
        stops: list[Stop] = []
        last: date | None = None
        for n, (record, day) in enumerate(zip(records, days, strict=True)):
            if day > today:
                continue
            last = day if last is None or day > last else last
            if record.status == "running":
                continue
            if record.held > 0 or record.stopped_for_pain:  # (quit at once: not done at all)
                by_routine.setdefault(record.routine, []).append(Done(record, day))
            if days_ago(today, day) < RECENT:
                hurt = dict.fromkeys((s.exercise, s.side) for s in record.steps if s.pain_stop)
                stops += [Stop(day, ex, side, record.routine, n) for ex, side in hurt]
        for done in by_routine.values():
            done.sort(key=lambda d: d.record.started)
        self.sessions = by_routine
        """Each routine's sessions (not the running ones), oldest first."""
        self.stops = tuple(stops)
        """The pain stops of the recent days."""
        self.last_day = last
        """The day of the latest session of any routine, or None when there is none."""
        self._decisions = list(decisions)

    def of(self, routine: str) -> Sequence[Done]:
        """The routine's sessions, oldest first."""
        return self.sessions.get(routine, ())

    def judged(self, done: Done) -> Judged:
        """The session judged."""
        return self.judge.judge(done.record, done.day)

    def recent(self, routine: str) -> bool:
        """Whether the routine was done in the recent days."""
        sessions = self.of(routine)
        return bool(sessions) and days_ago(self.today, sessions[-1].day) < RECENT

    def _within(self, decision: Decision, days: int) -> bool:
        return days_ago(self.today, decision.at.astimezone().date()) < days

    def offered(self, key: str) -> bool:
        """Whether a suggestion with this key may be offered: not accepted ever, nor
        declined within the week."""
        for d in self._decisions:
            if d.key != key:
                continue
            if d.choice == "accepted" or (d.choice == "declined" and self._within(d, WEEK)):
                return False
        return True

    def progressed_lately(self, routine: str) -> bool:
        """Whether a progression of the routine (or one that made it) was accepted within
        the week."""
        return any(
            d.choice == "accepted" and d.rule == "progress" and routine in (d.routine, d.made)
            and self._within(d, WEEK)
            for d in self._decisions
        )

    def stopped(self, exercise: str, side: str | None) -> int:
        """How many recent pain stops this exercise and side had."""
        return sum(1 for s in self.stops if s.exercise == exercise and s.side == side)
