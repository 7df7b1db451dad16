"""Provides the Session: a plan driven by an injected monotonic clock, reporting events once."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from stretchtimer.core.events import Event, Finished, SegmentEnded, SegmentStarted, Stopped
from stretchtimer.core.model import WORKING, Plan, Segment
from stretchtimer.core.thresholds import COUNTDOWN as COUNTDOWN  # re-exported: still here
from stretchtimer.core.thresholds import counts_down as counts_down
from stretchtimer.core.thresholds import crossed

Clock = Callable[[], float]
LATE_AFTER = 2.0
"""A gap between ticks longer than this (seconds) is a jump: reported quietly."""
PAUSED_LOOK = 0.5
"""How often a paused session is looked at (nothing moves)."""
BACK_RESTARTS_AFTER = 3.0
"""`back` later than this into a segment restarts it; earlier, it goes to the previous one."""
HELD_ENOUGH = 0.5
"""A routine run to its end counts as done (and for a streak) only if at least this share of
its planned hold time was really held: not skipped, and not spent with the process stopped."""


class State(StrEnum):
    """Where a session is."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class Session:
    """A run through a plan. It never counts ticks: remaining time comes from the clock."""

    def __init__(self, plan: Plan, clock: Clock = time.monotonic) -> None:
        if not plan.segments:
            raise ValueError("a plan with no segments cannot be run")
        self.plan = plan
        self.clock = clock
        self.state = State.READY
        self.index = 0
        self.stop_reason = ""
        self.held_seconds = 0.0
        """Seconds really spent in holds, counted as each hold is left: time skipped with
        `next`, and a jump in the clock (a stopped process, a suspended laptop), is not."""
        self.held_by: dict[int, float] = {}
        """The seconds held in each segment (by index), as held_seconds counts them."""
        self.reached = 0
        """The furthest segment the session has been in."""
        self.completed: set[int] = set()
        """Segments that ran to their end."""
        self.skipped: set[int] = set()
        """Segments left early with `next`."""
        self._start = 0.0
        self._paused_at = 0.0
        self._frozen = 0.0
        self._last_tick = 0.0
        self._fired: set[str] = set()
        self._pending: list[Event] = []
        self._counts_from = 0.0
        """Seconds into the current segment from which its time counts as held."""

    # -- what the clock says ------------------------------------------------------------

    @property
    def segment(self) -> Segment:
        """The current segment."""
        return self.plan.segments[min(self.index, len(self.plan.segments) - 1)]

    def _now(self) -> float:
        return self._paused_at if self.state is State.PAUSED else self.clock()

    @property
    def elapsed(self) -> float:
        """Seconds into the current segment."""
        if self.state is State.READY:
            return 0.0
        if self.state in (State.FINISHED, State.STOPPED):
            return float(self.segment.seconds) if self.state is State.FINISHED else self._frozen
        return max(0.0, self._now() - self._start)

    @property
    def remaining(self) -> float:
        """Seconds left in the current segment (never negative)."""
        return max(0.0, self.segment.seconds - self.elapsed)

    @property
    def remaining_total(self) -> float:
        """Seconds left in the whole routine."""
        if self.state in (State.FINISHED, State.STOPPED):
            return 0.0
        return self.remaining + self.plan.seconds_from(self.index + 1)

    @property
    def progress(self) -> float:
        """0..1 through the current segment."""
        return min(1.0, self.elapsed / self.segment.seconds)

    @property
    def step_number(self) -> int:
        """1-based routine step of the current segment."""
        return self.segment.step_index + 1

    @property
    def next_segment(self) -> Segment | None:
        """The segment after the current one."""
        nxt = self.index + 1
        return self.plan.segments[nxt] if nxt < len(self.plan.segments) else None

    @property
    def held_enough(self) -> bool:
        """Whether at least HELD_ENOUGH of the planned hold time was really held."""
        return self.held_seconds + 1e-6 >= HELD_ENOUGH * self.plan.hold_seconds

    @property
    def active(self) -> bool:
        """Running or paused."""
        return self.state in (State.RUNNING, State.PAUSED)

    def next_change_in(self) -> float:
        """Seconds until the whole-second countdown next changes: when to look again."""
        if self.state is not State.RUNNING:
            return PAUSED_LOOK
        frac = self.remaining - math.floor(self.remaining)
        return min(1.0, max(0.02, (frac if frac > 0.001 else 1.0) + 0.003))

    # -- driving it ---------------------------------------------------------------------

    def start(self) -> None:
        """Begin the first segment now."""
        if self.state is not State.READY:
            return
        self.state = State.RUNNING
        self._start = self._last_tick = self.clock()
        self._pending.append(SegmentStarted(0))

    def tick(self) -> list[Event]:
        """Events since the last tick, each reported once."""
        events, self._pending = self._pending, []
        if self.state is not State.RUNNING:
            return events
        now = self.clock()
        late = now - self._last_tick > LATE_AFTER
        if late:  # held up to the last look; the jump itself is not
            self._leave(max(0.0, self._last_tick - self._start))
        self._last_tick = now
        entered = self.index
        while now - self._start >= self.segment.seconds:
            if not late:
                events += self._thresholds(self.segment.seconds)
                self._leave(self.segment.seconds)
            self.completed.add(self.index)
            if not late:
                events.append(SegmentEnded(self.index))
            self._start += self.segment.seconds
            if self.index + 1 >= len(self.plan.segments):
                self._frozen = float(self.segment.seconds)
                self.state = State.FINISHED
                events.append(Finished(self.index, late))
                return events
            self.index += 1
            self.reached = max(self.reached, self.index)
            self._fired = set()
            self._counts_from = 0.0
            if not late:
                events.append(SegmentStarted(self.index))
        if late:
            self._counts_from = now - self._start  # the jump itself was not held
            if self.index != entered:
                events.append(SegmentStarted(self.index, late=True))
            self._thresholds(now - self._start)  # mark what has passed; report nothing
            return events
        return events + self._thresholds(now - self._start)

    def _thresholds(self, elapsed: float) -> list[Event]:
        """Halfway, 3-2-1 and breaths of the current segment up to `elapsed`, not yet told."""
        return crossed(self.segment, self.index, elapsed, self._fired)

    def _leave(self, elapsed: float) -> None:
        """Count the held part of the current segment, `elapsed` seconds into it."""
        if self.segment.kind in WORKING:
            held = max(0.0, min(elapsed, self.segment.seconds) - self._counts_from)
            self.held_seconds += held
            self.held_by[self.index] = self.held_by.get(self.index, 0.0) + held
        self._counts_from = min(elapsed, self.segment.seconds)

    def _settle(self) -> None:
        """Before a key acts: a jump in the clock since the last tick was not held."""
        if self.state is State.RUNNING and self.clock() - self._last_tick > LATE_AFTER:
            self._counts_from = max(self._counts_from, min(self.elapsed, self.segment.seconds))

    def _go(self, index: int) -> None:
        self._settle()
        now = self.clock()
        self._leave(self.elapsed)
        self.index = index
        self.reached = max(self.reached, index)
        self._start = now
        self._last_tick = now
        self._fired = set()
        self._counts_from = 0.0
        if self.state is State.PAUSED:
            self._paused_at = now
        self._pending.append(SegmentStarted(index))

    def pause(self) -> None:
        """Freeze the countdown."""
        if self.state is State.RUNNING:
            self._settle()
            self._paused_at = self.clock()
            self.state = State.PAUSED

    def resume(self) -> None:
        """Carry on from where it was paused."""
        if self.state is State.PAUSED:
            now = self.clock()
            self._start += now - self._paused_at
            self._last_tick = now
            self.state = State.RUNNING

    def toggle_pause(self) -> None:
        """Pause if running, resume if paused."""
        if self.state is State.PAUSED:
            self.resume()
        else:
            self.pause()

    def next(self) -> None:
        """Skip to the next segment (or finish, from the last one)."""
        if not self.active:
            return
        self._settle()
        self.skipped.add(self.index)
        if self.index + 1 >= len(self.plan.segments):
            self._leave(self.elapsed)
            self._frozen = self.elapsed
            self.state = State.FINISHED
            self._pending.append(Finished(self.index))
            return
        self._go(self.index + 1)

    def skip_step(self) -> None:
        """Leave the current exercise step, every side of it that is left, for the next one
        (or finish, from the last)."""
        if not self.active:
            return
        segments, step = self.plan.segments, self.segment.step_index
        end = next(
            (i for i in range(self.index, len(segments)) if segments[i].step_index != step),
            len(segments),
        )
        self.skipped.update(range(self.index, end))
        if end >= len(segments):
            self._settle()
            self._leave(self.elapsed)
            self._frozen = self.elapsed
            self.state = State.FINISHED
            self._pending.append(Finished(self.index))
            return
        self._go(end)

    def replace_rest(self, segments: tuple[Segment, ...]) -> None:
        """Go on with `segments` in place of everything after the current segment (which is
        left as skipped, its held time kept): an easier variant, now."""
        if not self.active or not segments:
            return
        self.skipped.add(self.index)
        self.plan = replace(self.plan, segments=self.plan.segments[: self.index + 1] + segments)
        self._go(self.index + 1)

    def back(self) -> None:
        """Restart this segment, or go to the previous one if it has only just begun."""
        if not self.active:
            return
        if self.elapsed >= BACK_RESTARTS_AFTER or self.index == 0:
            self._go(self.index)
        else:
            self._go(self.index - 1)

    def stop(self, reason: str) -> None:
        """End the session early (`reason`: quit, pain, interrupted)."""
        if self.state in (State.FINISHED, State.STOPPED):
            return
        if self.state is State.READY:
            self._frozen = 0.0
        else:
            self._settle()
            self._frozen = self.elapsed
            self._leave(self._frozen)
        self.state = State.STOPPED
        self.stop_reason = reason
        self._pending.append(Stopped(self.index, reason=reason))
