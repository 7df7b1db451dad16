"""Provides what comes before a session when it needs to: the urgent signs before the user's
very first session, the next-morning check the day after a session, and the pain question when
the user asked for it (`--ask-pain`): one question, when both would be asked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtimer.core.model import Plan
from stretchtimer.core.moments import PainTime
from stretchtimer.present.pain import routine_region
from stretchtimer.present.urgent import urgent_text
from stretchtimer.ui.messages import ReadyToStart
from stretchtimer.ui.widgets.pain_score import PAIN_BINDINGS, PainScore


class BeforeScreen(Screen[None]):
    """Read this first (and, if asked, how much it hurts); Enter starts the session."""

    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("q", "app.quit", "Quit"),
        *PAIN_BINDINGS,
    ]

    def __init__(
        self,
        plan: Plan,
        urgent: bool,
        ask_pain: bool,
        morning: str | None = None,
        region: str | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.urgent = urgent
        """Show the urgent signs (before the user's very first session)."""
        self.pain_region = region
        """The region the pain question is about (the one picked for the routine), or None:
        the one it works most."""
        self.morning = morning
        """The region the next-morning check asks about, or None when it is not due."""
        self.ask_pain = ask_pain or morning is not None
        """A pain question is asked (the morning's stands for the one before, too)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="before"):
            yield Label(f"Before you start: {self.plan.routine.title}", id="before-title")
            if self.urgent:
                regions = [s.exercise.region for s in self.plan.routine.steps]
                yield Static(urgent_text(regions), id="urgent", markup=False)
                yield Static(
                    "Stretching should feel mild. Stop at once (x) if anything hurts more.",
                    id="urgent-note",
                    markup=False,
                )
            if self.morning is not None:
                yield PainScore(self.morning, PainTime.MORNING, id="pain-before")
            elif self.ask_pain:
                region = self.pain_region or routine_region(self.plan.routine)
                yield PainScore(region, PainTime.BEFORE, id="pain-before")
            yield Label("Press Enter to start.", id="before-hint", markup=False)
        yield Footer()

    @property
    def pain(self) -> int | None:
        """The pain before, once given."""
        found = self.query(PainScore)
        return found.first().score if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Number keys only when the pain question is asked."""
        return self.ask_pain if action == "pain" else True

    def action_pain(self, digit: int) -> None:
        """A number key: the score, or the 1 that may begin a 10."""
        question = self.query_one(PainScore)
        score = question.digit(digit)
        if score is not None:
            moment = "this morning" if self.morning is not None else "before you start"
            question.update(f"Noted: {score} of 10 {moment}.")

    def action_start(self) -> None:
        """Enter: a waiting 1 is the answer; then start."""
        for question in self.query(PainScore):
            question.enter()
        morning = self.morning is not None
        self.post_message(ReadyToStart(self.pain, morning, self.pain if morning else None))
