"""Provides the pain-score question, one widget for the before and summary screens: the question,
the digit keys (1 then 0 for 10), and what was noted."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from stretchtimer.core.moments import PainTime
from stretchtimer.present.pain import KEYS_HINT, ONE_WAITING, PainKeys, pain_question

PAIN_BINDINGS = [Binding(str(n), f"pain({n})", str(n), show=False) for n in range(10)]
"""The digit keys, for the screen that shows the question (they call its `action_pain`)."""


class PainScore(Static):
    """How much it hurts, 0 (none) to 10 (worst), typed a key at a time (it wraps: the question
    is never cut off)."""

    def __init__(
        self, region: str, when: PainTime, id: str | None = None, hint: str = KEYS_HINT
    ) -> None:
        super().__init__(f"{pain_question(region, when)} {hint}", id=id, markup=False)
        self.question = pain_question(region, when)
        """The question alone (what stays once it is answered)."""
        self.hint = hint
        self.when = when
        self.keys = PainKeys()
        self.score: int | None = None
        """The answer, once given."""

    def ask_about(self, region: str) -> None:
        """Ask about another region (a routine that works two: `r`)."""
        self.question = pain_question(region, self.when)
        self.update(f"{self.question} {self.hint}")

    def digit(self, d: int) -> int | None:
        """A number key: the score it gives (shown by the screen), or None while a 1 waits."""
        score = self.keys.digit(d)
        if score is None:
            self.update(ONE_WAITING)
        else:
            self.score = score
        return score

    def enter(self) -> int | None:
        """Enter: a waiting 1 is the answer (None if nothing waited)."""
        score = self.keys.enter()
        if score is not None:
            self.score = score
        return score
