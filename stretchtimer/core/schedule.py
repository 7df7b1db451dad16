"""Provides the reminder schedule: a break every so often on the monotonic clock, within the
hours and days the user chose on the wall clock, with snooze, skip, a fresh wait after a
suspend or a long absence, and after a session finished anywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

Clock = Callable[[], float]
WallClock = Callable[[], datetime]
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOK_MOST = 60.0
"""The longest a waiting reminder sleeps between looks (next_look)."""
SLACK = 5.0
"""Seconds of lateness a look may have (a busy machine) before it counts as an absence."""
END_OF_DAY = time(23, 59, 59)
"""The last second of a day: a window ending here runs to midnight (`24:00` is read as it)."""
LOCAL_ONLY = "local time only: write 09:00-17:30 without +01:00 or Z"
"""What a time zone in the hours is told (the wall clock is local; an offset would make the
hours compare aware times with naive ones, and fail later)."""


class LocalTimeOnly(ValueError):
    """Hours written with a time zone (`09:00+01:00`, `09:00Z`): refused, local time only."""


@dataclass(frozen=True)
class Window:
    """When reminders may come: local hours and weekdays."""

    start: time = time(0, 0)
    """From this local time of day..."""
    end: time = END_OF_DAY
    """...to this one (an end before the start runs past midnight)."""
    days: frozenset[int] = frozenset(range(7))
    """Weekdays, 0 Monday to 6 Sunday."""

    @property
    def whole_day(self) -> bool:
        """Whether the hours are the whole day (a start equal to its end is, too)."""
        return self.start == self.end or (self.start == time(0, 0) and self.end == END_OF_DAY)

    def contains(self, moment: datetime) -> bool:
        """Whether reminders may come at this local moment (to the second: 23:59:59.5 is still
        inside a window ending at 23:59:59, so a whole day has no gap before midnight)."""
        now = moment.time().replace(microsecond=0)
        if self.whole_day:
            inside, day = True, moment.weekday()
        elif self.start <= self.end:
            inside = self.start <= now <= self.end
            day = moment.weekday()
        else:  # 22:00-02:00: the small hours belong to the day before
            inside = now >= self.start or now <= self.end
            day = moment.weekday() if now >= self.start else (moment.weekday() - 1) % 7
        return inside and day in self.days


class Status(StrEnum):
    """What the schedule is doing."""

    WAITING = "waiting"
    """Counting down to the next break."""
    DUE = "due"
    """A break is due: waiting for Start, Snooze or Skip."""
    OFF_HOURS = "off-hours"
    """Outside the chosen hours and days."""


class Change(StrEnum):
    """What a look at the clocks found."""

    DUE = "due"
    """A break has just come due."""
    SUSPENDED = "suspended"
    """The machine slept (or the program was stopped) longer than the interval: the wait
    started afresh, rather than firing at once on return."""
    HOURS_BEGIN = "hours-begin"
    """The chosen hours began: the wait starts now."""
    HOURS_END = "hours-end"
    """The chosen hours ended: no reminders until they begin again."""


class Schedule:
    """Breaks every `every` seconds of the monotonic clock, inside `window` on the wall clock.
    `boot` is a clock that runs on while the machine sleeps (CLOCK_BOOTTIME on Linux): the
    difference between the two is how long the machine was asleep."""

    def __init__(
        self,
        every: float,
        window: Window,
        mono: Clock,
        boot: Clock,
        wall: WallClock,
    ) -> None:
        self.every = every
        self.window = window
        self.mono = mono
        self.boot = boot
        self.wall = wall
        self.status = Status.WAITING if window.contains(wall()) else Status.OFF_HOURS
        self.due_at = mono() + every
        """The monotonic moment the next break is due."""
        self.waiting_since = wall()
        """The wall-clock moment the current wait began (a session finished after it, here or
        anywhere, resets the wait)."""
        self._last_mono, self._last_boot = mono(), boot()
        self._future: datetime | None = None
        """The last session end found later than the wall clock's now (session_finished)."""

    def remaining(self) -> float | None:
        """Seconds to the next break (None when one is due or it is off hours)."""
        if self.status is not Status.WAITING:
            return None
        return max(0.0, self.due_at - self.mono())

    def restart(self) -> None:
        """Start the wait afresh from now (the last look is now, too: the time before it, a
        routine run in the meantime say, is no absence)."""
        self.due_at = self.mono() + self.every
        self.waiting_since = self.wall()
        self._last_mono, self._last_boot = self.mono(), self.boot()
        if self.status is Status.DUE:
            self.status = Status.WAITING

    def check(self) -> Change | None:
        """Look at the clocks: what changed since the last look, if anything."""
        now_mono, now_boot = self.mono(), self.boot()
        gap = now_boot - self._last_boot  # includes any sleep, which the monotonic clock skips
        self._last_mono, self._last_boot = now_mono, now_boot
        inside = self.window.contains(self.wall())
        if not inside:
            if self.status is not Status.OFF_HOURS:
                self.status = Status.OFF_HOURS
                return Change.HOURS_END
            return None
        if self.status is Status.OFF_HOURS:
            self.status = Status.WAITING
            self.restart()
            return Change.HOURS_BEGIN
        if gap > self.every + LOOK_MOST + SLACK:
            # asleep, or stopped, for longer than a whole interval (beyond the longest a look
            # can normally take): the user was away
            self.status = Status.WAITING
            self.restart()
            return Change.SUSPENDED
        if self.status is Status.WAITING and now_mono >= self.due_at:
            self.status = Status.DUE
            return Change.DUE
        return None

    def snooze(self, seconds: float) -> None:
        """Ask again in `seconds`."""
        self.status = Status.WAITING
        self.due_at = self.mono() + seconds

    def skip(self) -> None:
        """Not this one: wait a whole interval."""
        self.restart()

    def taken(self) -> None:
        """A break was taken: wait a whole interval from now."""
        self.restart()

    def session_finished(self, ended: datetime) -> bool:
        """A session finished at `ended` (here or anywhere the history saw): if that is after
        the wait began, the wait starts afresh. Returns whether it did.

        An end later than now was recorded while the clock was wrong (ahead). It would seem
        newer than every wait until the clock caught up, so the wait would start afresh at
        every look and no break would come. It counts as a session finished now, once: the
        same end never restarts the wait again, before or after the clock passes it."""
        at = ended.astimezone()  # (naive: local time)
        if at == self._future:
            return False
        if at > self.wall().astimezone():
            self._future = at
        elif at <= self.waiting_since.astimezone():
            return False
        self.restart()  # (a break that was due is not any more)
        return True

    def next_look(self) -> float:
        """Seconds until something shown could change: the next whole minute of the wait, the
        moment it is due, or a minute (off hours, or due: to see hours end and sessions)."""
        remaining = self.remaining()
        if remaining is None:
            return LOOK_MOST
        to_minute = remaining % 60 or LOOK_MOST
        return max(0.05, min(to_minute, remaining) + 0.01)


def _clock(text: str, between: str, end: bool) -> time:
    """One side of `09:00-17:30` (also `9:00`, and `24:00` for an end); ValueError if not."""
    part = text.strip()
    if "+" in part or part[-1:] in ("Z", "z"):
        raise LocalTimeOnly(f"'{between}' gives a time zone, but the hours are {LOCAL_ONLY}")
    if end and part in ("24:00", "24:00:00"):
        return END_OF_DAY
    if len(part) == 4 and part[1] == ":":
        part = "0" + part  # 9:00
    try:
        value = time.fromisoformat(part)
    except ValueError:
        raise ValueError(f"'{between}' is not hours like 09:00-17:30") from None
    if value.tzinfo is not None:  # (any other spelling of an offset fromisoformat reads)
        raise LocalTimeOnly(f"'{between}' gives a time zone, but the hours are {LOCAL_ONLY}")
    return value.replace(microsecond=0)  # (compared to the second)


def _hours(between: str) -> tuple[time, time]:
    """`09:00-17:30` as its start and end; a start equal to its end is the whole day."""
    parts = between.split("-")
    if len(parts) > 2 and all(p.strip() for p in parts):  # 09:00-05:00-17:30: an offset?
        raise LocalTimeOnly(
            f"'{between}' is not hours like 09:00-17:30: one start and one end, in {LOCAL_ONLY}"
        )
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise ValueError(f"'{between}' is not hours like 09:00-17:30")
    start, end = _clock(parts[0], between, False), _clock(parts[1], between, True)
    return (time(0, 0), END_OF_DAY) if start == end else (start, end)


def _days(days: str) -> frozenset[int]:
    """`mon-fri` or `mon,wed,fri` as weekday numbers; ValueError if not."""
    chosen: frozenset[int] = frozenset()
    for part in days.lower().split(","):
        names = [n.strip()[:3] for n in part.split("-")]
        if not all(n in DAY_NAMES for n in names) or len(names) > 2:
            raise ValueError(f"'{days}' is not days like mon-fri or mon,wed,fri")
        first, last = DAY_NAMES.index(names[0]), DAY_NAMES.index(names[-1])
        if first <= last:
            chosen |= frozenset(range(first, last + 1))
        else:  # fri-mon
            chosen |= frozenset([*range(first, 7), *range(last + 1)])
    return chosen


def parse_window(between: str | None, days: str | None) -> Window:
    """`09:00-17:30` and `mon-fri` (or `mon,wed,fri`); ValueError saying what is wrong
    (LocalTimeOnly for hours with a time zone). Hours are local time: `22:00-06:00` runs past
    midnight (its small hours belong to the day it began), and a start equal to its end
    (`00:00-00:00`) is the whole day."""
    start, end = _hours(between) if between else (time(0, 0), END_OF_DAY)
    return Window(start, end, _days(days) if days else frozenset(range(7)))
