"""Provides the end-of-routine summary screen: what was done, the streak, and how much it hurts
now (0 none to 10 worst), compared with before when that was asked."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtimer.core.engine import Session
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.moments import PainTime
from stretchtimer.present.pain import pain_change, routine_region
from stretchtimer.present.session import NOT_COUNTED, done_text
from stretchtimer.ui.messages import PainGiven, SessionDone, StreakRead
from stretchtimer.ui.widgets.pain_score import PAIN_BINDINGS, PainScore


class SummaryScreen(Screen[None]):
    """Routine complete: what was done, and how much it hurts now."""

    BINDINGS = [
        Binding("enter", "enter", "Done"),
        Binding("q", "done", "Quit"),
        Binding("h", "app.progress", "Progress"),
        *PAIN_BINDINGS,
    ]

    def __init__(
        self,
        session: Session,
        streak: Callable[[], str] | None = None,
        pain_before: int | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.streak = streak
        """Reads the streak from the history (`3 days in a row`): called in a worker."""
        self.pain_before = pain_before
        """How much it hurt before the session (0-10), if asked and answered."""
        self.pain: int | None = None
        """How much it hurts now (0-10), once answered."""
        self.pain_region = routine_region(session.plan.routine)

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="summary"):
            yield Label("Routine complete", id="summary-title", markup=False)
            yield Label(s.plan.routine.title, id="summary-routine", markup=False)
            yield Static(done_text(s), id="summary-facts", markup=False)
            if not s.held_enough:
                yield Static(NOT_COUNTED, id="not-counted", markup=False)
            streak = Label("", id="streak", markup=False)
            streak.display = False  # until the history says there is one
            yield streak
            yield PainScore(self.pain_region, PainTime.AFTER, id="pain-now")
            hint = "Well done. Enter to finish." if s.held_enough else "Enter to finish."
            yield Label(hint, id="summary-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.streak is not None:
            self.read_streak()

    @work(thread=True, exclusive=True, group="streak", exit_on_error=False)
    def read_streak(self) -> None:
        """Read the streak off the event loop (it waits for the session's row to be written)
        and post it back."""
        assert self.streak is not None
        text = self.streak()
        if text:
            self.post_message(StreakRead(text))

    @on(StreakRead)
    def show_streak(self, message: StreakRead) -> None:
        """Show the streak under the facts."""
        label = self.query_one("#streak", Label)
        label.update(message.text)
        label.display = True

    def action_pain(self, digit: int) -> None:
        """A number key: the score now, or the 1 that may begin a 10."""
        score = self.query_one(PainScore).digit(digit)
        if score is not None:
            self.record(score)

    def record(self, score: int) -> None:
        """Note how much it hurts now; the app stores it."""
        self.pain = score
        self.post_message(PainGiven(PainTime.AFTER, score))
        change = pain_change(self.pain_before, score)
        self.query_one(PainScore).update(
            f"Noted: {score} of 10. {change if self.pain_before is not None else ''}".rstrip()
        )

    def action_enter(self) -> None:
        """Enter: a waiting 1 is the answer; otherwise leave."""
        score = self.query_one(PainScore).enter()
        if score is not None:
            self.record(score)
        else:
            self.action_done()

    def action_done(self) -> None:
        """Done: exit code 0 (or, while reminding, back to waiting)."""
        self.post_message(SessionDone(ExitCode.OK))
