"""Provides one session's life for every front end: pain before (recorded as the session
begins), the history row from start to end, chimes and voice from the engine's events, and
the exit code it ends with."""

from __future__ import annotations

import contextlib

from stretchtimer.core.engine import Clock, Session, State
from stretchtimer.core.events import Countdown, Event
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import WORKING, Plan, Variant
from stretchtimer.core.moments import PainTime
from stretchtimer.core.regions import routine_regions
from stretchtimer.core.swap import easier_rest
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.present.pain import routine_region
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.voice import Voice, wav_seconds

STOP_CODES = {"pain": ExitCode.PAIN, "quit": ExitCode.QUIT}
"""The exit code a session stopped for this reason ends with (any other: interrupted)."""


GO_ON_MOST = 5
"""After "this hurts", going on (easier, or the next exercise) is offered only at a score of
this or less, with none of the red flags or urgent signs noticed."""


def may_go_on(score: int | None, flagged: bool) -> bool:
    """Whether a session stopped with this score may go on (a score must be given)."""
    return score is not None and score <= GO_ON_MOST and not flagged


def hurt_segment(session: Session) -> int:
    """The exercise segment a "this hurts" belongs to: the current one, or in a get-ready or
    a switch, the hold of that step that comes next (else the one before)."""
    segments, here = session.plan.segments, session.index
    if segments[here].kind in WORKING:
        return here
    step = segments[here].step_index
    ahead = [i for i in range(here, len(segments)) if segments[i].step_index == step]
    behind = [i for i in range(here - 1, -1, -1) if segments[i].step_index == step]
    return next((i for i in ahead + behind if segments[i].kind in WORKING), here)


class SessionRunner:
    """One run through a plan: the engine, what it sounds like and what is recorded. The front
    end only draws what the session shows and forwards the keys."""

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        chimes: Chimes,
        voice: Voice | None,
        recorder: HistoryRecorder | None,
    ) -> None:
        self.clock = clock
        self.chimes = chimes
        self.voice = voice
        self.recorder = recorder
        self.session = Session(plan, clock)
        self.region = routine_region(plan.routine)
        """The body region the pain questions are about (the user may pick another of
        `regions`)."""
        self.regions = routine_regions(plan.routine)
        """Every region the routine works, the most worked first."""
        self.pain: dict[PainTime, int] = {}
        """The pain scores given, 0 (none) to 10 (worst)."""
        self.recorded = False
        """Whether the session's end has been written (it is written once)."""
        self.stops: dict[int, int | None] = {}
        """Where "this hurts" was pressed (a segment's index), and the score given there."""
        self.hurting: int | None = None
        """The segment of the "this hurts" being answered now, if one is."""

    @property
    def plan(self) -> Plan:
        """The plan being run (an easier variant taken after "this hurts" changes it)."""
        return self.session.plan

    @property
    def begun(self) -> bool:
        return self.session.state is not State.READY

    def pick_region(self, picked: str | None) -> None:
        """Ask about the region the user picked for this routine, if it is one it works."""
        if picked is not None and picked in self.regions:
            self.region = picked

    def give_pain(self, when: PainTime, score: int | None) -> None:
        """A pain score: recorded at once (before the start, as the session's row is written:
        a ctrl+c later never loses it)."""
        if score is None:
            return
        self.pain[when] = score
        if self.recorder is not None and self.begun:
            self.recorder.set_pain(when, score, self.region)

    def start(self) -> list[Event]:
        """Start the clock and write the session's row (with the pain before, if given)."""
        if self.begun:
            return []
        if self.recorder is not None:
            self.recorder.begin(self.session)
            if PainTime.BEFORE in self.pain:
                self.recorder.set_pain(PainTime.BEFORE, self.pain[PainTime.BEFORE], self.region)
        self.session.start()
        return self.tick()

    def tick(self) -> list[Event]:
        """Look at the clock: sound what its events call for, close the row at the end."""
        events = self.session.tick()
        self.sound(events)
        if self.session.state is State.FINISHED:
            self._record_end()
        return events

    def sound(self, events: list[Event]) -> None:
        """The chime the events call for, and the phrases they bring, queued to follow the
        chime. The voice's 3, 2, 1 replace the ticks, but only a number it will say in its own
        second: one not rendered (the engine failed) or pushed past its second is ticked."""
        voice = self.voice if self.voice is not None and self.chimes.can_play else None
        if voice is None or not voice.on:
            self.chimes.on_events(events, self.plan)
            return
        counting = voice.counts_down
        chime = self.chimes.on_events(events, self.plan, ticks=not counting)
        after = wav_seconds(chime.path) if chime else 0.0
        said = voice.hear(events, self.clock(), after=after, second_left=self._second_left)
        if counting and chime is None and not said:
            self.chimes.on_events(events, self.plan)  # the tick the voice cannot replace

    def _second_left(self, event: Countdown) -> float:
        """How much of a countdown number's second is left (0: it is over, the segment too)."""
        session = self.session
        if event.index != session.index or session.state is not State.RUNNING:
            return 0.0
        return session.remaining - (event.n - 1)

    def phrases(self) -> list[str]:
        """The session's phrases, in the order to render them (those already cached are ready
        at once); render them with `render_phrases`, off the event loop."""
        return self.voice.plan(self.plan) if self.voice is not None else []

    def render_phrases(self, texts: list[str]) -> None:
        """Render the phrases not cached yet (about 60 ms each: a worker or a thread)."""
        if self.voice is not None:
            self.voice.render(texts)

    def next_phrase(self) -> float | None:
        """When the next queued phrase is due (clock time), or None."""
        return self.voice.next_due() if self.voice is not None else None

    def speak_due(self) -> None:
        """Play the phrases due now, through the chimes' player (a phrase never stops a
        session)."""
        if self.voice is None:
            return
        for path in self.voice.due(self.clock()):
            player = self.chimes.player
            if self.chimes.can_play and player is not None:
                with contextlib.suppress(Exception):
                    player.play(path)

    def silence(self) -> None:
        """Drop the queued phrases (a key moved the session: the new moment brings its own)."""
        if self.voice is not None:
            self.voice.silence()

    def stop(self, reason: str) -> list[Event]:
        """Stop a running session (`pain`, `quit`, `interrupted`) and close its row at once;
        the events of the stop, for the front end to show."""
        if not self.session.active:
            return []
        self.silence()
        self.session.stop(reason)
        self._record_end()
        return self.session.tick()

    def _record_end(self) -> None:
        if self.recorder is not None and not self.recorded:
            self.recorder.end(self.session, self.stops)  # (queued: quick; a signal may not
            self.recorded = True  # skip it)

    # -- "this hurts" ---------------------------------------------------------------------

    def hurt(self) -> bool:
        """"This hurts": the session pauses, silent, while the user says how much and what
        next (False when no session is running)."""
        if not self.session.active:
            return False
        self.silence()
        self.session.pause()
        self.hurting = hurt_segment(self.session)
        self.stops[self.hurting] = None
        return True

    def hurt_score(self, score: int | None) -> None:
        """The pain score given at the stop (recorded with it, as the session ends)."""
        if self.hurting is not None:
            self.stops[self.hurting] = score

    @property
    def easier(self) -> Variant | None:
        """The easier variant of the exercise being done, where its article names one."""
        variant = self.session.segment.variant
        exercise = self.session.segment.exercise
        if variant.easier is None:
            return None
        return next((v for v in exercise.variants if v.id == variant.easier), None)

    def go_on(self, way: str) -> list[Event]:
        """After "this hurts": `easier` goes on with the easier variant from here, `skip`
        with the next exercise; anything else ends the session, stopped for pain."""
        session, easier = self.session, self.easier
        self.hurting = None
        if way == "easier" and easier is not None:
            session.replace_rest(easier_rest(session.plan, session.index, easier))
        elif way == "skip":
            session.skip_step()
        else:
            return self.stop("pain")
        session.resume()
        return self.tick()

    @property
    def exit_code(self) -> int:
        """0 done, 1 stopped because it hurt, 3 quit, 130 anything else that stopped it (a
        signal's own code is the front end's to give)."""
        if self.session.state is State.FINISHED:
            return ExitCode.OK
        if self.session.state is State.STOPPED:
            return STOP_CODES.get(self.session.stop_reason, ExitCode.INTERRUPTED)
        return ExitCode.OK
