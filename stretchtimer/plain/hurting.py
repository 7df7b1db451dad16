"""Provides plain mode's "this hurts": the red flags and urgent signs, how much it hurts (a
typed line), then a key to go on another way or end, through the runner as the screen does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from stretchtimer.core.events import Event
from stretchtimer.plain.asking import Ask
from stretchtimer.present.pain import going_on_choices, hurt_question, hurt_text, parse_pain
from stretchtimer.present.pain import stopped_text as stopped_text
from stretchtimer.runner.keys import KeyReader
from stretchtimer.runner.session import SessionRunner, may_go_on

WAYS = {"e": "easier", "s": "skip"}
ANSWER_WAIT = 300.0
"""Seconds a choice waits for its key (then the session ends, as Enter would)."""


def ask_hurt_score(ask: Ask | None, region: str, out: TextIO) -> int | None:
    """The score at the stop, typed (None: skipped, or no one to ask)."""
    if ask is None:
        return None
    while True:
        try:
            answer = ask(hurt_question(region) + " (Enter to skip) ")
        except EOFError:
            return None
        if not answer.strip():
            return None
        score = parse_pain(answer)
        if score is not None:
            return score
        print("Type a whole number from 0 to 10, or just Enter to skip.", file=out)


ENDS = frozenset({"\n", "q", "y", "eof", "escape"})
"""The keys that end the session there (y: a sign was noticed); others are not an answer."""
MOST_STRAY = 50


def _choice(keys: KeyReader, has_easier: bool) -> str:
    """easier, skip or end, by key: a stray key is no answer (no key in ANSWER_WAIT: end)."""
    for _ in range(MOST_STRAY):
        key = keys.read(ANSWER_WAIT)
        if key is None or key in ENDS:
            return "end"
        way = WAYS.get(key)
        if way is not None and (way != "easier" or has_easier):
            return way
    return "end"


def hurt(
    runner: SessionRunner,
    ask: Ask | None,
    keys: KeyReader,
    say: Callable[[str], None],
    out: TextIO,
) -> list[Event]:
    """The whole of "this hurts" in plain mode; the events of what follows (the stop, or the
    session going on)."""
    if not runner.hurt():
        return []
    segment = runner.session.segment
    say(hurt_text(segment))
    score = ask_hurt_score(ask, segment.exercise.region, out)
    runner.hurt_score(score)
    way = "end"
    if may_go_on(score, False) and keys.active:
        easier = runner.easier
        say(f"Noted: {score} of 10. " + going_on_choices(easier.name if easier else None))
        way = _choice(keys, easier is not None)
    if way == "end":
        say(stopped_text(segment))
    else:
        say("Going on with the easier way." if way == "easier" else "Skipping this exercise.")
    return runner.go_on(way)
