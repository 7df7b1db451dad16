"""Provides the coach for every front end: the user's record read once (read-only), the
routines there are, the suggestions and today's proposal made from them, and a suggestion
accepted (written as the user's own routine) or declined (kept in the history)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from stretchtimer.core.coach import suggest
from stretchtimer.core.coach_types import Suggestion
from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Routine
from stretchtimer.core.records import Decision, MorningCheck, SessionRecord
from stretchtimer.core.today import Proposal, propose
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine

if TYPE_CHECKING:  # SQLite loads only where a history is opened
    from stretchtimer.history.reads import HistoryReads


def local_now() -> datetime:
    """Now, aware, in local time (the coach's clock unless one is given)."""
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Record:
    """What the coach reads of the history."""

    sessions: list[SessionRecord] = field(default_factory=list)
    checks: list[MorningCheck] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def coach_view(view: HistoryReads) -> Record:
    """The record the coach needs, from an open history: its recent sessions and checks
    (HistoryReads.lately), every decision."""
    _, sessions, checks = view.lately()
    return Record(sessions, checks, view.decisions())


def read_record(path: Path | None = None) -> Record:
    """The user's record, read-only (no history yet: an empty one, and none is created). A
    fault of the store is a HistoryError naming the file."""
    db = path or paths.history_file()
    if not db.exists():
        return Record()
    from stretchtimer.history.view import read_history

    return read_history(db, coach_view) or Record()


def routines_of(library: Library) -> dict[str, Routine]:
    """Every routine that loads (one with errors is left out: `check` names them)."""
    out: dict[str, Routine] = {}
    for name, entry in library.routines().items():
        try:
            out[name] = load_routine(entry, library)[0]
        except InputError:
            continue
    return out


@dataclass
class Coach:
    """The coach over one library and one record (read when first needed)."""

    library: Library
    read: Callable[[], Record] = read_record
    clock: Callable[[], datetime] | None = None
    """Now (None: local_now, looked up when asked)."""
    _record: Record | None = None
    _routines: dict[str, Routine] | None = None

    def now(self) -> datetime:
        return (self.clock or local_now)()

    @property
    def record(self) -> Record:
        if self._record is None:
            self._record = self.read()
        return self._record

    @property
    def routines(self) -> dict[str, Routine]:
        if self._routines is None:
            self._routines = routines_of(self.library)
        return self._routines

    def suggestions(self) -> list[Suggestion]:
        """What the coach suggests now, most urgent first."""
        r = self.record
        return suggest(r.sessions, r.checks, r.decisions, self.routines, self.now().date())

    def for_routine(self, name: str) -> list[Suggestion]:
        """The suggestions about one routine, and those about everything (a flare, a
        clinician, a gap)."""
        return [s for s in self.suggestions() if s.routine in (name, "")]

    def today(self, minutes: float | None = None) -> Proposal | None:
        """One routine for now, and why (None: there are no routines at all)."""
        if not self.routines:
            return None
        r = self.record
        return propose(self.routines, r.sessions, r.checks, r.decisions, self.now(), minutes)

    def accept(self, suggestion: Suggestion, recorder: HistoryRecorder | None) -> Path | None:
        """Accept it: its change written as the user's own routine (the path; None for
        advice), and the decision recorded."""
        from stretchtimer.library.coached import write_coached

        written: Path | None = None
        routine = self.routines.get(suggestion.routine)
        if suggestion.change is not None and routine is not None:
            written = write_coached(routine, suggestion, self.library, self.now().date())
        made = written.stem if written is not None else ""
        self._decide(suggestion, "accepted", made, recorder)
        return written

    def decline(self, suggestion: Suggestion, recorder: HistoryRecorder | None) -> None:
        """Decline it: not offered again for 7 days."""
        self._decide(suggestion, "declined", "", recorder)

    def _decide(
        self, suggestion: Suggestion, choice: str, made: str, recorder: HistoryRecorder | None
    ) -> None:
        decision = Decision(
            self.now(), suggestion.key, choice, suggestion.routine, suggestion.rule, made
        )
        if recorder is not None:
            recorder.record_decision(decision)
        if self._record is not None:  # what this run knows now
            self._record.decisions.append(decision)


def record_via(recorder: HistoryRecorder) -> Callable[[], Record]:
    """The record read on the recorder's own thread, after the writes before it (the session
    just ended, its pain score)."""

    def read() -> Record:
        found = recorder.query(coach_view)
        return found if isinstance(found, Record) else Record()

    return read


class SessionCoach:
    """The coach at the end of one session: its routine's suggestions, read afresh each time
    (call from a worker), and the one shown accepted or declined."""

    def __init__(self, library: Library, recorder: HistoryRecorder, routine: str) -> None:
        self.library = library
        self.recorder = recorder
        self.routine = routine
        self._coach: Coach | None = None

    def suggestions(self) -> list[Suggestion]:
        """What the coach says now about this routine (and about everything)."""
        self._coach = None  # read afresh: the session and its score are written by now
        return self._current().for_routine(self.routine)

    def accept(self, suggestion: Suggestion) -> Path | None:
        """Accept it (its file written, the decision recorded); InputError if not written."""
        return self._current().accept(suggestion, self.recorder)

    def decline(self, suggestion: Suggestion) -> None:
        """Decline it: kept back 7 days."""
        self._current().decline(suggestion, self.recorder)

    def _current(self) -> Coach:
        """The coach of the latest reading (one is made when there is none yet)."""
        if self._coach is None:
            self._coach = Coach(self.library, read=record_via(self.recorder))
        return self._coach
