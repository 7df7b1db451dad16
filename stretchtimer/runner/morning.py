"""Provides the next-morning check for every front end: whether it is due (read from the
history once, read-only), and its answer recorded as a check of its own, once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from stretchtimer.core.morning import morning_region
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library import paths


class MorningGate:
    """The next-morning check: due once a day after a session, then not again this run."""

    def __init__(self, find: Callable[[], str | None]) -> None:
        self._find = find
        self._region: str | None = None
        self._looked = False

    @property
    def region(self) -> str | None:
        """The region to ask about now, or None (looked up once; a worker's first call)."""
        if not self._looked:
            self._looked = True
            try:
                self._region = self._find()
            except Exception:  # an unreadable history only costs the question
                self._region = None
        return self._region

    def answer(self, score: int | None, recorder: HistoryRecorder | None) -> None:
        """The check's answer (None: skipped): recorded, and not asked again."""
        region = self.region
        self._region = None
        if region is not None and recorder is not None:
            recorder.record_check(region, score)


def no_check() -> MorningGate:
    """A gate that never asks (tests; the setting off; no history)."""
    gate = MorningGate(lambda: None)
    gate.region  # noqa: B018 (looked: nothing)
    return gate


def from_history(
    region_of: Callable[[str], str | None], now: Callable[[], datetime] = datetime.now
) -> MorningGate:
    """The gate over the user's history (only read, and only if it exists)."""

    def find() -> str | None:
        db = paths.history_file()
        if not db.exists():
            return None
        from stretchtimer.history.view import HistoryView, read_history

        today = now().astimezone().date()

        def look(view: HistoryView) -> str | None:
            recent = view.records(since=today - timedelta(days=1))
            return morning_region(recent, view.checks(), today, region_of)

        return read_history(db, look)

    return MorningGate(find)
