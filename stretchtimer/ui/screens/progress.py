"""Provides the progress screen: the progress page, read from the history in a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtimer.core.text import one_line

NO_HISTORY = "History is off (--no-history, or record_history: false), so nothing to show."


class ProgressScreen(Screen[None]):
    """Your record at a glance."""

    BINDINGS = [Binding("escape,h,q", "app.pop_screen", "Back")]

    def __init__(self, load: Callable[[], str | None]) -> None:
        super().__init__()
        self.load = load
        """Reads the progress page from the history (None: no history): called in a worker."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress"):
            yield Label("Your progress", id="progress-title", markup=False)
            yield Static("Reading your history...", id="progress-body", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.read_history()

    @dataclass
    class Read(Message):
        """The page, as read in the worker."""

        text: str

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def read_history(self) -> None:
        """Read the page off the event loop (a locked database can take seconds) and post it
        back: "history is off" only when it is off; a history that could not be read says
        so."""
        try:
            text = self.load()
        except Exception as exc:  # a locked, damaged or vanished history
            text = f"Your history could not be read: {one_line(str(exc))}"
        self.post_message(self.Read(NO_HISTORY if text is None else text))

    @on(Read)
    def show(self, message: Read) -> None:
        """Put the page on the screen."""
        self.query_one("#progress-body", Static).update(message.text)
