"""Provides the Textual app: screens for picking, running and ending a session."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App, SystemCommand
from textual.screen import Screen

from stretchtimer.engine import Clock, Session
from stretchtimer.library import Library
from stretchtimer.model import Plan, Routine, Side
from stretchtimer.plan import plan as make_plan
from stretchtimer.sound import Chimes, Player, default_player
from stretchtimer.startup import resume_collector
from stretchtimer.ui.session_screen import SessionScreen

if TYPE_CHECKING:
    from stretchtimer.history import History

PLAYER_LOAD_DELAY = 0.3
"""Seconds after start-up to import the sound player (it probes the system for players), so it
never delays the first frame. A chime needed sooner loads it on the spot."""

# The other screens are imported when first shown: the first frame needs only one of them.


class Recorder(Protocol):
    """Where sessions are recorded (history), as the app sees it."""

    notify: Callable[[str], None]
    """Where its notices go (the app points it at a toast)."""

    def begin(self, session: Session) -> None:
        """A session started."""

    def end(self, session: Session) -> None:
        """A session ended (finished, or stopped with a reason)."""

    def streak_text(self) -> str:
        """`3 days in a row`, or empty."""

    def set_feeling(self, feeling: int | None) -> None:
        """How the back feels after the session."""

    def query(self, fn: Callable[[History], Any]) -> Any:
        """A read of the history (None if unavailable)."""

    def next_lead(self, routine: str) -> Side:
        """The side the next run of the routine leads with."""

    def close(self) -> None:
        """Finish pending writes (safe to call more than once)."""


SHUTDOWN_GRACE = 3.0
"""Seconds a signalled exit may take before the process leaves without Textual's shutdown."""


def _exit_process(code: int) -> None:
    os._exit(code)


class StretchApp(App[int]):
    """stretchtimer's full-screen UI."""

    CSS_PATH = "stretchtimer.tcss"
    TITLE = "stretchtimer"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        library: Library,
        plan: Plan | None = None,
        clock: Clock = time.monotonic,
        player: Player | None = None,
        mute: bool = False,
        recorder: Recorder | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.first_plan = plan
        self.clock = clock
        self.recorder = recorder
        self.chimes = Chimes(player, bell=self.bell, notify=self._sound_notice, muted=mute)
        self.session: Session | None = None
        if recorder is not None:
            recorder.notify = self._notice_from_thread
        self._early_notices: list[str] = []

    def _notice_from_thread(self, message: str) -> None:
        """A notice from the history thread: shown as a toast (held until the app runs)."""
        try:
            self.call_from_thread(
                lambda: self.notify(message, severity="warning", timeout=8, markup=False)
            )
        except RuntimeError:
            self._early_notices.append(message)

    def _sound_notice(self, message: str) -> None:
        self.notify(message, severity="warning", timeout=6, markup=False)

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the session (or the picker) itself, not a blank screen with it
        pushed on top, which Textual paints first: the first frame comes a refresh sooner
        (about 25 ms, measured)."""
        if self.first_plan is not None:
            return SessionScreen(self.first_plan)
        from stretchtimer.ui.picker_screen import PickerScreen

        return PickerScreen(self.library)

    def on_mount(self) -> None:
        self.set_timer(PLAYER_LOAD_DELAY, self.chimes.prepare)
        self.call_after_refresh(resume_collector)  # paused by the console script until now
        for message in self._early_notices:
            self.notify(message, severity="warning", timeout=8, markup=False)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.signalled, signum)

    def signalled(self, signum: int) -> None:
        """SIGTERM or SIGHUP: close the session's record at once and leave cleanly."""
        session = self.session
        if session is not None and session.active:
            session.stop("interrupted")
            if self.recorder:
                self.recorder.end(session)
        # Textual's shutdown can hang when the terminal has gone away (a closed window or
        # tmux session): its output thread dies on the hung-up terminal and the last writes
        # wait for it forever. If leaving takes longer than this, leave without it.
        watchdog = threading.Timer(SHUTDOWN_GRACE, self.leave_now, args=(128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(128 + signum, return_code=128 + signum)

    def leave_now(self, code: int) -> None:
        """Leave at once, the history record and the parse cache written first."""
        with contextlib.suppress(Exception):
            if self.recorder:
                self.recorder.close()
        with contextlib.suppress(Exception):
            self.library.save()
        _exit_process(code)

    def action_progress(self) -> None:
        """Show the progress screen."""
        from stretchtimer.ui.progress_screen import ProgressScreen, progress_text

        text = self.recorder.query(progress_text) if self.recorder else None
        if text is None:
            text = "History is off (--no-history, or record_history: false), so nothing to show."
        self.push_screen(ProgressScreen(str(text)))

    def plan_for(self, routine: Routine) -> Plan:
        """The routine's plan, leading with the side the history says is next."""
        lead = self.recorder.next_lead(routine.name) if self.recorder else Side.LEFT
        return make_plan(routine, lead)

    def start_plan(self, plan: Plan) -> None:
        """Run a plan (from the picker)."""
        self.show_next(SessionScreen(plan))

    def show_next(self, screen: Screen[Any]) -> None:
        """Move on to `screen`: it replaces the current one, except that the first screen
        (Textual's base screen, which cannot be switched away) is covered instead; nothing
        on it runs any more by then (a finished session re-arms no timer)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- session lifecycle, called by the session screen --------------------------------

    def session_began(self, session: Session) -> None:
        """A session started: record it."""
        self.session = session
        if self.recorder:
            self.recorder.begin(session)

    def session_finished(self, session: Session) -> None:
        """The routine is complete: record it and show the summary."""
        streak = ""
        if self.recorder:
            self.recorder.end(session)
            streak = self.recorder.streak_text()
        from stretchtimer.ui.summary_screen import SummaryScreen

        self.show_next(SummaryScreen(session, streak))

    def session_stopped_for_pain(self, session: Session) -> None:
        """The user stopped because it hurts: record it and show the red flags."""
        if self.recorder:
            self.recorder.end(session)
        from stretchtimer.ui.pain_screen import PainScreen

        self.show_next(PainScreen(session.segment))

    def session_quit(self, session: Session) -> None:
        """The user quit mid-session."""
        if self.recorder:
            self.recorder.end(session)
        self.exit(0, return_code=0)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The session's keys, also in the command palette."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Progress", "Streaks, calendar and history (h)", self.action_progress)
        if isinstance(screen, SessionScreen):
            for title, help_text, action in (
                ("Pause / resume", "Freeze or continue the countdown (space)", "toggle_pause"),
                ("Next segment", "Skip ahead (n or right)", "next"),
                ("Previous segment", "Restart or go back (p or left)", "back"),
                ("Mute / unmute", "Silence the chimes (m)", "toggle_mute"),
                ("Stop: this hurts", "End now and show the red flags (x)", "hurt"),
                ("Quit session", "Asks first (q)", "quit_session"),
            ):
                yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))


def make_app(
    library: Library | None = None,
    plan: Plan | None = None,
    clock: Clock = time.monotonic,
    player: Player | None = None,
    mute: bool = False,
    recorder: Recorder | None = None,
) -> StretchApp:
    """The app as the CLI and the tests build it."""
    if player is None:
        player = default_player()
    return StretchApp(library or Library(), plan, clock, player, mute, recorder)
