"""Provides the notice line: a line of its own for passing notices (chimes muted, no sound
player, history not recorded), shown for a few seconds, so a notice covers nothing."""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Label


class NoticeLine(Label):
    """One line, hidden while there is nothing to say."""

    def __init__(self, *, id: str | None = "notice") -> None:
        super().__init__("", id=id, markup=False)
        self.display = False
        self.said: list[str] = []
        """Every notice shown, in order."""
        self._timer: Timer | None = None

    def say(self, text: str, seconds: float = 4.0, severity: str = "information") -> None:
        """Show `text` for `seconds` (a newer notice replaces it at once)."""
        self.said.append(text)
        if self._timer is not None:
            self._timer.stop()
        self.set_class(severity in ("warning", "error"), "-warning")
        self.update(text)
        self.display = True
        self._timer = self.set_timer(seconds, self._clear)

    def _clear(self) -> None:
        self._timer = None
        self.display = False
        self.update("")
