"""Provides plain mode's questions: how much it hurts, asked as a typed line, with the terminal
back in its line mode while it is typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from stretchtimer.core.moments import PainTime
from stretchtimer.present.pain import pain_question, parse_pain
from stretchtimer.runner.keys import KeyReader

Ask = Callable[[str], str]
"""Asks a question on the terminal and returns the typed line (input())."""


def ask_pain(ask: Ask | None, region: str, when: PainTime, out: TextIO) -> int | None:
    """Ask the 0-10 pain question until a score or an empty line (skip); None when there is no
    one to ask (no terminal) or no answer."""
    if ask is None:
        return None
    question = pain_question(region, when) + " (Enter to skip) "
    while True:
        try:
            answer = ask(question)
        except EOFError:
            return None
        if not answer.strip():
            return None
        score = parse_pain(answer)
        if score is not None:
            return score
        print("Type a whole number from 0 to 10, or just Enter to skip.", file=out)


def asking_with(ask: Ask | None, keys: KeyReader) -> Ask | None:
    """`ask`, with the terminal back in its line mode while a line is typed."""
    if ask is None:
        return None

    def asked(question: str) -> str:
        with keys.suspend():
            return ask(question)

    return asked
