"""Provides the end-of-routine summary screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtimer.engine import Session
from stretchtimer.text import human_seconds


class SummaryScreen(Screen[None]):
    """Routine complete: what was done."""

    BINDINGS = [
        Binding("enter", "done", "Done"),
        Binding("q", "done", "Quit"),
    ]

    def __init__(self, session: Session, streak: str = "") -> None:
        super().__init__()
        self.session = session
        self.streak = streak

    def compose(self) -> ComposeResult:
        s = self.session
        plan = s.plan
        steps_done = len({plan.segments[i].step_index for i in s.completed})
        with Vertical(id="summary"):
            yield Label("Routine complete", id="summary-title")
            yield Label(plan.routine.title, id="summary-routine")
            yield Static(
                f"Time holding stretches: {human_seconds(round(s.held_seconds))}\n"
                f"Steps done: {steps_done} of {plan.step_count}\n"
                f"Segments done: {len(s.completed)} of {len(plan.segments)}",
                id="summary-facts",
            )
            if self.streak:
                yield Label(self.streak, id="streak")
            yield Label("Well done. Enter to finish.", id="summary-hint")
        yield Footer()

    def action_done(self) -> None:
        """Leave with exit code 0."""
        self.app.exit(0, return_code=0)
