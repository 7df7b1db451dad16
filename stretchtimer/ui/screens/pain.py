"""Provides the "this hurts" screen: the exercise's red flags, the signs that need a doctor
now, how much it hurts (0-10), and then, when that allows, going on with the easier variant or
the next exercise instead of ending."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtimer.core.model import Segment, Variant
from stretchtimer.core.moments import PainTime
from stretchtimer.present.pain import where_text
from stretchtimer.present.session import PAIN_ADVICE, easier_ways
from stretchtimer.present.urgent import urgent_text
from stretchtimer.runner.session import may_go_on
from stretchtimer.ui.messages import HurtChoice, HurtScored
from stretchtimer.ui.widgets.pain_score import PAIN_BINDINGS, PainScore

END_ONLY = "Enter: end the session here."
FLAGGED = "Then end here, and look at what to do below. Enter: end the session."


def choices_text(score: int | None, easier: Variant | None, flagged: bool) -> str:
    """What can be done now, in words (the footer names the same keys)."""
    if flagged:
        return FLAGGED
    if not may_go_on(score, flagged):
        return f"Noted: {score} of 10. {END_ONLY}" if score is not None else END_ONLY
    ways = [f"e: go on with the easier way, {easier.name}"] if easier is not None else []
    ways += ["s: skip this exercise and go on", "y: I noticed one of the signs above",
             "Enter: end the session"]
    return f"Noted: {score} of 10. " + " · ".join(ways)


HINT = "Press a number (1 then 0 for 10)."
"""The keys of the score here (Enter does not skip it: Enter ends the session)."""


class PainScreen(Screen[None]):
    """Paused because it hurts: the red flags, the urgent signs and a pain score; then end, or
    (at 5 or less, no sign noticed) go on another way."""

    BINDINGS = [
        Binding("enter", "enter", "End session"),
        Binding("e", "easier", "Easier way"),
        Binding("s", "skip", "Skip exercise"),
        Binding("y", "flagged", "I noticed a sign"),
        Binding("q", "end", "End", show=False),
        *PAIN_BINDINGS,
    ]

    def __init__(self, segment: Segment, easier: Variant | None) -> None:
        super().__init__()
        self.segment = segment
        self.easier = easier
        """The easier variant the article names for this one (None: there is none)."""
        self.score: int | None = None
        self.flagged = False
        """The user said they noticed a red flag or an urgent sign: only ending is offered."""

    def compose(self) -> ComposeResult:
        seg = self.segment
        flags = "\n".join(f"- {f}" for f in seg.exercise.red_flags) or "- Any pain that is sharp"
        easier = easier_ways(seg)
        with VerticalScroll(id="pain"):
            yield Label("Paused: this hurts", id="pain-title", markup=False)
            yield Static(f"During {where_text(seg)}", id="pain-where", markup=False)
            yield Label("Stop this exercise if you notice:", classes="pain-heading", markup=False)
            yield Static(flags, id="pain-flags", markup=False)
            yield PainScore(seg.exercise.region, PainTime.AFTER, id="pain-score", hint=HINT)
            yield Static(END_ONLY, id="pain-choices", markup=False)
            yield Static(urgent_text([seg.exercise.region]), id="pain-urgent", markup=False)
            yield Label("What to do", classes="pain-heading", markup=False)
            yield Static(PAIN_ADVICE, id="pain-advice", markup=False)
            if easier:
                yield Label("Next time, to make it easier", classes="pain-heading", markup=False)
                yield Static("\n".join(f"- {e}" for e in easier), id="pain-easier", markup=False)
        yield Footer()

    @property
    def going_on(self) -> bool:
        """Whether going on is offered now."""
        return may_go_on(self.score, self.flagged)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """e and s only once the score allows going on; y once there is something to say."""
        if action == "easier":
            return self.going_on and self.easier is not None
        if action == "skip":
            return self.going_on
        if action == "flagged":
            return self.going_on
        return True

    def _show_choices(self) -> None:
        text = choices_text(self.score, self.easier, self.flagged)
        self.query_one("#pain-choices", Static).update(text)
        self.refresh_bindings()

    def action_pain(self, digit: int) -> None:
        """A number key: the score, or the 1 that may begin a 10 (a second answer replaces
        the first)."""
        score = self.query_one(PainScore).digit(digit)
        if score is not None:
            self._scored(score)

    def _scored(self, score: int) -> None:
        self.score = score
        self.post_message(HurtScored(score))
        question = self.query_one(PainScore)
        question.update(question.question)  # (the score itself is said just below)
        self._show_choices()

    def action_enter(self) -> None:
        """Enter: a waiting 1 is the answer; otherwise the session ends here."""
        score = self.query_one(PainScore).enter()
        if score is not None:
            self._scored(score)
        else:
            self.action_end()

    def action_flagged(self) -> None:
        """A red flag or an urgent sign was noticed: only ending is offered."""
        self.flagged = True
        self._show_choices()

    def action_easier(self) -> None:
        """Go on with the easier variant, from here."""
        if self.going_on and self.easier is not None:
            self.post_message(HurtChoice("easier"))

    def action_skip(self) -> None:
        """Go on with the next exercise."""
        if self.going_on:
            self.post_message(HurtChoice("skip"))

    def action_end(self) -> None:
        """End the session here, stopped for pain (exit code 1, or back to waiting)."""
        self.post_message(HurtChoice("end"))
