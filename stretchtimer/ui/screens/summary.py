"""Provides the end-of-routine summary screen."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

from stretchtimer.core.engine import Session
from stretchtimer.present.session import NOT_COUNTED, held_text
from stretchtimer.ui.messages import FeelingGiven


class SummaryScreen(Screen[None]):
    """Routine complete: what was done."""

    BINDINGS = [
        Binding("enter", "done", "Done"),
        Binding("q", "done", "Quit"),
        Binding("h", "app.progress", "Progress"),
        *[Binding(str(n), f"feel({n})", str(n), show=False) for n in range(10)],
    ]

    def __init__(self, session: Session, streak: Callable[[], str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.streak = streak
        """Reads the streak from the history (`3 days in a row`): called in a worker."""
        self.feeling: int | None = None

    def compose(self) -> ComposeResult:
        s = self.session
        plan = s.plan
        steps_done = len({plan.segments[i].step_index for i in s.completed})
        with Vertical(id="summary"):
            yield Label("Routine complete", id="summary-title", markup=False)
            yield Label(plan.routine.title, id="summary-routine", markup=False)
            yield Static(
                f"{held_text(s)}\n"
                f"Steps done: {steps_done} of {plan.step_count}\n"
                f"Segments done: {len(s.completed)} of {len(plan.segments)}"
                + (f" ({len(s.skipped - s.completed)} skipped)" if s.skipped - s.completed else ""),
                id="summary-facts",
                markup=False,
            )
            if not s.held_enough:
                yield Static(NOT_COUNTED, id="not-counted", markup=False)
            streak = Label("", id="streak", markup=False)
            streak.display = False  # until the history says there is one
            yield streak
            yield Static(  # a Static wraps: the question is never cut off
                "How does your back feel now? 0 (worst) to 9 (best), or Enter to skip.",
                id="feeling",
                markup=False,
            )
            hint = "Well done. Enter to finish." if s.held_enough else "Enter to finish."
            yield Label(hint, id="summary-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.streak is not None:
            self.read_streak()

    @work(thread=True, exclusive=True, group="streak", exit_on_error=False)
    def read_streak(self) -> str:
        """Read the streak off the event loop (it waits for the session's row to be written)."""
        assert self.streak is not None
        return self.streak()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The streak is read: show it, back on the event loop (nothing if there is none)."""
        done = event.worker.group == "streak" and event.state is WorkerState.SUCCESS
        if done and event.worker.result:
            self.show_streak(str(event.worker.result))

    def show_streak(self, text: str) -> None:
        """Show the streak under the facts."""
        label = self.query_one("#streak", Label)
        label.update(text)
        label.display = True

    def action_feel(self, score: int) -> None:
        """Note how the back feels (0-9); the app stores it."""
        self.feeling = score
        self.post_message(FeelingGiven(score))
        self.query_one("#feeling", Static).update(f"Noted: your back feels {score} out of 9.")

    def action_done(self) -> None:
        """Leave with exit code 0."""
        self.app.exit(0, return_code=0)
