"""Provides the reminder's loop for every front end (the waiting screen, plain lines, the
desktop mode): a look at the clocks and the history, Start, Snooze and Skip, each giving back
what happened as a typed notice in one wording."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from stretchtimer.core.moments import BreakChoice
from stretchtimer.core.schedule import Change, Schedule, Status
from stretchtimer.core.text import one_line
from stretchtimer.history.row import BREAK_KINDS
from stretchtimer.present.reminder import minutes_text, window_text

if TYPE_CHECKING:  # SQLite loads only where a history is opened
    from stretchtimer.history.recorder import HistoryRecorder

SNOOZE = 10 * 60
"""Seconds a snooze puts a break off (less when the breaks themselves come more often)."""
SHORTEST_SNOOZE = 5
AWAY_KEY = "t: I took one away from the desk"


def snooze_seconds(every: float) -> int:
    """A snooze: 10 minutes, or half the interval when that is shorter (a break every 5 min
    is put off 2 min 30 s, never past the one after it)."""
    return int(max(SHORTEST_SNOOZE, min(SNOOZE, every // 2)))


def snooze_words(seconds: int) -> str:
    """`10 min`, `2 min 30 s`, `30 s`."""
    minutes, rest = divmod(seconds, 60)
    return " ".join(part for part in (f"{minutes} min" if minutes else "",
                                      f"{rest} s" if rest else "") if part)
HISTORY_EVERY = 300.0
"""Seconds between looks at the history for a session finished elsewhere (a wait reset a few
minutes late costs nothing; a look costs a thread and a query)."""


class News(StrEnum):
    """What a notice is about."""

    DUE = "due"
    AWAY = "away"
    """The machine slept (or the program was stopped) longer than the interval."""
    HOURS_BEGIN = "hours-begin"
    HOURS_END = "hours-end"
    ELSEWHERE = "elsewhere"
    """A session finished in another terminal (the history says so)."""
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    TAKEN = "taken"
    """Back from a break's routine."""
    TOOK = "took"
    """A break taken away from the desk (`t`)."""


WORDING = {
    News.DUE: "{due}",
    News.AWAY: "Welcome back: the wait for the next break starts afresh",
    News.HOURS_BEGIN: "Your hours have begun",
    News.HOURS_END: "Your hours are over for now",
    News.ELSEWHERE: "A session finished: the wait for the next break starts afresh",
    News.SNOOZED: "Snoozed for {snooze}",
    News.SKIPPED: "Skipped",
    News.TAKEN: "Break taken. {today}",
    News.TOOK: "A break away from the desk, counted. {today}",
}
"""What each notice says, the same in every front end."""
FROM_CHANGE = {
    Change.DUE: News.DUE,
    Change.SUSPENDED: News.AWAY,
    Change.HOURS_BEGIN: News.HOURS_BEGIN,
    Change.HOURS_END: News.HOURS_END,
}


@dataclass(frozen=True)
class Notice:
    """Something a front end shows: what happened, in the one wording, and where things stand
    now (`Next break in 23 min`)."""

    news: News
    text: str
    """What happened (`Welcome back: the wait for the next break starts afresh`)."""
    headline: str
    """Where things stand after it."""

    @property
    def line(self) -> str:
        """One line for plain mode and logs."""
        return f"{self.text}. {self.headline}."


class Reminder:
    """A schedule, the routine it offers, and today's breaks, recorded in the history."""

    def __init__(
        self,
        schedule: Schedule,
        routine: str,
        every_text: str,
        recorder: HistoryRecorder | None,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.schedule = schedule
        self.routine = routine
        """The routine's name (`desk-break`) or path, found again at each Start."""
        self.every_text = every_text
        self.recorder = recorder
        self.today = today or (lambda: schedule.wall().astimezone().date())
        """Today's local date: by the schedule's wall clock unless told otherwise."""
        self.day = self.today()
        """The day `counts` are of: they start again at local midnight."""
        self.counts = dict.fromkeys(BREAK_KINDS, 0)
        """Today's breaks by what became of them."""
        self._since_history = 0.0

    # -- the loop -------------------------------------------------------------------------

    def look(self) -> Notice | None:
        """Look at the clocks: what changed, if anything (a break that came due is counted
        and recorded here)."""
        change = self.schedule.check()
        self._roll()
        if change is None:
            return None
        if change is Change.DUE:
            self.note("due")
        return self.notice(FROM_CHANGE[change])

    def wait(self) -> float:
        """Seconds until what is shown could change (sleep this long, then look)."""
        return self.schedule.next_look()

    def history_look_due(self, waited: float) -> bool:
        """Whether, `waited` seconds further on, it is time to look at the history again (every
        HISTORY_EVERY seconds of waiting, whichever front end waits)."""
        self._since_history += waited
        if self._since_history < HISTORY_EVERY:
            return False
        self._since_history = 0.0
        return True

    def elsewhere(self) -> Notice | None:
        """Whether a session finished since the wait began (in any process: the history says
        so); then the wait starts afresh. Waits for the history: a front end with an event loop
        calls `last_end` off it and `finished_at` on it instead."""
        return self.finished_at(self.last_end())

    def last_end(self) -> datetime | None:
        """When the last session anywhere finished, from the history (waits for it; changes
        nothing, so it may run on any thread)."""
        if self.recorder is None:
            return None
        ended = self.recorder.query(lambda h: h.last_session_end())
        return ended if isinstance(ended, datetime) else None

    def finished_at(self, ended: datetime | None) -> Notice | None:
        """A session finished at `ended`: the wait starts afresh if it began before (on the
        thread that owns the schedule)."""
        if ended is not None and self.schedule.session_finished(ended):
            return self.notice(News.ELSEWHERE)
        return None

    def can(self, choice: BreakChoice) -> bool:
        """Start and `t` (a break taken away from the desk) are always there; Snooze and Skip
        only when one is due."""
        always = (BreakChoice.START, BreakChoice.AWAY)
        return choice in always or self.schedule.status is Status.DUE

    def choose(self, choice: BreakChoice) -> Notice | None:
        """Start, Snooze or Skip (from a key or a notification's button): counted and
        recorded; Start is the front end's to run, then `back` (which counts it taken, once the
        routine really ran). None: not now."""
        if not self.can(choice):
            return None
        if choice is BreakChoice.START:
            self.schedule.taken()
            return None
        if choice is BreakChoice.AWAY:
            self.note("away")
            self.schedule.taken()
            return self.notice(News.TOOK)
        if choice is BreakChoice.SNOOZE:
            self.note("snoozed")
            self.schedule.snooze(self.snooze)
            return self.notice(News.SNOOZED)
        self.note("skipped")
        self.schedule.skip()
        return self.notice(News.SKIPPED)

    def back(self, ran: bool = True) -> Notice:
        """The break's routine is over (`ran`: it did run; a routine that could not be read was
        no break taken): the wait starts afresh from its end."""
        if ran:
            self.note("taken")
        self.schedule.taken()
        return self.notice(News.TAKEN)

    def notice(self, news: News) -> Notice:
        text = WORDING[news].format(due=self.due_message(), today=self.today_text(),
                                    snooze=snooze_words(self.snooze))
        return Notice(news, text, self.headline())

    @property
    def snooze(self) -> int:
        """Seconds a snooze puts this reminder's break off."""
        return snooze_seconds(self.schedule.every)

    @property
    def snooze_label(self) -> str:
        """`Snooze 10 min`: the key's and the notification button's words."""
        return f"Snooze {snooze_words(self.snooze)}"

    def keys_help(self, sep: str = ", ") -> str:
        """The keys of a due break, in words."""
        return sep.join(("s or Enter: start it now", f"z: {self.snooze_label.lower()}",
                         "k: skip", AWAY_KEY, "q: stop reminding"))

    @staticmethod
    def waiting_help(sep: str = ", ") -> str:
        """The keys while waiting, in words."""
        return sep.join(("s or Enter: take a break now", AWAY_KEY, "q: stop reminding"))

    # -- counts ---------------------------------------------------------------------------

    def load_counts(self) -> None:
        """Today's counts from the history (a reminder restarted today goes on counting);
        waits for the history, so call it off the event loop."""
        if self.recorder is None:
            return
        day = self.today()
        before = dict(self.counts)
        counts = self.recorder.query(lambda h: h.break_counts(day))
        if isinstance(counts, dict):
            # breaks noted while the query ran were written after it: they are added, not lost
            since = {k: max(0, self.counts[k] - before.get(k, 0)) for k in BREAK_KINDS}
            self.day = day  # (counts of the day asked for, even if midnight came since)
            self.counts = {k: int(counts.get(k, 0)) + since[k] for k in BREAK_KINDS}

    def _roll(self) -> None:
        """After local midnight, today's counts start from nothing (no break is noted yet on a
        day that has just begun), whether or not anything was noted since yesterday."""
        day = self.today()
        if day != self.day:
            self.day = day
            self.counts = dict.fromkeys(BREAK_KINDS, 0)

    def note(self, kind: str) -> None:
        """A break came due, or was taken, snoozed or skipped: counted and recorded."""
        self._roll()
        self.counts[kind] += 1
        if self.recorder is not None:
            self.recorder.record_break(kind, self.routine)

    # -- what to say ----------------------------------------------------------------------

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
        """`Today: 2 taken, 1 snoozed, 0 skipped` (today's: from local midnight)."""
        self._roll()
        c = self.counts
        away = f", {c['away']} away from the desk" if c["away"] else ""
        return f"Today: {c['taken']} taken{away}, {c['snoozed']} snoozed, {c['skipped']} skipped"

    def due_message(self) -> str:
        """What the notification and the tmux line say."""
        return f"Time for a stretch break: {one_line(self.routine)}"
