"""Provides the messages screens post up to the app, which acts on them (attributes down,
messages up): a session's start and its three ways of ending, a routine chosen, a pain score,
ready to start, a break due or chosen, and what the workers found. Each is a dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from stretchtimer.core.coach_types import Suggestion
from stretchtimer.core.engine import Session
from stretchtimer.core.model import Plan
from stretchtimer.core.moments import BreakChoice, PainTime


@dataclass
class SessionBegan(Message):
    """A session's clock started."""

    session: Session


@dataclass
class SessionFinished(Message):
    """A session ran to its end."""

    session: Session


@dataclass
class SessionHurts(Message):
    """The user pressed "this hurts": the session is paused for the pain screen."""

    session: Session


@dataclass
class HurtScored(Message):
    """How much it hurts, given at a "this hurts" stop (0-10)."""

    score: int


@dataclass
class HurtChoice(Message):
    """What the user chose after "this hurts": `easier`, `skip` or `end`."""

    way: str


@dataclass
class SessionQuit(Message):
    """The user quit a session before its end, after saying yes (reason `quit`)."""

    session: Session


@dataclass
class RoutineChosen(Message):
    """A routine was picked to run."""

    plan: Plan
    """Its plan, lead side chosen."""


@dataclass
class PainGiven(Message):
    """How much it hurts, 0 (none) to 10 (worst), before or after a session."""

    when: PainTime
    score: int


@dataclass
class ReadyToStart(Message):
    """What comes before a session (the urgent signs, the pain question) is done: start it."""

    pain_before: int | None
    """How much it hurt before, if asked and answered."""
    morning_asked: bool = False
    """The next-morning check was asked (answered or skipped: not asked again)."""
    morning: int | None = None
    """Its answer, if given."""


@dataclass
class FarViewChosen(Message):
    """`f` set the far view on or off: kept for the next session."""

    on: bool


@dataclass
class SpeechQueued(Message):
    """Spoken phrases were queued: the app plays each when it is due."""


@dataclass
class SessionDone(Message):
    """A screen is done with the session (the summary's Enter, the pain screen's close): the
    app exits with `code`, or, while reminding, goes back to waiting."""

    code: int


@dataclass
class BreakDue(Message):
    """The reminder's break has come due."""


@dataclass
class BreakChosen(Message):
    """The user chose what to do with a break."""

    choice: BreakChoice


@dataclass
class BreakPlanned(Message):
    """The break's routine is read and planned (in a worker): run it."""

    plan: Plan


@dataclass
class BreakFailed(Message):
    """The break's routine could not be read: say why."""

    why: str


@dataclass
class RegionPicked(Message):
    """`r`: the pain questions of this routine are about another region it works (kept)."""

    region: str


@dataclass
class CoachSaid(Message):
    """The coach's suggestions for the routine just done, read in a worker."""

    suggestions: list[Suggestion]
    asked: int = 0
    """Which asking this answers (a later one supersedes it)."""


@dataclass
class CoachDecided(Message):
    """A suggestion was accepted or declined (in a worker): what to say of it."""

    text: str


@dataclass
class StreakRead(Message):
    """The streak, read from the history in a worker (`3 days in a row`)."""

    text: str
