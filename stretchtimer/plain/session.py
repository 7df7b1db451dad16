"""Provides plain mode's session: one line per event, driven by the session's own keys on a
terminal (space, n, p, x, q, m, v), through the same runner as the full-screen UI."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from stretchtimer.core.engine import Clock, Session, State
from stretchtimer.core.events import Event
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan
from stretchtimer.core.moments import PainTime
from stretchtimer.core.text import join_seconds, one_line
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library.region_choice import chosen_region
from stretchtimer.plain.asking import Ask, ask_pain, asking_with
from stretchtimer.plain.hurting import hurt
from stretchtimer.plain.lines import event_lines
from stretchtimer.present.coaching import plain_coach_text
from stretchtimer.present.pain import pain_change
from stretchtimer.present.plain_wrap import terminal_width, wrapped
from stretchtimer.present.session import NOT_COUNTED
from stretchtimer.present.streams import is_terminal, quiet
from stretchtimer.present.urgent import urgent_text
from stretchtimer.runner.coach import SessionCoach
from stretchtimer.runner.keys import KeyReader, no_keys
from stretchtimer.runner.morning import MorningGate
from stretchtimer.runner.notices import once_per_machine
from stretchtimer.runner.session import SessionRunner
from stretchtimer.runner.urgent import UrgentSigns
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Player, default_player
from stretchtimer.sound.voice import Voice

KEYS_LINE = (
    "Keys: space pause/resume, n next, p back, x this hurts, q quit, m mute, v voice, ? keys"
)
BELL_GAP = 0.25
"""Seconds between the bells of a pattern."""

class Signalled(Exception):
    """SIGTERM or SIGHUP arrived."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class PlainSession:
    """One session in plain mode: the lines of its events, and its keys."""

    def __init__(
        self,
        runner: SessionRunner,
        out: TextIO,
        keys: KeyReader,
        ask: Ask | None = None,
        width: int | None = None,
    ) -> None:
        self.runner = runner
        self.out = out
        self.width = width
        """Columns to wrap each line to at word boundaries (None: one line an event)."""
        self.keys = keys
        self.ask = ask
        """Asks a typed line (the terminal in its line mode meanwhile); None: no one to ask."""
        self.rendering = False

    def say(self, line: str) -> None:
        print(wrapped(line, self.width), file=self.out, flush=True)

    def show(self, events: list[Event]) -> None:
        for event in events:
            for line in event_lines(event, self.runner.session):
                if line == NOT_COUNTED and self.runner.recorder is None:
                    continue  # (no history: there is no streak to count toward)
                self.say(line)

    def run(self) -> None:
        """Run to the end, a stop or a quit (ctrl+c, a signal and a closed output go up)."""
        session = self.runner.session
        r = session.plan.routine
        steps = f"{len(r.steps)} step{'s' * (len(r.steps) != 1)}"
        self.say(f"{r.title}: {steps}, {join_seconds(session.plan.total_seconds)}")
        if self.keys.active:
            self.say(KEYS_LINE)
        self.render_voice()
        self.show(self.runner.start())
        while session.state in (State.RUNNING, State.PAUSED):
            key = self.keys.read(self.wait())
            self.runner.speak_due()
            self.show(self.runner.tick())  # where the session is now, before a key moves it
            if key is not None:
                self.on_key(key)
                self.show(self.runner.tick())

    def render_voice(self, again: bool = False) -> None:
        """Render the phrases on a thread, once (`again`: the plan changed), if heard."""
        if (self.rendering and not again) or self.runner.chimes.muted:
            return
        texts = self.runner.phrases()
        if texts:
            self.rendering = True
            threading.Thread(target=self.runner.render_phrases, args=(texts,), daemon=True).start()

    def wait(self) -> float:
        """Until the session's next change, or the next phrase, whichever is sooner."""
        wait = self.runner.session.next_change_in()
        due = self.runner.next_phrase()
        if due is not None:
            wait = min(wait, max(0.0, due - self.runner.clock()))
        return wait

    def on_key(self, key: str) -> None:
        """What a key does (the same keys as the full-screen session)."""
        runner, session = self.runner, self.runner.session
        moves: dict[str, Callable[[Session], None]] = {
            " ": Session.toggle_pause, "n": Session.next, "right": Session.next,
            "p": Session.back, "left": Session.back,
        }
        if key in moves:
            runner.silence()
            moves[key](session)
            if key == " ":
                paused = session.state is State.PAUSED
                self.say("Paused: space to resume." if paused else "Resumed.")
        elif key == "x":
            self.show(hurt(runner, self.ask, self.keys, self.say, self.out))
            self.render_voice(again=True)
        elif key == "q":
            self.ask_quit()
        elif key == "m":
            muted = runner.chimes.toggle_mute()
            self.say("Chimes and voice muted (m to unmute)." if muted else "Chimes on.")
            self.render_voice()
        elif key == "v":
            self.toggle_voice()
        elif key == "?":
            self.say(KEYS_LINE)

    def toggle_voice(self) -> None:
        voice = self.runner.voice
        if voice is None or voice.engine is None:
            self.say("No voice: no speech engine here (see stretchtimer doctor).")
            return
        voice.on = not voice.on
        voice.silence()
        if voice.on and self.runner.chimes.muted:
            self.say("Voice on, but muted for now (m to unmute).")
        else:
            self.say("Voice on." if voice.on else "Voice off (v to turn it on).")

    def ask_quit(self) -> None:
        """Quit asks first, with the session paused while it asks (as the dialog does)."""
        session = self.runner.session
        was_running = session.state is State.RUNNING
        if was_running:
            session.pause()
        self.say("Quit this session? y: quit, any other key: go on.")
        answer = None
        while answer is None and self.keys.active:
            answer = self.keys.read(60.0)
        if answer in ("y", "Y"):
            self.show(self.runner.stop("quit"))
            return
        if was_running:
            session.resume()
        self.say("Going on.")


def run_session(
    plan: Plan,
    chimes: Chimes,
    out: TextIO,
    clock: Clock = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    recorder: HistoryRecorder | None = None,
) -> Session:
    """Run `plan` to its end with no keys, printing a line per event; ctrl+c stops it cleanly.
    If the output is closed (`| head -2`) the session is closed as interrupted and
    BrokenPipeError goes on up."""
    runner = SessionRunner(plan, clock, chimes, None, recorder)
    with no_keys(sleep) as keys:
        drive(PlainSession(runner, out, keys))
    return runner.session


def drive(plain: PlainSession) -> int:
    """Run a plain session through every way out; its exit code (a closed output goes up)."""
    runner = plain.runner
    try:
        plain.run()
    except BrokenPipeError:
        runner.stop("interrupted")
        raise
    except KeyboardInterrupt:
        plain.show(runner.stop("quit"))
        return ExitCode.INTERRUPTED
    except Signalled as exc:
        plain.show(runner.stop("interrupted"))
        return 128 + exc.signum
    return runner.exit_code


def run_plain(
    plan: Plan,
    mute: bool = False,
    recorder: HistoryRecorder | None = None,
    player: Player | None = None,
    clock: Clock = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    urgent: UrgentSigns | bool = False,
    ask_before: bool = False,
    ask: Ask | None = None,
    voice: Voice | None = None,
    stdin: TextIO | None = None,
    morning: MorningGate | None = None,
    coach: SessionCoach | None = None,
    wrap: bool = True,
) -> int:
    """The `--plain` session: exit 0 when complete, 1 stopped for pain, 3 quit, 130 after
    ctrl+c, 128+N after signal N, 141 when the output closed. `urgent`: the gate (or True) that
    says to print the urgent signs first (a very first session; nothing waits for a key);
    `ask_before`: ask how much it hurts before, as well as after; `ask`: how to ask a line
    (None where no one can answer: then nothing is asked); `stdin`: where keys come from (read
    only when it is a terminal); `morning`: the next-morning check, asked first when due;
    `coach`: what it suggests, said at the end; `wrap`: lines wrapped to a terminal."""
    out = sys.stdout
    width = terminal_width(out, wrap)
    runner = SessionRunner(plan, clock, _chimes(player, mute, out, sleep), voice, recorder)
    if len(runner.regions) > 1 and recorder is not None:  # the app's `r` pick, kept
        runner.pick_region(chosen_region(plan.routine.name))
    show_urgent = urgent.shown() if isinstance(urgent, UrgentSigns) else urgent
    if show_urgent:
        signs = urgent_text([s.exercise.region for s in plan.routine.steps]).splitlines()
        print("\n".join(wrapped(line, width) for line in signs), file=out, flush=True)
        print("", file=out)
        if isinstance(urgent, UrgentSigns):
            urgent.remember()
    def on_signal(signum: int, frame: object) -> None:
        raise Signalled(signum)

    before = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with KeyReader(stdin, sleep=sleep) if stdin is not None else no_keys(sleep) as keys:
            asking = asking_with(ask, keys)
            scores = asking if recorder is not None else None  # no history: nothing to keep
            region = morning.region if morning is not None and scores is not None else None
            if morning is not None and region is not None:
                before_pain = ask_pain(scores, region, PainTime.MORNING, out)
                morning.answer(before_pain, recorder)
                runner.give_pain(PainTime.BEFORE, before_pain)
            elif ask_before:
                before_pain = ask_pain(scores, runner.region, PainTime.BEFORE, out)
                runner.give_pain(PainTime.BEFORE, before_pain)
            code = drive(PlainSession(runner, out, keys, asking, width))
            if code == ExitCode.OK:
                after = ask_pain(scores, runner.region, PainTime.AFTER, out)
                if after is not None:
                    print(wrapped(pain_change(runner.pain.get(PainTime.BEFORE), after), width),
                          file=out)
                    runner.give_pain(PainTime.AFTER, after)
                said = plain_coach_text(coach.suggestions()) if coach is not None else ""
                if said:
                    print(wrapped(said, width), file=out, flush=True)
    except BrokenPipeError:
        quiet(out)
        return ExitCode.BROKEN_PIPE
    except Signalled as exc:  # during a pain question (the session itself is drive's)
        runner.stop("interrupted")
        return 128 + exc.signum
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return code


def _chimes(
    player: Player | None, mute: bool, out: TextIO, sleep: Callable[[float], None]
) -> Chimes:
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

    return Chimes(player or default_player(), bell, once_per_machine(notice), muted=mute)
