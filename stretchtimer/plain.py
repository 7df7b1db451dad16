"""Provides plain mode: the same session as one line per event, for logs and screen readers."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable
from typing import TextIO

from stretchtimer.core.engine import Clock, Session, State
from stretchtimer.core.events import (
    Breath,
    Countdown,
    Event,
    Finished,
    Halfway,
    SegmentStarted,
    Stopped,
)
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan, SegmentKind
from stretchtimer.core.plan import movement, side_meaning, starting_position
from stretchtimer.core.text import human_seconds, join_seconds, one_line
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.present.pain import pain_change, pain_question, parse_pain, routine_region
from stretchtimer.present.session import NOT_COUNTED, breath_text, describe, held_text
from stretchtimer.present.streams import is_terminal, quiet
from stretchtimer.present.urgent import urgent_text
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Player, default_player


def event_lines(event: Event, session: Session) -> list[str]:
    """The lines one event prints."""
    plan = session.plan
    seg = plan.segments[event.index]
    late = " (caught up after a pause in the clock)" if event.late else ""
    if isinstance(event, SegmentStarted):
        if seg.kind is SegmentKind.PREPARE:
            name = seg.exercise.title + (f" / {seg.variant.name}" if seg.variant.name else "")
            start = "; ".join(starting_position(seg.exercise, seg.variant))
            lines = [f"Step {seg.step_index + 1}/{plan.step_count}: {name}{late}"]
            lines.append(f"Get ready, {human_seconds(seg.seconds)}: {start}".rstrip(": "))
            return lines
        if seg.kind in (SegmentKind.HOLD, SegmentKind.FLOW):
            lines = [f"{describe(seg)}{late}: " + "; ".join(movement(seg.variant))]
            if seg.exercise.red_flags:
                lines.append("Stop if: " + "; ".join(seg.exercise.red_flags))
            return lines
        if seg.kind is SegmentKind.SWITCH:
            to = side_meaning(seg.variant, seg.side) if seg.side else "the other side"
            return [f"Switch sides: {to}, {human_seconds(seg.seconds)}{late}"]
        return [f"Rest, {human_seconds(seg.seconds)}{late}"]
    if isinstance(event, Breath) and seg.kind is SegmentKind.FLOW and seg.pace is not None:
        label = seg.pace.in_label if event.phase == "in" else seg.pace.out_label
        return [f"{breath_text(event.phase, label)} ({event.n}/{seg.seconds // seg.pace.cycle})"]
    if isinstance(event, Countdown) and seg.kind is SegmentKind.HOLD:
        return [str(event.n)]
    if isinstance(event, Halfway) and seg.kind is SegmentKind.HOLD:
        return ["Halfway"]
    if isinstance(event, Finished):
        lines = [f"Routine complete: {plan.routine.title}. {held_text(session)}.{late}"]
        return lines if session.held_enough else [*lines, NOT_COUNTED]
    if isinstance(event, Stopped):
        return [f"Session stopped ({event.reason})."]
    return []


class Signalled(Exception):
    """SIGTERM or SIGHUP arrived."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


BELL_GAP = 0.25
"""Seconds between the bells of a pattern."""


def run_session(
    plan: Plan,
    chimes: Chimes,
    out: TextIO,
    clock: Clock = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    recorder: HistoryRecorder | None = None,
) -> Session:
    """Run `plan` to its end, printing a line per event; Ctrl+C stops it cleanly. If the
    output is closed (`| head -2`) the session is closed as interrupted and BrokenPipeError
    goes on up."""
    session = Session(plan, clock)
    r = plan.routine
    if recorder:
        recorder.begin(session)
    session.start()
    try:
        steps = f"{len(r.steps)} step{'s' * (len(r.steps) != 1)}"
        print(f"{r.title}: {steps}, {join_seconds(plan.total_seconds)}", file=out)
        while True:
            events = session.tick()
            chimes.on_events(events, plan)
            for event in events:
                for line in event_lines(event, session):
                    print(line, file=out, flush=True)
            if session.state is State.FINISHED:
                if recorder:
                    recorder.end(session)
                return session
            sleep(session.next_change_in())
    except BrokenPipeError:
        session.stop("interrupted")
        if recorder:
            recorder.end(session)
        raise
    except (KeyboardInterrupt, Signalled) as exc:
        session.stop("quit" if isinstance(exc, KeyboardInterrupt) else "interrupted")
        if recorder:
            recorder.end(session)
        for event in session.tick():
            for line in event_lines(event, session):
                print(line, file=out, flush=True)
        return session


Ask = Callable[[str], str]
"""Asks a question on the terminal and returns the typed line (input())."""


def ask_pain(ask: Ask | None, region: str, when: str, out: TextIO) -> int | None:
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


def run_plain(
    plan: Plan,
    mute: bool = False,
    recorder: HistoryRecorder | None = None,
    player: Player | None = None,
    clock: Clock = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    urgent: bool = False,
    ask_before: bool = False,
    ask: Ask | None = None,
) -> int:
    """The `--plain` command: exit 0 when complete, 130 after Ctrl+C, 128+N after signal N.
    `urgent`: print the urgent signs first (a very first session; nothing waits for a key);
    `ask_before`: ask how much it hurts before, as well as after; `ask`: how to ask (None where
    no one can answer: then nothing is asked)."""
    out = sys.stdout
    region = routine_region(plan.routine)
    if urgent:
        regions = [s.exercise.region for s in plan.routine.steps]
        print(urgent_text(regions), file=out, flush=True)
        print("", file=out)
    pain_before = ask_pain(ask, region, "before", out) if ask_before else None

    def bell(count: int) -> None:
        """The bell `count` times, a quarter second apart (only on a terminal: in a log file
        or a pipe it is noise)."""
        if not is_terminal(out):
            return
        for n in range(count):
            if n:
                sleep(BELL_GAP)
            out.write("\a")
            out.flush()

    def notice(message: str) -> None:
        print(one_line(message), file=sys.stderr)

    chimes = Chimes(player or default_player(), bell, notice, muted=mute)
    received: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        received.append(signum)
        raise Signalled(signum)

    before = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        session = run_session(plan, chimes, out, clock, sleep, recorder)
    except BrokenPipeError:
        quiet(out)
        return ExitCode.BROKEN_PIPE
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    if session.state is State.FINISHED:
        if recorder and pain_before is not None:
            recorder.set_pain("before", pain_before, region)
        after = ask_pain(ask, region, "after", out)
        if after is not None:
            print(pain_change(pain_before, after), file=out)
            if recorder:
                recorder.set_pain("after", after, region)
        return ExitCode.OK
    return 128 + received[0] if received else ExitCode.INTERRUPTED
