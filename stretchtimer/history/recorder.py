"""Provides the session recorder: history writes on a worker thread, off the frame path."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from stretchtimer.core.engine import Session, State
from stretchtimer.core.model import Side, Sides
from stretchtimer.core.records import Decision
from stretchtimer.core.steps_done import steps_done
from stretchtimer.core.streaks import streak_text

if TYPE_CHECKING:  # the store (and SQLite) loads only when a history is opened
    from stretchtimer.history.store import History

WAIT = 2.0
"""Longest a reader waits for a history answer (a locked database): then it goes without."""


def history_status(session: Session) -> str:
    """How a session ended, in the history's words: completed (run to its end with at least
    half its hold time held), partial (run to its end, most holds skipped or slept through),
    stopped (for pain), quit or interrupted (the stop reason for anything else)."""
    if session.state is State.FINISHED:
        return "completed" if session.held_enough else "partial"
    if session.state is State.STOPPED:
        return "stopped" if session.stop_reason == "pain" else session.stop_reason
    return "interrupted"


class HistoryRecorder:
    """Records sessions into a History opened and used on one worker thread."""

    def __init__(
        self,
        open_history: Callable[[], History],
        notify: Callable[[str], None],
        wait: float = WAIT,
    ) -> None:
        self.notify = notify
        self.wait = wait
        """Longest a read waits for its answer (a locked database): then it goes without."""
        self.write_ms: list[float] = []
        """The CPU time each write took on the writer thread, in milliseconds (measured in
        thread time, so that other work on the machine does not count)."""
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="history")
        self._history: History | None = None
        self._session_id: int | None = None
        self._failed = False
        self.failure = ""
        """Why the history is not being recorded, once it is not ("" while it is)."""
        self.unread = ""
        """Why the last read of the history failed ("" if none has)."""
        self._begin_args: tuple[str, str, str, int, Side | None] | None = None
        self._closing = threading.Lock()
        self._closed = False
        self._pool.submit(self._open, open_history)

    def _open(self, open_history: Callable[[], History]) -> None:
        try:
            self._history = open_history()
            self._history.close_orphans()
            if self._history.notice:
                self.notify(self._history.notice)
        except Exception as exc:  # history must never stop a session
            self._fail(str(exc))

    def _fail(self, why: str) -> None:
        """Say once that the history is not being recorded, and why (the file and the fault)."""
        if not self._failed:
            self._failed = True
            self.failure = why
            self.notify(f"History is not being recorded: {why}")

    def why_unread(self) -> str:
        """Why a read of the history gave nothing, in words to follow "Your history could not
        be read: " (never "history is off": it is on, and failed, or is slow)."""
        return self.failure or self.unread or (
            "it did not answer in time: another stretchtimer may be using it; try again in a "
            "moment"
        )

    def _submit(self, fn: Callable[[History], Any], reading: bool = False) -> Future[Any]:
        """Run `fn` on the history's thread. A write that fails says once that the history is
        not being recorded; a read that fails says nothing (writes may still work): it is
        kept in `unread`."""

        def run() -> Any:
            if self._history is None:
                return None
            start = time.thread_time()
            try:
                return fn(self._history)
            except Exception as exc:  # a full disk, a lock that outlasted the wait, ...
                if reading:
                    self.unread = f"{self._history.path}: {exc}"
                else:
                    self._fail(f"{self._history.path}: {exc}")
                return None
            finally:
                self.write_ms.append((time.thread_time() - start) * 1000)

        return self._pool.submit(run)

    def begin(self, session: Session) -> None:
        """Write the session's row as it starts."""
        plan = session.plan
        r = plan.routine
        two_sided = any(s.sides is Sides.BOTH for s in r.steps)

        args = (r.name, str(r.path), r.title, len(plan.segments), plan.lead if two_sided else None)
        self._begin_args = args

        def write(h: History) -> None:
            self._session_id = h.begin(*args)

        self._submit(write)

    def end(self, session: Session, stops: Mapping[int, int | None] | None = None) -> None:
        """Close the session's row, with the status its state says, and write its steps
        (`stops`: the segments where "this hurts" was pressed, with the score given)."""
        status = history_status(session)
        seg = session.segment
        pain = status == "stopped"
        done = len(session.completed)
        held = session.held_seconds
        steps = steps_done(session, stops or {})

        def write(h: History) -> None:
            if self._session_id is None and self._begin_args is not None:
                # The start could not be written (the database was locked): write it now.
                self._session_id = h.begin(*self._begin_args)
            if self._session_id is not None:
                h.end(
                    self._session_id,
                    status,
                    done,
                    held,
                    seg.exercise.id if pain else None,
                    seg.side.value if pain and seg.side else None,
                    steps,
                )

        self._submit(write)

    def set_feeling(self, feeling: int | None) -> None:
        """Store how the back feels now."""

        def write(h: History) -> None:
            if self._session_id is not None:
                h.set_feeling(self._session_id, feeling)

        self._submit(write)

    def set_pain(self, when: str, score: int | None, region: str) -> None:
        """Store how much it hurt `before` or `after`, 0 (none) to 10 (worst)."""

        def write(h: History) -> None:
            if self._session_id is not None:
                h.set_pain(self._session_id, when, score, region)

        self._submit(write)

    def record_check(self, region: str, score: int | None) -> None:
        """Note the next-morning check's answer (None: skipped)."""
        self._submit(lambda h: h.record_check(region, score))

    def record_decision(self, decision: Decision) -> None:
        """Note what the user did with a suggestion."""
        self._submit(lambda h: h.record_decision(decision))

    def record_break(self, kind: str, routine: str) -> None:
        """Note a reminder break: due, taken, snoozed or skipped."""
        self._submit(lambda h: h.record_break(kind, routine))

    def streak_text(self) -> str:
        """`3 days in a row`, or `2nd session today` (waits briefly for the pending writes)."""

        def read(h: History) -> str:
            earlier = h.completed_today_before(self._session_id or 0)
            return streak_text(h.streaks()[0], earlier)

        future = self._submit(read, reading=True)
        try:
            return str(future.result(timeout=self.wait) or "")
        except Exception:
            return ""

    def query(self, fn: Callable[[History], Any]) -> Any:
        """Run a read on the history's thread and wait for it (None if unavailable)."""
        try:
            return self._submit(fn, reading=True).result(timeout=self.wait)
        except Exception:
            return None

    def next_lead(self, routine: str) -> Side:
        """The side the next run of `routine` leads with (left when the history cannot say)."""
        lead = self.query(lambda h: h.next_lead(routine))
        return lead if isinstance(lead, Side) else Side.LEFT

    def close(self) -> None:
        """Finish pending writes and close the database (again: nothing more to do)."""

        def close(h: History) -> None:
            h.close()

        with self._closing:
            if self._closed:
                return
            self._closed = True
            self._submit(close)
            self._pool.shutdown(wait=True)
