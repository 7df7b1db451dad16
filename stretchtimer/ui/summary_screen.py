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
        Binding("h", "app.progress", "Progress"),
        *[Binding(str(n), f"feel({n})", str(n), show=False) for n in range(10)],
    ]

    def __init__(self, session: Session, streak: str = "") -> None:
        super().__init__()
        self.session = session
        self.streak = streak
        self.feeling: int | None = None

    def compose(self) -> ComposeResult:
        s = self.session
        plan = s.plan
        steps_done = len({plan.segments[i].step_index for i in s.completed})
        with Vertical(id="summary"):
            yield Label("Routine complete", id="summary-title", markup=False)
            yield Label(plan.routine.title, id="summary-routine", markup=False)
            yield Static(
                f"Time holding stretches: {human_seconds(round(s.held_seconds))}\n"
                f"Steps done: {steps_done} of {plan.step_count}\n"
                f"Segments done: {len(s.completed)} of {len(plan.segments)}"
                + (f" ({len(s.skipped - s.completed)} skipped)" if s.skipped - s.completed else ""),
                id="summary-facts",
                markup=False,
            )
            if self.streak:
                yield Label(self.streak, id="streak", markup=False)
            yield Label(
                "How does your back feel now? 0 (worst) to 9 (best), or Enter to skip.",
                id="feeling",
                markup=False,
            )
            yield Label("Well done. Enter to finish.", id="summary-hint", markup=False)
        yield Footer()

    def action_feel(self, score: int) -> None:
        """Store how the back feels (0-9)."""
        self.feeling = score
        recorder = getattr(self.app, "recorder", None)
        if recorder is not None:
            recorder.set_feeling(score)
        self.query_one("#feeling", Label).update(f"Noted: your back feels {score} out of 9.")

    def action_done(self) -> None:
        """Leave with exit code 0."""
        self.app.exit(0, return_code=0)
