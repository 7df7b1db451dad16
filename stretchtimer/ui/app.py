"""Provides the Textual app: it owns the chimes and the recorder, shows the screens, and acts on
the messages they post."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from stretchtimer.core.engine import Clock, Session
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan, Routine, Side
from stretchtimer.core.plan import plan as make_plan
from stretchtimer.core.text import one_line
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.present.progress import progress_text
from stretchtimer.present.reminder import Reminder
from stretchtimer.remind.desktop import DesktopAlerts
from stretchtimer.remind.places import tmux_message
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Player, default_player
from stretchtimer.sound.voice import Voice
from stretchtimer.startup import resume_collector
from stretchtimer.ui.messages import (
    BreakChosen,
    BreakDue,
    PainGiven,
    ReadyToStart,
    RoutineChosen,
    SessionBegan,
    SessionDone,
    SessionFinished,
    SessionQuit,
    SessionStoppedForPain,
    SpeechQueued,
)
from stretchtimer.ui.screens.before import BeforeScreen
from stretchtimer.ui.screens.pain import PainScreen
from stretchtimer.ui.screens.picker import PickerScreen, load_choices
from stretchtimer.ui.screens.progress import ProgressScreen
from stretchtimer.ui.screens.remind import RemindScreen
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.screens.summary import SummaryScreen

Planner = Callable[[Routine, Side], Plan]
"""A routine and the side to lead with, into its plan."""
PLAYER_LOAD_DELAY = 0.3
"""Seconds after start-up to import the sound player (it probes the system for players), so it
never delays the first frame. A chime needed sooner loads it on the spot."""
BELL_GAP = 0.25
"""Seconds between the bells of a pattern (rung at once, terminals make them one)."""
FLASH = 0.3
"""Seconds the screen stays flashed for a bell."""
SHUTDOWN_GRACE = 3.0
"""Seconds a signalled exit may take before the process leaves without Textual's shutdown."""


def _exit_process(code: int) -> None:
    os._exit(code)


class StretchApp(App[int]):
    """stretchtimer's full-screen UI, as the CLI and the tests build it (the library, the
    player and the clock default to the user's, the system's and the real one)."""

    CSS_PATH = "stretchtimer.tcss"
    TITLE = "stretchtimer"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+c", "interrupt", show=False, priority=True)]
    """ctrl+q (Textual's) and the palette's Quit come to action_quit, which asks first while a
    session runs; ctrl+c leaves at once, as it does everywhere else in a terminal (exit 130)."""

    def __init__(
        self,
        library: Library | None = None,
        plan: Plan | None = None,
        clock: Clock = time.monotonic,
        player: Player | None = None,
        mute: bool = False,
        recorder: HistoryRecorder | None = None,
        voice: Voice | None = None,
        planner: Planner = make_plan,
        urgent_first: bool = False,
        ask_pain: bool = False,
        mark_seen: Callable[[], None] | None = None,
        reminder: Reminder | None = None,
    ) -> None:
        super().__init__()
        self.reminder = reminder
        """Reminding (`stretchtimer remind`): wait for breaks, run the routine, wait again."""
        self.alerts = DesktopAlerts() if reminder is not None else None
        """Desktop notifications for due breaks (tried once; none is one notice)."""
        self.urgent_first = urgent_first
        """Show the urgent signs before the session (the user's very first one)."""
        self.ask_pain = ask_pain
        """Ask how much it hurts before the session too."""
        self.mark_seen = mark_seen
        """Remembers that the urgent signs were shown (disk: run in a worker)."""
        self.pain_before: int | None = None
        """How much it hurt before the running session, if asked and answered."""
        self.pain_region = "low-back"
        """The body region the pain question is about."""
        self.planner = planner
        """Makes a chosen routine's plan with the user's settings (and `--fit`)."""
        self.voice = voice
        """Spoken cues (None: none); the session screens queue phrases, the app plays them."""
        self._voice_timer: Timer | None = None
        self.library = library or Library()
        self.first_plan = plan
        self.clock = clock
        self.recorder = recorder
        player = player if player is not None else default_player()  # the system's
        self.chimes = Chimes(player, bell=self.ring, notify=self._sound_notice, muted=mute)
        self.session: Session | None = None
        self.leaving = ExitCode.OK
        """The exit code leaving now would have: OK until a session is stopped for pain."""
        self.exiting = False
        """Set by the first exit: later keys (ctrl+q, ctrl+p, ...) then do nothing."""
        self.watchdog: threading.Timer | None = None
        """Started by the first signal; cancelled once the app has returned (cancel_watchdog)."""
        if recorder is not None:
            recorder.notify = self._notice_from_thread
        self._early_notices: list[str] = []

    def _notice_from_thread(self, message: str) -> None:
        """A notice from the history thread: shown as a toast (held until the app runs)."""
        try:
            self.call_from_thread(
                lambda: self.notify(one_line(message), severity="warning", timeout=8, markup=False)
            )
        except RuntimeError:
            self._early_notices.append(one_line(message))

    def ring(self, count: int) -> None:
        """No player: ring the terminal bell `count` times, a quarter second apart (a pattern
        per change), and flash the screen, for those who cannot hear it."""
        self.bell()
        for n in range(1, count):
            self.set_timer(BELL_GAP * n, self.bell)
        self.screen.add_class("-flash")
        self.set_timer(FLASH, lambda: self.screen.remove_class("-flash"))

    def _sound_notice(self, message: str) -> None:
        self.notify(one_line(message), severity="warning", timeout=6, markup=False)

    def session_screen(self, plan: Plan) -> SessionScreen:
        """A session screen for `plan`, on this app's clock, chimes and voice."""
        return SessionScreen(plan, self.clock, self.chimes, self.voice)

    def opening(self, plan: Plan) -> Screen[Any]:
        """The first screen of a session: what must come before it (the urgent signs before a
        very first session, the pain question if asked), else the session itself."""
        if self.urgent_first or self.ask_pain:
            return BeforeScreen(plan, self.urgent_first, self.ask_pain)
        return self.session_screen(plan)

    @on(SpeechQueued)
    def arm_voice(self) -> None:
        """Wake when the next queued phrase is due (the app outlives the session screen, so
        'Routine complete' is said over the summary)."""
        due = self.voice.next_due() if self.voice is not None else None
        if self._voice_timer is not None:
            self._voice_timer.stop()
            self._voice_timer = None
        if due is not None:
            # at least a millisecond: a Textual timer of zero divides by its interval
            # (Textualize/textual#6370, still so in 8.2.8)
            self._voice_timer = self.set_timer(max(0.001, due - self.clock()), self.speak_due)

    def speak_due(self) -> None:
        """Play the phrases due now, through the chimes' player, and wait for the next."""
        if self.voice is None:
            return
        for path in self.voice.due(self.clock()):
            if self.chimes.can_play and self.chimes.player is not None:
                with contextlib.suppress(Exception):  # a phrase never stops a session
                    self.chimes.player.play(path)
        self.arm_voice()

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the session (or the picker) itself, not a blank screen with it
        pushed on top, which Textual paints first: the first frame comes a refresh sooner
        (about 25 ms, measured)."""
        if self.reminder is not None:
            return RemindScreen(self.reminder)
        if self.first_plan is not None:
            return self.opening(self.first_plan)
        return PickerScreen(lambda: load_choices(self.library, self.plan_for))

    def on_mount(self) -> None:
        self.set_timer(PLAYER_LOAD_DELAY, self.chimes.prepare)
        self.call_after_refresh(resume_collector)  # paused by the console script until now
        for message in self._early_notices:
            self.notify(message, severity="warning", timeout=8, markup=False)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.signalled, signum)

    def end_session(self, reason: str) -> None:
        """Stop the running session, if one runs, and close its history row at once."""
        session = self.session
        if session is not None and session.active:
            session.stop(reason)
            if self.recorder:
                self.recorder.end(session)

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

    async def action_quit(self) -> None:
        """ctrl+q or the palette's Quit: while a session runs, ask first (as q does)."""
        if self.exiting:
            return
        session_screen = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, SessionScreen)), None
        )
        if session_screen is not None and self.session is not None and self.session.active:
            session_screen.action_quit_session()
        elif self.reminder is not None and not isinstance(self.screen, RemindScreen):
            self.finish(ExitCode.OK)
        else:
            self.leave(self.leaving)

    def action_interrupt(self) -> None:
        """ctrl+c: the session ends as quit, at once, and the program with 130."""
        self.end_session("quit")
        self.leave(ExitCode.INTERRUPTED)

    def signalled(self, signum: int) -> None:
        """SIGINT (as ctrl+c), SIGTERM or SIGHUP: close the session's record at once and leave
        cleanly with 128 + the signal."""
        self.end_session("quit" if signum == signal.SIGINT else "interrupted")
        # Textual's shutdown can hang when the terminal has gone away (a closed window or
        # tmux session): its output thread dies on the hung-up terminal and the last writes
        # wait for it forever. If leaving takes longer than this, leave without it; the CLI
        # cancels this once the app has returned.
        if self.watchdog is None:  # a second signal changes nothing: the first one leaves
            self.watchdog = threading.Timer(SHUTDOWN_GRACE, self.leave_now, args=(128 + signum,))
            self.watchdog.daemon = True
            self.watchdog.start()
        self.leave(128 + signum)

    def leave_now(self, code: int) -> None:
        """Leave at once, the history record written first (the parse cache is only a cache:
        it is saved by the main thread alone, and a hung exit simply does without it)."""
        with contextlib.suppress(Exception):
            if self.recorder:
                self.recorder.close()
        _exit_process(code)

    def cancel_watchdog(self) -> None:
        """The app has returned: a signalled exit no longer needs to be forced."""
        if self.watchdog is not None:
            self.watchdog.cancel()

    def action_progress(self) -> None:
        """Show the progress screen."""
        recorder = self.recorder

        def load() -> str | None:
            text = recorder.query(progress_text) if recorder else None
            return str(text) if text is not None else None

        self.push_screen(ProgressScreen(load))

    def plan_for(self, routine: Routine) -> Plan:
        """The routine's plan, leading with the side the history says is next (this waits
        for the history: call it from a worker)."""
        lead = self.recorder.next_lead(routine.name) if self.recorder else Side.LEFT
        return self.planner(routine, lead)

    def show_next(self, screen: Screen[Any]) -> None:
        """Move on to `screen`: it replaces the current one, except that the first screen
        (Textual's base screen, which cannot be switched away) is covered instead; nothing
        on it runs any more by then (a finished session re-arms no timer)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- what the screens say ------------------------------------------------------------

    @on(RoutineChosen)
    def start_routine(self, message: RoutineChosen) -> None:
        """Run the chosen routine (after what must come first)."""
        self.show_next(self.opening(message.plan))

    @on(ReadyToStart)
    def start_after_before(self, message: ReadyToStart) -> None:
        """The urgent signs were read (remembered, off the event loop) and the pain before
        given: run the session."""
        if self.urgent_first and self.mark_seen is not None:
            self.run_worker(self.mark_seen, thread=True, exit_on_error=False)
        self.urgent_first = False
        self.pain_before = message.pain_before
        self.pain_region = message.region
        self.show_next(self.session_screen(message.plan))

    @on(SessionBegan)
    def record_start(self, message: SessionBegan) -> None:
        """A session started: record it."""
        self.session = message.session
        if self.recorder:
            self.recorder.begin(message.session)
            if self.pain_before is not None:
                self.recorder.set_pain("before", self.pain_before, self.pain_region)

    @on(SessionFinished)
    def show_summary(self, message: SessionFinished) -> None:
        """The routine is complete: record it and show the summary (with the streak only
        when the session counts toward it)."""
        streak: Callable[[], str] | None = None
        if self.recorder:
            self.recorder.end(message.session)
            if message.session.held_enough:
                streak = self.recorder.streak_text
        self.show_next(SummaryScreen(message.session, streak, self.pain_before))

    @on(SessionStoppedForPain)
    def show_pain(self, message: SessionStoppedForPain) -> None:
        """The user stopped because it hurts: record it and show the red flags."""
        if self.recorder:
            self.recorder.end(message.session)
        self.leaving = ExitCode.PAIN
        self.show_next(PainScreen(message.session.segment))

    @on(SessionQuit)
    def quit_session(self, message: SessionQuit) -> None:
        """The user quit mid-session (and said yes): record it and leave with 3."""
        if self.recorder:
            self.recorder.end(message.session)
        self.finish(ExitCode.QUIT)

    @on(PainGiven)
    def record_pain(self, message: PainGiven) -> None:
        """Store how much it hurts, before or after."""
        if self.recorder:
            self.recorder.set_pain(message.when, message.score, message.region)

    @on(SessionDone)
    def leave_session(self, message: SessionDone) -> None:
        """The summary or the pain screen is done."""
        self.finish(message.code)

    def finish(self, code: int) -> None:
        """A session is over: leave with `code`, or, while reminding, go back to waiting (the
        wait starts afresh from the end of the routine)."""
        if self.reminder is None:
            self.leave(code)
            return
        self.session = None
        self.pain_before = None
        self.leaving = ExitCode.OK
        self.reminder.schedule.taken()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # -- reminders -----------------------------------------------------------------------

    @on(BreakDue)
    def break_due(self) -> None:
        """A break is due: counted, a chime and the bell, a desktop notification with Start,
        Snooze and Skip, and tmux's status line."""
        reminder = self.reminder
        if reminder is None:
            return
        reminder.due()
        self.chimes.play(Chime.COMPLETE)
        self.bell()
        self.run_worker(
            self._notify_desktop(reminder.due_message()), group="desktop", exit_on_error=False
        )
        self.run_worker(
            partial(tmux_message, f"stretchtimer: {reminder.due_message()}"),
            thread=True,
            group="tmux",
            exit_on_error=False,
        )

    async def _notify_desktop(self, message: str) -> None:
        """Send the desktop notification; a server that cannot be reached is said once."""
        alerts = self.alerts
        if alerts is None:
            return
        first = alerts.available is None
        sent = await alerts.send_break(
            message,
            lambda: self.call_later(self.choose_break, "start"),
            lambda: self.call_later(self.choose_break, "snooze"),
            lambda: self.call_later(self.choose_break, "skip"),
        )
        if not sent and first:
            self.notify(
                "No desktop notifications here (no notification server answered): breaks are "
                "announced in this terminal.",
                severity="warning",
                timeout=8,
                markup=False,
            )

    @on(BreakChosen)
    def break_chosen(self, message: BreakChosen) -> None:
        self.choose_break(message.choice)

    def choose_break(self, choice: str) -> None:
        """Start (run the routine here), Snooze or Skip: from a key or the notification."""
        reminder = self.reminder
        if reminder is None or not isinstance(self.screen, RemindScreen):
            return  # a routine is already running: a late click changes nothing
        if choice == "start":
            reminder.start()
            self.run_worker(
                self._load_break_routine, thread=True, group="break-routine", exit_on_error=False
            )
        elif choice == "snooze":
            reminder.snooze()
        elif choice == "skip":
            reminder.skip()
        if self.alerts is not None:
            self.run_worker(self.alerts.clear(), group="desktop", exit_on_error=False)
        self.screen.look()  # re-armed for the new wait

    def _load_break_routine(self) -> Plan:
        """The reminder's routine, planned (reads files and waits for the history: a worker)."""
        assert self.reminder is not None
        routine, _ = load_routine(self.library.find_routine(self.reminder.routine), self.library)
        return self.plan_for(routine)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The break's routine is planned: run it (or say why it cannot be)."""
        if event.worker.group != "break-routine":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Plan):
            self.show_next(self.opening(event.worker.result))
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            said = "; ".join(map(str, error.problems)) if isinstance(error, InputError) else error
            self.notify(f"Cannot start the routine: {said}", severity="error", markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The session's keys, also in the command palette."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Progress", "Streaks, calendar and history (h)", self.action_progress)
        if isinstance(screen, SessionScreen):
            for title, help_text, action in (
                ("Pause / resume", "Freeze or continue the countdown (space)", "toggle_pause"),
                ("Next segment", "Skip ahead (n or right)", "next"),
                ("Previous segment", "Restart or go back (p or left)", "back"),
                ("Mute / unmute", "Silence the chimes and the voice (m)", "toggle_mute"),
                ("Voice on / off", "Spoken cues (v)", "voice"),
                ("Stop: this hurts", "End now and show the red flags (x)", "hurt"),
            ):  # (quitting is Textual's own Quit, which asks first: see action_quit)
                yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))

