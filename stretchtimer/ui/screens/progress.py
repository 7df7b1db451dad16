"""Provides the progress screen: the progress page, read from the history in a worker."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

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

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def read_history(self) -> str | None:
        """Read the page off the event loop (a locked database can take seconds)."""
        return self.load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The page is read (or could not be): show it, back on the event loop."""
        if event.worker.group != "progress":
            return
        if event.state is WorkerState.SUCCESS:
            self.show(event.worker.result or NO_HISTORY)
        elif event.state is WorkerState.ERROR:
            self.show(NO_HISTORY)

    def show(self, text: str) -> None:
        """Put the page on the screen."""
        self.query_one("#progress-body", Static).update(text)
