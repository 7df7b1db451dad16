"""Provides the messages screens post up to the app, which acts on them (attributes down,
messages up): a session's start and its three ways of ending, a routine chosen, a pain score,
ready to start."""

from __future__ import annotations

from textual.message import Message

from stretchtimer.core.engine import Session
from stretchtimer.core.model import Plan


class _AboutASession(Message):
    """Something that happened to a session (each kind below is its own message)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """The session, in the state the message names."""


class SessionBegan(_AboutASession):
    """A session's clock started."""


class SessionFinished(_AboutASession):
    """A session ran to its end."""


class SessionStoppedForPain(_AboutASession):
    """The user stopped a session because it hurts (reason `pain`)."""


class SessionQuit(_AboutASession):
    """The user quit a session before its end, after saying yes (reason `quit`)."""


class RoutineChosen(Message):
    """A routine was picked to run."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        """Its plan, lead side chosen."""


class PainGiven(Message):
    """How much it hurts, 0 (none) to 10 (worst), before or after a session."""

    def __init__(self, when: str, score: int, region: str) -> None:
        super().__init__()
        self.when = when
        """`before` or `after`."""
        self.score = score
        """The score the user gave."""
        self.region = region
        """The body region asked about."""


class ReadyToStart(Message):
    """What comes before a session (the urgent signs, the pain question) is done: start it."""

    def __init__(self, plan: Plan, pain_before: int | None, region: str) -> None:
        super().__init__()
        self.plan = plan
        """The plan to run."""
        self.pain_before = pain_before
        """How much it hurt before, if asked and answered."""
        self.region = region
        """The body region asked about."""


class SpeechQueued(Message):
    """Spoken phrases were queued: the app plays each when it is due."""


class SessionDone(Message):
    """A screen is done with the session (the summary's Enter, the pain screen's close): the
    app exits with `code`, or, while reminding, goes back to waiting."""

    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code
        """The exit code leaving would have."""


class BreakDue(Message):
    """The reminder's break has come due."""


class BreakChosen(Message):
    """The user chose what to do with a break: `start`, `snooze` or `skip`."""

    def __init__(self, choice: str) -> None:
        super().__init__()
        self.choice = choice
        """start, snooze or skip."""
