"""Tests that the voice keeps time (on the fake clock): a countdown number is said in its own
second or not at all, never after its hold has ended; where the voice cannot say a number
(no engine after all, a phrase not rendered, one pushed past its second) its tick comes back;
and `doctor` names the STRETCHTIMER_PLAYER it was given when that program is not there."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import pytest
from fakes import FakeClock, RecordingPlayer, make_plan

from stretchtimer.core.events import Countdown, SegmentStarted
from stretchtimer.core.model import Plan
from stretchtimer.runner.session import SessionRunner
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.voice import COUNT_LATE, Voice


class WordEngine:
    """Renders a phrase as silence, `per_word` seconds a word."""

    name = "words"

    def __init__(self, per_word: float = 0.1) -> None:
        self.per_word = per_word

    def render(self, text: str, wav_path: Path, rate: int) -> None:
        frames = round(22050 * self.per_word) * len(text.split())
        with wave.open(str(wav_path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(struct.pack(f"<{frames}h", *([0] * frames)))


class BrokenEngine:
    """An engine that is there but fails every phrase (a broken espeak-ng install, say)."""

    name = "broken"

    def render(self, text: str, wav_path: Path, rate: int) -> None:
        raise OSError("espeak-ng: cannot open the voice data")


HOLD = make_plan(("prepare", 5, None), ("hold", 10, None), ("rest", 5, None))
"""A get-ready, a 10 s hold (3, 2, 1 in its last seconds) and a rest."""


def ready_voice(tmp_path: Path, plan: Plan, per_word: float = 0.1, skip: str = "") -> Voice:
    """A voice with every phrase of `plan` rendered, but `skip`."""
    v = Voice(WordEngine(per_word), tmp_path / "phrases")
    v.render([t for t in v.plan(plan) if t != skip])
    v.plan(plan)  # as a new session would: the cached phrases are ready at once
    return v


def run(plan: Plan, voice: Voice | None, step: float = 0.05) -> tuple[list[str], list[float]]:
    """The whole plan on the fake clock, looked at every `step` seconds as the app does
    (tick, then the phrases due): what was played (chime names and phrase texts, in order)
    and when each phrase started."""
    clock = FakeClock(0.0)
    player = RecordingPlayer()
    runner = SessionRunner(plan, clock, Chimes(player, lambda n: None, print), voice, None)
    names = {voice.path_for(t).stem: t for t in voice.plan(plan)} if voice else {}
    started: list[float] = []
    runner.start()
    while runner.session.active:
        clock.advance(step)
        runner.tick()
        before = len(player.played)
        runner.speak_due()
        started += [clock.now] * (len(player.played) - before)
    return [names.get(p, p) for p in player.played], started


def test_the_voice_counts_down_instead_of_the_ticks(tmp_path: Path) -> None:
    """Everything rendered: 3, 2, 1 are said, each in its own second, and no tick plays."""
    voice = ready_voice(tmp_path, HOLD)
    heard, _ = run(HOLD, voice)
    assert "tick" not in heard
    assert [h for h in heard if h in ("3", "2", "1")] == ["3", "2", "1"]


def test_when_the_engine_fails_the_ticks_come_back(tmp_path: Path) -> None:
    """The engine is there (so the voice is on and means to count) but renders nothing: every
    number it would have said is ticked, as with no voice at all."""
    voice = Voice(BrokenEngine(), tmp_path / "phrases")
    voice.render(voice.plan(HOLD))
    assert voice.counts_down and not any(voice.ready(n) for n in ("3", "2", "1"))
    heard, _ = run(HOLD, voice)
    without_voice, _ = run(HOLD, None)
    assert heard.count("tick") == 3 and heard == without_voice


def test_only_the_number_that_is_not_ready_is_ticked(tmp_path: Path) -> None:
    """2 failed to render: 3 and 1 are said, and 2 is a tick in its place."""
    voice = ready_voice(tmp_path, HOLD, skip="2")
    heard, _ = run(HOLD, voice)
    assert [h for h in heard if h in ("3", "2", "1", "tick")] == ["3", "tick", "1"]


def test_a_number_pushed_past_its_second_is_never_said(tmp_path: Path) -> None:
    """A chime, or phrases queued before it, that would make a number start more than
    COUNT_LATE into its second: the number is dropped (not queued late), and the voice says
    so, so the tick can play."""
    plan = make_plan(("hold", 10, None))
    voice = ready_voice(tmp_path, plan)
    assert voice.hear([Countdown(0, n=2)], now=100.0, after=COUNT_LATE + 0.1) is False
    assert voice.next_due() is None  # dropped, not said late
    assert voice.hear([Countdown(0, n=2)], now=200.0, after=COUNT_LATE - 0.1) is True
    assert voice.next_due() == pytest.approx(200.0 + COUNT_LATE - 0.1)

    slow = ready_voice(tmp_path / "slow", plan, per_word=0.5)  # a long "Hold, 10 seconds."
    slow.hear([SegmentStarted(0)], now=99.0, after=0.0)  # it and the red flag: 3.5 s
    assert slow.hear([Countdown(0, n=3)], now=100.0, after=0.0) is False
    assert slow.due(99.0) == [slow.path_for("Hold, 10 seconds.")]
    assert slow.due(100.5) == [slow.path_for("Stop if sharp pain.")]
    assert slow.next_due() is None  # and no "3" after them


def test_numbers_pushed_out_by_long_phrases_are_ticked(tmp_path: Path) -> None:
    """A 5 s hold and a slow voice: its bell, "Hold, 5 seconds." and the red flag run 4.4 s
    into the hold, through the seconds of 3 and 2. Those two are not said late but ticked, in
    their seconds; the 1 starts within COUNT_LATE of its second and is said."""
    plan = make_plan(("prepare", 5, None), ("hold", 5, None), ("rest", 5, None))
    voice = ready_voice(tmp_path, plan, per_word=0.5)
    heard, started = run(plan, voice)
    assert heard[2] == "Reach up."  # the movement, in the get-ready's last seconds
    assert heard[3:9] == ["hold", "Hold, 5 seconds.", "tick", "Stop if sharp pain.", "tick", "1"]
    assert 9.0 <= started[5] <= 9.0 + COUNT_LATE  # (Demo., Lie down., Reach up., Hold...,
    # Stop if..., 1)
    assert "3" not in heard and "2" not in heard


def test_a_number_is_said_in_its_second_or_not_at_all(tmp_path: Path) -> None:
    """Looked at every 0.3 s (a busy loop): each number that is said starts within COUNT_LATE
    of its second, so before the next number, and the 1 before the hold ends."""
    voice = ready_voice(tmp_path, HOLD)
    heard, started = run(HOLD, voice, step=0.3)
    phrases = [h for h in heard if h not in ("hold", "release", "tick", "complete")]
    at = dict(zip(phrases, started, strict=True))
    assert {"3", "2", "1"} <= set(at)  # (a look 0.3 s late still leaves time to start)
    hold_ends = 5 + 10
    for n in ("3", "2", "1"):
        second = hold_ends - int(n)
        assert second <= at[n] <= second + COUNT_LATE + 1e-9, (n, at[n])


def test_a_1_is_never_said_after_the_hold_has_ended(tmp_path: Path) -> None:
    """The loop is held up across the end of the hold (1.3 s, not long enough to count as a
    jump): the 1 comes with the rest's start, its second is over, and it is never said."""
    voice = ready_voice(tmp_path, HOLD)
    clock = FakeClock(0.0)
    player = RecordingPlayer()
    runner = SessionRunner(HOLD, clock, Chimes(player, lambda n: None, print), voice, None)
    runner.start()
    for _ in range(int(13.9 / 0.1)):  # to 13.9 s: 3 and 2 said, the 1 not yet due
        clock.advance(0.1)
        runner.tick()
        runner.speak_due()
    clock.advance(1.3)  # to 15.2 s: the hold ended at 15
    events = runner.tick()
    assert Countdown(1, n=1) in events
    for _ in range(20):
        runner.speak_due()
        clock.advance(0.1)
        runner.tick()
    said = [voice.path_for(t).stem for t in ("3", "2", "1")]
    assert said[0] in player.played and said[1] in player.played
    assert said[2] not in player.played


def test_a_stalled_loop_drops_a_number_past_its_second(tmp_path: Path) -> None:
    """The 1 was queued in time, but nothing looked at the queue until after COUNT_LATE
    into its second: it is dropped, never said late."""
    voice = ready_voice(tmp_path, make_plan(("hold", 10, None)))
    assert voice.hear([Countdown(0, n=1)], now=50.0, after=0.0) is True
    assert voice.due(50.0 + COUNT_LATE + 0.05) == []
    assert voice.next_due() is None


def test_a_number_is_timed_from_its_second_not_from_the_look(tmp_path: Path) -> None:
    """The number's event was seen 0.4 s into its second: it must start within the
    COUNT_LATE - 0.4 s left of that, not a whole COUNT_LATE from the look."""
    voice = ready_voice(tmp_path, make_plan(("hold", 10, None)))
    left = {"room": 0.6}
    assert voice.hear([Countdown(0, n=2)], 10.0, 0.2, lambda e: left["room"]) is False
    assert voice.hear([Countdown(0, n=2)], 20.0, 0.05, lambda e: left["room"]) is True
    left["room"] = 0.0  # its second is over: not said, and no tick is asked for either
    assert voice.hear([Countdown(0, n=1)], 30.0, 0.0, lambda e: left["room"]) is True


def test_doctor_names_the_player_it_was_given_when_it_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """STRETCHTIMER_PLAYER names a program that is not on PATH (one we know, one we do not):
    doctor says which, and what to install instead, and exits 4."""
    from clihelp import cli

    monkeypatch.setenv("PATH", str(tmp_path))  # (nothing in it)
    for wanted in ("no-such-player-here", "pw-play"):
        monkeypatch.setenv("STRETCHTIMER_PLAYER", wanted)
        code, out, _ = cli(monkeypatch, ["doctor", "--quiet"])
        assert code == 4
        sound = next(line for line in out.splitlines() if line.startswith("Sound:"))
        assert f"STRETCHTIMER_PLAYER={wanted} is not here" in sound, sound
        assert "install a WAV player" in sound
