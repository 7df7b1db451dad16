"""Provides the app's part in pain scores: "this hurts" (the pain screen over the paused
session, the score recorded with the stop, and going on another way or ending there) and the
scores before and after."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import App

from stretchtimer.core.engine import State
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.moments import PainTime
from stretchtimer.library.region_choice import remember_region
from stretchtimer.runner.session import SessionRunner
from stretchtimer.ui.messages import HurtChoice, HurtScored, PainGiven, RegionPicked, SessionHurts
from stretchtimer.ui.screens.pain import PainScreen
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.screens.summary import SummaryScreen


class Hurting(App[int]):
    """The pain screen's messages, handled for the app."""

    runner: SessionRunner | None
    leaving: int

    def finish(self, code: int) -> None:
        """A session is over: leave with `code` (the app's own, or back to waiting)."""
        raise NotImplementedError

    @on(SessionHurts)
    def show_pain(self, message: SessionHurts) -> None:
        """"This hurts" (the runner paused the session): the red flags, the score, and what
        next, over the session."""
        assert self.runner is not None
        self.push_screen(PainScreen(message.session.segment, self.runner.easier))

    @on(HurtScored)
    def record_hurt(self, message: HurtScored) -> None:
        """The score at the stop: recorded with it."""
        if self.runner is not None:
            self.runner.hurt_score(message.score)

    @on(HurtChoice)
    def after_hurt(self, message: HurtChoice) -> None:
        """End here (stopped for pain: exit code 1), or go on the way chosen."""
        runner = self.runner
        if runner is None:
            return
        runner.go_on(message.way)
        if runner.session.state is State.STOPPED:
            self.leaving = ExitCode.PAIN
            self.finish(ExitCode.PAIN)
            return
        self.pop_screen()  # going on, or finished by skipping the last exercise
        screen = self.screen
        if isinstance(screen, SessionScreen):
            screen.went_on()

    @property
    def pain_before(self) -> int | None:
        """How much it hurt before the session being shown, if asked and answered."""
        return self.runner.pain.get(PainTime.BEFORE) if self.runner is not None else None

    @on(RegionPicked)
    def pick_region(self, message: RegionPicked) -> None:
        """`r`: this routine's pain questions are about another region it works, from now and
        next time (kept off the event loop)."""
        if self.runner is None:
            return
        self.runner.region = message.region
        name = self.runner.session.plan.routine.name
        self.run_worker(partial(remember_region, name, message.region), thread=True,
                        group="state", exit_on_error=False)

    @on(PainGiven)
    def record_pain(self, message: PainGiven) -> None:
        """How much it hurts: the runner records it."""
        if self.runner is not None:
            self.runner.give_pain(message.when, message.score)
        if message.when is PainTime.AFTER and isinstance(self.screen, SummaryScreen):
            self.screen.read_coach()  # (after the score's write: the coach sees its zone)

