"""Provides the messages screens post up to the app, which acts on them (attributes down,
messages up): a session's start and its three ways of ending, a routine chosen, a feeling."""

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


class FeelingGiven(Message):
    """How the back feels after a session, 0 (worst) to 9 (best)."""

    def __init__(self, score: int) -> None:
        super().__init__()
        self.score = score
        """The score the user pressed."""


class SpeechQueued(Message):
    """Spoken phrases were queued: the app plays each when it is due."""
