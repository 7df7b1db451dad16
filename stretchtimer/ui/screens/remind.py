"""Provides the reminder's waiting screen: the time to the next break, the routine it will
start, today's breaks; Start, Snooze and Skip. It wakes only when what it shows changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Static

from stretchtimer.core.moments import BreakChoice
from stretchtimer.core.schedule import Status
from stretchtimer.runner.reminder import News, Notice, Reminder
from stretchtimer.ui.messages import BreakChosen, BreakDue


class RemindScreen(Screen[None]):
    """Waiting for the next break."""

    BINDINGS = [
        Binding("s,enter", "start", "Start"),
        Binding("z", "snooze", "Snooze"),
        Binding("k", "skip", "Skip"),
        Binding("t", "away", "Took one"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, reminder: Reminder) -> None:
        super().__init__()
        self.reminder = reminder
        self._timer: Timer | None = None
        self._shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="remind"):
            yield Label("stretchtimer reminders", id="remind-title", markup=False)
            yield Label(id="remind-headline", markup=False)
            yield Label(id="remind-about", markup=False)
            yield Label(id="remind-today", markup=False)
            yield Static(id="remind-hint", markup=False)
        yield Footer()

    @dataclass
    class Looked(Message):
        """A look at the history is done (today's counts, or a session elsewhere)."""

        notice: Notice | None

    def on_mount(self) -> None:
        self.load_counts()
        self.look()

    @work(thread=True, group="counts", exit_on_error=False)
    def load_counts(self) -> None:
        """Today's counts from the history, off the event loop."""
        self.reminder.load_counts()
        self.post_message(self.Looked(None))

    @work(thread=True, group="elsewhere", exit_on_error=False)
    def look_elsewhere(self) -> None:
        """Whether a session finished elsewhere (the history says so), off the event loop."""
        self.post_message(self.Ended(self.reminder.last_end()))

    @dataclass
    class Ended(Message):
        """When the last session anywhere finished (read in a worker)."""

        ended: datetime | None

    @on(Ended)
    def ended_elsewhere(self, message: Ended) -> None:
        """Apply it here, on the event loop that owns the schedule."""
        self.looked(self.Looked(self.reminder.finished_at(message.ended)))

    @on(Looked)
    def looked(self, message: Looked) -> None:
        """Say what the history showed, and show where things stand now."""
        if message.notice is not None:
            self.notify(message.notice.text, markup=False)
        self.show()

    def on_screen_resume(self) -> None:
        """Back from a routine: show where things stand now."""
        self.look()

    def look(self) -> None:
        """Look at the clocks; say what changed; sleep until what is shown changes."""
        if self._timer is not None:
            self._timer.stop()
        notice = self.reminder.look()
        if notice is not None and notice.news is News.DUE:
            self.post_message(BreakDue())
        elif notice is not None:
            self.notify(notice.text, markup=False)
        self.show()
        wait = self.reminder.wait()
        if self.reminder.history_look_due(wait):
            self.look_elsewhere()
        self._timer = self.set_timer(wait, self.look)

    def show(self) -> None:
        """Redraw what changed (once a minute, the minutes; the keys only when a break comes
        due or is dealt with): waiting costs no more than it must."""
        r = self.reminder
        due = r.schedule.status is Status.DUE
        hint = (
            r.keys_help("   ")
            if due
            else r.waiting_help("   ")
        )
        texts = {
            "#remind-headline": r.headline(),
            "#remind-about": r.about(),
            "#remind-today": r.today_text(),
            "#remind-hint": hint,
        }
        for selector, text in texts.items():
            if self._shown.get(selector) != text:
                self._shown[selector] = text
                # full-width lines (stretchtimer.tcss): new text never moves anything else
                self.query_one(selector, Static).update(text, layout=False)
        if due != self.has_class("-due"):
            self.set_class(due, "-due")
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Snooze and Skip only when a break is due."""
        if action in ("snooze", "skip"):
            return self.reminder.can(BreakChoice(action))
        return True

    def action_start(self) -> None:
        self.post_message(BreakChosen(BreakChoice.START))

    def action_snooze(self) -> None:
        self.post_message(BreakChosen(BreakChoice.SNOOZE))

    def action_skip(self) -> None:
        self.post_message(BreakChosen(BreakChoice.SKIP))

    def action_away(self) -> None:
        """`t`: a break taken away from the desk: counted, and the wait starts afresh."""
        self.post_message(BreakChosen(BreakChoice.AWAY))
