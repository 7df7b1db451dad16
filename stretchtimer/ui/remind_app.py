"""Provides the full-screen reminders (`stretchtimer remind`): the waiting screen, a due break's
chime, bell, desktop notification and tmux line, and Start, Snooze and Skip; Start runs the
routine as the session app does, then waits again."""

from __future__ import annotations

from functools import partial
from typing import Any, Unpack

from textual import on, work
from textual.screen import Screen

from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.moments import BreakChoice
from stretchtimer.library.routines import load_routine
from stretchtimer.remind.desktop import DesktopAlerts
from stretchtimer.remind.places import tmux_message
from stretchtimer.runner.reminder import Reminder
from stretchtimer.sound.chime import Chime
from stretchtimer.ui.app import AppParts, StretchApp
from stretchtimer.ui.messages import BreakChosen, BreakDue, BreakFailed, BreakPlanned
from stretchtimer.ui.screens.remind import RemindScreen


class RemindApp(StretchApp):
    """Waiting for breaks; a break's routine runs here, then the wait starts afresh."""

    def __init__(self, reminder: Reminder, **parts: Unpack[AppParts]) -> None:
        super().__init__(None, **parts)
        self.reminder = reminder
        self.alerts = DesktopAlerts()
        """Desktop notifications for due breaks (tried once; none is one notice)."""
        self.starting = False
        """A Start is being planned (in a worker): a second Start (a key and the
        notification's button) changes nothing."""

    def get_default_screen(self) -> Screen[Any]:
        return RemindScreen(self.reminder)

    def leave_idle(self) -> None:
        """Quit from a screen after a session (the summary, the pain screen): back to waiting;
        from the waiting screen: stop reminding."""
        if isinstance(self.screen, RemindScreen):
            self.leave(ExitCode.OK)
        else:
            self.finish(ExitCode.OK)

    def finish(self, code: int) -> None:
        """A break's session is over: back to waiting (the wait starts afresh from its end)."""
        self.runner = None
        self.leaving = ExitCode.OK
        self.reminder.back()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    @on(BreakDue)
    def break_due(self) -> None:
        """A break is due (counted by the reminder): a chime and the bell, a desktop
        notification with Start, Snooze and Skip, and tmux's status line."""
        message = self.reminder.due_message()
        self.chimes.play(Chime.COMPLETE)
        self.bell()
        self.notify_desktop(message)
        self.run_worker(
            partial(tmux_message, f"stretchtimer: {message}"), thread=True, exit_on_error=False
        )

    @work(group="desktop", exit_on_error=False)
    async def notify_desktop(self, message: str) -> None:
        """Send the desktop notification; a server that cannot be reached is said once."""
        first = self.alerts.available is None
        sent = await self.alerts.send_break(
            message,
            lambda: self.call_later(self.choose_break, BreakChoice.START),
            lambda: self.call_later(self.choose_break, BreakChoice.SNOOZE),
            lambda: self.call_later(self.choose_break, BreakChoice.SKIP),
            self.reminder.snooze_label,
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

    def choose_break(self, choice: BreakChoice) -> None:
        """Start (run the routine here), Snooze or Skip: from a key or the notification."""
        screen = self.screen
        if not isinstance(screen, RemindScreen) or self.starting:
            return  # a routine is already running or starting: a late click changes nothing
        notice = self.reminder.choose(choice)
        if choice is BreakChoice.START:
            self.starting = True
            self.plan_break()
        elif notice is not None:
            self.notify(notice.text, markup=False)
        self.clear_desktop()
        screen.look()  # re-armed for the new wait

    @work(group="desktop", exit_on_error=False)
    async def clear_desktop(self) -> None:
        await self.alerts.clear()

    @work(thread=True, group="break-routine", exit_on_error=False)
    def plan_break(self) -> None:
        """The reminder's routine, read and planned (files and the history: a worker)."""
        try:
            routine, _ = load_routine(self.library.find_routine(self.reminder.routine),
                                      self.library)
            self.post_message(BreakPlanned(self.plan_for(routine)))
        except InputError as exc:
            self.post_message(BreakFailed("; ".join(map(str, exc.problems))))

    @on(BreakPlanned)
    def run_break(self, message: BreakPlanned) -> None:
        self.starting = False
        self.show_next(self.opening(message.plan))

    @on(BreakFailed)
    def break_failed(self, message: BreakFailed) -> None:
        self.starting = False
        self.reminder.back(ran=False)
        self.notify(f"Cannot start the routine: {message.why}", severity="error", markup=False)
