"""Provides the app's sounds and notices: the bell pattern (and a flash) where no player plays,
the spoken phrases each at its moment, and notices from the history's thread."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App
from textual.notifications import SeverityLevel
from textual.timer import Timer

from stretchtimer.core.engine import Clock
from stretchtimer.core.text import one_line
from stretchtimer.runner.session import SessionRunner
from stretchtimer.ui.messages import SpeechQueued
from stretchtimer.ui.widgets.notice_line import NoticeLine

BELL_GAP = 0.25
"""Seconds between the bells of a pattern (rung at once, terminals make them one)."""
FLASH = 0.3
"""Seconds the screen stays flashed for a bell."""


class Sounding(App[int]):
    """The bell, the voice's timing and thread-safe notices, for the app."""

    clock: Clock
    runner: SessionRunner | None
    _voice_timer: Timer | None = None
    _early_notices: list[str]

    def _notice_from_thread(self, message: str) -> None:
        """A notice from the history thread: shown as a toast (held until the app runs)."""
        try:
            self.call_from_thread(
                lambda: self.notify(one_line(message), severity="warning", timeout=8, markup=False)
            )
        except RuntimeError:
            self._early_notices.append(one_line(message))

    def ring(self, count: int) -> None:
        """No player: ring the terminal bell `count` times, a quarter second apart (a pattern
        per change), and flash the screen, for those who cannot hear it."""
        self.bell()
        for n in range(1, count):
            self.set_timer(BELL_GAP * n, self.bell)
        self.screen.add_class("-flash")
        self.set_timer(FLASH, lambda: self.screen.remove_class("-flash"))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notice on the notice line of the uppermost screen that has one (under a dialog,
        the session's): a line of its own, covering nothing; a toast only where no screen
        has the line."""
        for screen in reversed(self.screen_stack):
            lines = screen.query(NoticeLine)
            if lines:
                text = Text.from_markup(message).plain if markup else message
                lines.first().say(one_line(text), timeout or 4.0, severity)
                return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _sound_notice(self, message: str) -> None:
        self.notify(one_line(message), severity="warning", timeout=6, markup=False)

    @on(SpeechQueued)
    def arm_voice(self) -> None:
        """Wake when the next queued phrase is due (the app outlives the session screen, so
        'Routine complete' is said over the summary)."""
        due = self.runner.next_phrase() if self.runner is not None else None
        if self._voice_timer is not None:
            self._voice_timer.stop()
            self._voice_timer = None
        if due is not None:
            # at least a millisecond: a Textual timer of zero divides by its interval
            # (Textualize/textual#6370, still so in 8.2.8)
            self._voice_timer = self.set_timer(max(0.001, due - self.clock()), self.speak_due)

    def speak_due(self) -> None:
        """Play the phrases due now and wait for the next."""
        if self.runner is not None:
            self.runner.speak_due()
        self.arm_voice()
