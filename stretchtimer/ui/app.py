"""Provides the Textual app, a front end of the runner: it shows the screens of a session (the
picker, what comes before, the session, the summary or the pain screen) and acts on the
messages they post; the runner does the rest."""

from __future__ import annotations

import os
import sys
import time
from functools import partial
from typing import Any, TypedDict

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from stretchtimer.core.engine import Clock
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan, Routine
from stretchtimer.core.moments import PainTime
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library.region_choice import chosen_region
from stretchtimer.library.registry import Library, exercise_title
from stretchtimer.library.state import remember_far_view
from stretchtimer.present.figure_mode import figure_mode
from stretchtimer.present.progress import progress_text
from stretchtimer.runner.coach import SessionCoach
from stretchtimer.runner.morning import MorningGate, no_check
from stretchtimer.runner.notices import once_per_machine
from stretchtimer.runner.options import Options
from stretchtimer.runner.session import SessionRunner
from stretchtimer.runner.sessions import Sessions
from stretchtimer.runner.urgent import UrgentSigns, never
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Player, default_player
from stretchtimer.sound.voice import Voice
from stretchtimer.startup import resume_collector
from stretchtimer.ui.exits import SignalExits
from stretchtimer.ui.hurting import Hurting
from stretchtimer.ui.messages import (
    FarViewChosen,
    ReadyToStart,
    RoutineChosen,
    SessionDone,
    SessionFinished,
    SessionQuit,
)
from stretchtimer.ui.palette import Palette
from stretchtimer.ui.screens.before import BeforeScreen
from stretchtimer.ui.screens.pain import PainScreen
from stretchtimer.ui.screens.picker import PickerScreen, load_choices
from stretchtimer.ui.screens.progress import ProgressScreen
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.screens.summary import SummaryScreen
from stretchtimer.ui.sounding import Sounding

PLAYER_LOAD_DELAY = 0.3
"""Seconds after start-up to import the sound player (it probes the system for players), so it
never delays the first frame. A chime needed sooner loads it on the spot."""
class AppParts(TypedDict, total=False):
    """What an app is built from beside its first screen (StretchApp's keywords, for the
    apps built on it)."""

    options: Options | None
    library: Library | None
    clock: Clock
    player: Player | None
    recorder: HistoryRecorder | None
    voice: Voice | None
    urgent: UrgentSigns | None
    morning: MorningGate | None


class StretchApp(Hurting, Palette, Sounding, App[int]):
    """stretchtimer's full-screen UI for a session (or the picker), as the CLI and the tests
    build it (the library, the player and the clock default to the user's, the system's and
    the real one)."""

    CSS_PATH = "stretchtimer.tcss"
    TITLE = "stretchtimer"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+c", "interrupt", show=False, priority=True)]
    """ctrl+q (Textual's) and the palette's Quit come to action_quit, which asks first while a
    session runs; ctrl+c leaves at once, as it does everywhere else in a terminal (exit 130)."""

    def __init__(
        self,
        plan: Plan | None = None,
        *,
        options: Options | None = None,
        library: Library | None = None,
        clock: Clock = time.monotonic,
        player: Player | None = None,
        recorder: HistoryRecorder | None = None,
        voice: Voice | None = None,
        urgent: UrgentSigns | None = None,
        morning: MorningGate | None = None,
    ) -> None:
        super().__init__()
        self.options = options or Options()
        self.library = library or Library()
        self.first_plan = plan
        self.clock = clock
        player = player if player is not None else default_player()  # the system's
        notice = once_per_machine(self._sound_notice)
        chimes = Chimes(player, self.ring, notice, muted=self.options.mute)
        self.chimes = chimes
        self.sessions = Sessions(
            clock, chimes, voice, recorder, urgent or never(), self.options, morning or no_check(),
            pick=chosen_region,
        )
        """What every session of this app shares; each is made from it."""
        self.runner: SessionRunner | None = None
        """The session being shown (from the before screen to the summary)."""
        self.leaving = ExitCode.OK
        """The exit code leaving now would have: OK until a session is stopped for pain."""
        self.exiting = False
        """Set by the first exit: later keys (ctrl+q, ctrl+p, ...) then do nothing."""
        self.exits = SignalExits(self.end_session, self.leave, self.sessions)
        self._voice_timer: Timer | None = None
        self._early_notices: list[str] = []
        self.far = self.options.far  # as set or last toggled (None: by the terminal's size)
        out = sys.__stdout__
        self.figure_mode = figure_mode(out.encoding if out else None, os.environ.get("TERM"))
        if recorder is not None:
            recorder.notify = self._notice_from_thread

    @property
    def recorder(self) -> HistoryRecorder | None:
        return self.sessions.recorder

    @property
    def voice(self) -> Voice | None:
        return self.sessions.voice

    # -- the first screen and the ways out ------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the session (or the picker) itself, not a blank screen with it
        pushed on top, which Textual paints first: the first frame comes a refresh sooner
        (about 25 ms, measured)."""
        if self.first_plan is not None:
            return self.opening(self.first_plan)
        today = self.sessions.today
        return PickerScreen(lambda: load_choices(self.library, self.plan_for, today))

    def on_mount(self) -> None:
        self.set_timer(PLAYER_LOAD_DELAY, self.chimes.prepare)
        self.call_after_refresh(resume_collector)  # paused by the console script until now
        for message in self._early_notices:
            self.notify(message, severity="warning", timeout=8, markup=False)
        self.exits.install()

    def end_session(self, reason: str) -> None:
        """Stop the running session, if one runs, and close its history row at once."""
        if self.runner is not None:
            self.runner.stop(reason)

    def exit(
        self, result: int | None = None, return_code: int = 0, message: Any = None
    ) -> None:
        """Exit once: the first exit decides the code; any later one is ignored."""
        if not self.exiting:
            self.exiting = True
            super().exit(result, return_code, message)

    def leave(self, code: int) -> None:
        """Exit with `code` (as result and return code)."""
        self.exit(code, return_code=code)

    def action_command_palette(self) -> None:
        """The palette, unless the app is already on its way out."""
        if not self.exiting:
            super().action_command_palette()

    def session_screen(self) -> SessionScreen | None:
        """The session screen under whatever covers it, while its session runs."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, SessionScreen) and screen.runner.session.active:
                return screen
        return None

    async def action_quit(self) -> None:
        """ctrl+q or the palette's Quit: while a session runs, ask first (as q does)."""
        if self.exiting:
            return
        if isinstance(self.screen, PainScreen):
            self.screen.action_end()  # it hurts: quitting ends the session there, exit 1
            return
        running = self.session_screen()
        if running is not None:
            running.action_quit_session()
        else:
            self.leave_idle()

    def leave_idle(self) -> None:
        """Quit with no session running."""
        self.leave(self.leaving)

    def action_interrupt(self) -> None:
        """ctrl+c: the session ends as quit, at once, and the program with 130."""
        self.end_session("quit")
        self.leave(ExitCode.INTERRUPTED)

    def action_progress(self) -> None:
        """Show the progress screen."""
        recorder, library = self.recorder, self.library

        def load() -> str | None:
            if recorder is None:
                return None  # history is off
            text = recorder.query(lambda reads: progress_text(reads, exercise_title(library)))
            if text is None:
                raise RuntimeError("the history did not answer (locked, or not recorded)")
            return str(text)

        self.push_screen(ProgressScreen(load))

    # -- a session, from its choice to its end ---------------------------------------------

    def plan_for(self, routine: Routine) -> Plan:
        """The routine's plan, leading with the side the history says is next (this waits
        for the history: call it from a worker)."""
        return self.sessions.plan_for(routine)

    def show_next(self, screen: Screen[Any]) -> None:
        """Move on to `screen`: it replaces the current one, except that the first screen
        (Textual's base screen, which cannot be switched away) is covered instead; nothing
        on it runs any more by then (a finished session re-arms no timer)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def opening(self, plan: Plan) -> Screen[Any]:
        """The first screen of a session: what must come before it (the urgent signs before a
        very first session, the pain question if asked), else the session itself."""
        self.runner = self.sessions.new(plan)
        urgent = self.sessions.urgent.due
        ask_pain = self.options.ask_pain and self.recorder is not None  # (none: not kept)
        morning = self.sessions.morning.region  # (looked up before: the CLI, or plan_for)
        if urgent or ask_pain or morning:
            return BeforeScreen(plan, urgent, ask_pain, morning, self.runner.region)
        return SessionScreen(self.runner, self.far, self.figure_mode)

    @on(FarViewChosen)
    def keep_far_view(self, message: FarViewChosen) -> None:
        """Keep the far view's choice for the next session and, unless a setting fixes it,
        the next run (in a worker: it is disk work)."""
        self.far = message.on
        if self.options.settings.far_view == "auto":
            self.run_worker(partial(remember_far_view, message.on), thread=True, group="state")

    @on(RoutineChosen)
    def start_routine(self, message: RoutineChosen) -> None:
        """Run the chosen routine (after what must come first)."""
        self.show_next(self.opening(message.plan))

    @on(ReadyToStart)
    def start_after_before(self, message: ReadyToStart) -> None:
        """The urgent signs were read (remembered, off the event loop) and the pain before
        given (recorded as the session begins): run the session."""
        assert self.runner is not None
        if self.sessions.urgent.shown():
            self.run_worker(self.sessions.urgent.remember, thread=True, exit_on_error=False)
        if message.morning_asked:
            self.sessions.morning.answer(message.morning, self.recorder)
        if message.pain_before is not None and (self.options.ask_pain or message.morning_asked):
            self.runner.give_pain(PainTime.BEFORE, message.pain_before)
        self.show_next(SessionScreen(self.runner, self.far, self.figure_mode))

    @on(SessionFinished)
    def show_summary(self, message: SessionFinished) -> None:
        """The routine is complete (the runner recorded it): the summary, with the streak
        only when the session counts toward it."""
        recorder = self.recorder
        counts = recorder is not None and message.session.held_enough
        streak = recorder.streak_text if recorder is not None and counts else None
        name = message.session.plan.routine.name
        coach = SessionCoach(self.library, recorder, name) if recorder is not None else None
        region = self.runner.region if self.runner is not None else None
        self.show_next(SummaryScreen(message.session, streak, self.pain_before, coach,
                                     recording=recorder is not None, region=region))

    @on(SessionQuit)
    def quit_session(self, message: SessionQuit) -> None:
        """The user quit mid-session (and said yes): leave with 3."""
        self.finish(ExitCode.QUIT)

    @on(SessionDone)
    def leave_session(self, message: SessionDone) -> None:
        """The summary or the pain screen is done."""
        self.finish(message.code)

    def finish(self, code: int) -> None:
        """A session is over: leave with `code`."""
        self.leave(code)
