"""Provides plain mode, a front end: the same session as one line per event, for logs and
screen readers, driven by the session's keys on a terminal."""

from stretchtimer.plain.asking import ask_pain
from stretchtimer.plain.lines import event_lines
from stretchtimer.plain.session import Signalled, run_plain, run_session

__all__ = ["Signalled", "ask_pain", "event_lines", "run_plain", "run_session"]
