"""Provides a reminder as every front end shows it (the waiting screen, plain lines, the desktop
mode): the schedule, the routine it offers, today's breaks, and what to say."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from stretchtimer.core.schedule import DAY_NAMES, Schedule, Status, Window
from stretchtimer.core.text import one_line
from stretchtimer.history.row import BREAK_KINDS

if TYPE_CHECKING:  # SQLite loads only where a history is opened
    from stretchtimer.history.recorder import HistoryRecorder

SNOOZE = 10 * 60
"""Seconds a snooze puts a break off."""
HISTORY_EVERY = 300.0
"""Seconds between looks at the history for a session finished elsewhere (a wait reset a few
minutes late costs nothing; a look costs a thread and a query)."""


def window_text(window: Window) -> str:
    """`09:00-17:30, mon-fri`, or `any time`."""
    bits = []
    if (window.start.hour, window.start.minute) != (0, 0) or window.end.hour != 23:
        bits.append(f"{window.start:%H:%M}-{window.end:%H:%M}")
    if window.days != frozenset(range(7)):
        bits.append(",".join(DAY_NAMES[d] for d in sorted(window.days)))
    return ", ".join(bits) or "any time"


def minutes_text(seconds: float) -> str:
    """`in 23 min`, `in 1 min`, `in under a minute`."""
    minutes = math.ceil(seconds / 60 - 1e-9)
    return "in under a minute" if seconds < 60 else f"in {minutes} min"


class Reminder:
    """A schedule, the routine it offers, and today's breaks, recorded in the history."""

    def __init__(
        self,
        schedule: Schedule,
        routine: str,
        every_text: str,
        recorder: HistoryRecorder | None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.schedule = schedule
        self.routine = routine
        """The routine's name (`desk-break`)."""
        self.every_text = every_text
        self.recorder = recorder
        self.today = today
        self.day = today()
        self.counts = dict.fromkeys(BREAK_KINDS, 0)
        """Today's breaks by what became of them."""
        self._since_history = 0.0

    def load_counts(self) -> None:
        """Today's counts from the history (a reminder restarted today goes on counting);
        waits for the history, so call it off the event loop."""
        if self.recorder is None:
            return
        counts = self.recorder.query(lambda h: h.break_counts(self.today()))
        if isinstance(counts, dict):
            self.counts = {k: int(counts.get(k, 0)) for k in BREAK_KINDS}

    def note(self, kind: str) -> None:
        """A break came due, or was taken, snoozed or skipped: counted and recorded."""
        if self.today() != self.day:
            self.day = self.today()
            self.counts = dict.fromkeys(BREAK_KINDS, 0)
        self.counts[kind] += 1
        if self.recorder is not None:
            self.recorder.record_break(kind, self.routine)

    def due(self) -> None:
        self.note("due")

    def start(self) -> None:
        """Start: the break is taken (the wait restarts when the routine is over)."""
        self.note("taken")
        self.schedule.taken()

    def snooze(self) -> None:
        self.note("snoozed")
        self.schedule.snooze(SNOOZE)

    def skip(self) -> None:
        self.note("skipped")
        self.schedule.skip()

    def history_look_due(self, waited: float) -> bool:
        """Whether, `waited` seconds further on, it is time to look at the history again (every
        HISTORY_EVERY seconds of waiting, whichever front end waits)."""
        self._since_history += waited
        if self._since_history < HISTORY_EVERY:
            return False
        self._since_history = 0.0
        return True

    def session_elsewhere(self) -> bool:
        """Whether a session finished since the wait began (in any process: the history says
        so); then the wait starts afresh. Waits for the history: call it off the event loop."""
        if self.recorder is None:
            return False
        ended = self.recorder.query(lambda h: h.last_session_end())
        return isinstance(ended, datetime) and self.schedule.session_finished(ended)

    def headline(self) -> str:
        """`Next break in 23 min`, `Break due now`, or `Outside your hours (...)`."""
        status = self.schedule.status
        if status is Status.DUE:
            return "Break due now"
        if status is Status.OFF_HOURS:
            return f"Outside your hours ({window_text(self.schedule.window)})"
        return f"Next break {minutes_text(self.schedule.remaining() or 0.0)}"

    def about(self) -> str:
        """`desk-break, every 50m, 09:00-17:30, mon-fri`."""
        hours = window_text(self.schedule.window)
        return f"{one_line(self.routine)}, every {self.every_text}, {hours}"

    def today_text(self) -> str:
        """`Today: 2 taken, 1 snoozed, 0 skipped`."""
        c = self.counts
        return f"Today: {c['taken']} taken, {c['snoozed']} snoozed, {c['skipped']} skipped"

    def due_message(self) -> str:
        """What the notification and the tmux line say."""
        return f"Time for a stretch break: {self.routine}"
