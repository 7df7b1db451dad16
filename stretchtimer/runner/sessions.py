"""Provides what every session of one run of the program shares (the clock, the chimes, the
voice, the history, the urgent-signs gate, the options) and each new session made from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from stretchtimer.core.engine import Clock
from stretchtimer.core.model import Plan, Routine, Side
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.runner.morning import MorningGate, no_check
from stretchtimer.runner.options import Options
from stretchtimer.runner.session import SessionRunner
from stretchtimer.runner.urgent import UrgentSigns, never
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.voice import Voice


@dataclass
class Sessions:
    """The makings of a session, for every front end alike."""

    clock: Clock
    chimes: Chimes
    voice: Voice | None = None
    recorder: HistoryRecorder | None = None
    urgent: UrgentSigns = field(default_factory=never)
    """The urgent signs before a very first session (by default: never shown)."""
    options: Options = field(default_factory=Options)
    morning: MorningGate = field(default_factory=no_check)
    """The next-morning check (by default: never asked)."""

    pick: Callable[[str], str | None] = lambda routine: None
    """The region the user picked for a routine that works two (remembered), if any."""

    def new(self, plan: Plan) -> SessionRunner:
        """A session of `plan`, not started yet, its pain questions about the region the
        user picked for it, where they picked one of those it works."""
        runner = SessionRunner(plan, self.clock, self.chimes, self.voice, self.recorder)
        if len(runner.regions) > 1:
            runner.pick_region(self.pick(plan.routine.name))
        return runner

    def today(self, library: Library) -> tuple[Plan, str] | None:
        """The coach's routine for now, planned (fitted where it says), with why; None when
        there is none (this reads the history and the library: off the event loop)."""
        from stretchtimer.present.coaching import reason_text
        from stretchtimer.runner.coach import Coach, read_record, record_via

        read = record_via(self.recorder) if self.recorder is not None else read_record
        coach = Coach(library, read=read)
        budget = self.options.budget
        proposal = coach.today(None if budget is None else budget / 60)
        if proposal is None:
            return None
        routine = coach.routines[proposal.routine]
        options = replace(self.options, budget=proposal.fit_seconds)
        plan = options.plan(routine, next_lead(routine, self.recorder))
        return plan, reason_text(proposal, routine.title)

    def plan_for(self, routine: Routine) -> Plan:
        """The routine's plan, leading with the side the history says is next (this waits
        for the history: off the event loop in the full-screen UI)."""
        self.morning.region  # noqa: B018 (looked up here, off the event loop, once)
        return self.options.plan(routine, next_lead(routine, self.recorder))


def next_lead(routine: Routine, recorder: HistoryRecorder | None = None) -> Side:
    """The side the next run of `routine` leads with: the other one than last time (without a
    recorder, the history is only read, if it exists: never created, migrated or moved)."""
    if recorder is not None:
        return recorder.next_lead(routine.name)
    db = paths.history_file()  # (a relative STRETCHTIMER_HOME is said, not passed over)
    if not db.exists():
        return Side.LEFT
    from stretchtimer.history.view import read_history  # SQLite, only when there is a history

    try:
        lead = read_history(db, lambda view: view.next_lead(routine.name))
    except Exception:  # an unreadable history only costs the alternation
        return Side.LEFT
    return lead or Side.LEFT
