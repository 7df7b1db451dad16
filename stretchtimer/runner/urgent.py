"""Provides the urgent-signs gate: shown once, before the user's very first session, whichever
front end runs it."""

from __future__ import annotations

from collections.abc import Callable


class UrgentSigns:
    """Whether the urgent signs must come before the next session, and remembering that they
    were shown."""

    def __init__(self, seen: Callable[[], bool], mark: Callable[[], None]) -> None:
        self._seen = seen
        self._mark = mark
        self._due: bool | None = None

    @property
    def due(self) -> bool:
        """Whether they must be shown before the next session (read from disk once)."""
        if self._due is None:
            self._due = not self._seen()
        return self._due

    def shown(self) -> bool:
        """They were shown now: not again in this run. Returns whether the disk must be told
        (call `remember`, off the event loop in the full-screen UI)."""
        was_due = self.due
        self._due = False
        return was_due

    def remember(self) -> None:
        """Write down that they were shown (a state folder that cannot be written only means
        they are shown again next time)."""
        self._mark()


def never() -> UrgentSigns:
    """A gate that never shows them (tests, or a caller that already did)."""
    return UrgentSigns(lambda: True, lambda: None)
