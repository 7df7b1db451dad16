"""Tests which chime plays at which event, the shipped chimes, and the fallback."""

from __future__ import annotations

import wave

import pytest
from apphelp import quick_relief
from fakes import RecordingPlayer

from stretchtimer.core.events import Countdown, Finished, Halfway, SegmentEnded, SegmentStarted
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.cues import chime_for
from tools.make_chimes import samples, wav_bytes

PLAN = quick_relief()  # prepare, hold L, switch, hold R, prepare, hold


@pytest.mark.parametrize(
    ("event", "chime"),
    [
        (SegmentStarted(0), None),
        (SegmentStarted(1), Chime.HOLD),
        (SegmentStarted(2), Chime.SWITCH),
        (SegmentStarted(1, late=True), None),
        (Countdown(1, n=3), Chime.TICK),
        (Countdown(0, n=3), None),
        (Halfway(1), None),
        (SegmentEnded(1), None),
        (Finished(5), Chime.COMPLETE),
        (Finished(5, late=True), None),
    ],
)
def test_chime_for(event: object, chime: Chime | None) -> None:
    """Holds start with a bell, their last seconds tick, switching dings; late events are quiet."""
    assert chime_for(event, PLAN) is chime  # type: ignore[arg-type]


@pytest.mark.parametrize("chime", list(Chime))
def test_shipped_chimes_are_the_generated_ones(chime: Chime) -> None:
    """The WAVs in the package are exactly what chimes.py generates."""
    assert (chime.path).read_bytes() == wav_bytes(chime)


def test_chimes_are_distinct_bells() -> None:
    """Each chime differs, starts quietly (attack), peaks early, and ends in silence."""
    all_samples = {c: samples(c) for c in Chime}
    assert len({tuple(s[:2000]) for s in all_samples.values()}) == len(Chime)
    for s in all_samples.values():
        peak = max(abs(x) for x in s)
        assert 5000 < peak <= 32767
        assert abs(s[0]) < 100 and abs(s[-1]) < 100
    with wave.open(str(Chime.HOLD.path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)


def test_fallback_to_bell_once_and_mute() -> None:
    """A failing player: bell instead, one notice; muted: nothing at all."""
    bells: list[int] = []
    notices: list[str] = []
    chimes = Chimes(RecordingPlayer(fail=True), lambda n: bells.append(n), notices.append)
    chimes.play(Chime.HOLD)
    chimes.play(Chime.SWITCH)
    chimes.play(Chime.TICK)  # ticks are not rung on the bell
    assert (len(bells), len(notices)) == (2, 1)
    chimes.toggle_mute()
    chimes.play(Chime.COMPLETE)
    assert len(bells) == 2


def test_one_chime_per_tick() -> None:
    """When a tick reports several events, one chime sounds (the latest)."""
    player = RecordingPlayer()
    chimes = Chimes(player, lambda n: None, lambda m: None)
    chimes.on_events([Countdown(1, n=1), SegmentEnded(1), SegmentStarted(2)], PLAN)
    assert player.played == ["switch"]


class _Loading(RecordingPlayer):
    def __init__(self, fail: bool) -> None:
        super().__init__()
        self.loads = 0
        self.load_fails = fail

    def load(self) -> None:
        self.loads += 1
        if self.load_fails:
            raise RuntimeError("no backend")


def test_prepare_loads_the_player_unless_muted_and_survives_a_broken_one() -> None:
    """prepare() loads the player early; muted it waits; a player that cannot load means the bell."""
    notices: list[str] = []
    muted = _Loading(fail=False)
    Chimes(muted, lambda n: None, notices.append, muted=True).prepare()
    assert muted.loads == 0
    ok = _Loading(fail=False)
    Chimes(ok, lambda n: None, notices.append).prepare()
    assert ok.loads == 1 and notices == []
    broken = _Loading(fail=True)
    chimes = Chimes(broken, lambda n: None, notices.append)
    chimes.prepare()
    assert chimes.fallen_back and len(notices) == 1
