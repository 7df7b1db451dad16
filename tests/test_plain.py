"""Tests plain mode: one line per event, same engine and chimes, Ctrl+C ends it cleanly."""

from __future__ import annotations

import io

from apphelp import quick_relief
from fakes import FakeClock, RecordingPlayer

from stretchtimer.core.engine import State
from stretchtimer.plain import run_session
from stretchtimer.sound.chimes import Chimes


def chimes(player: RecordingPlayer) -> Chimes:
    return Chimes(player, bell=lambda n: None, notify=lambda m: None)


def test_plain_run_prints_each_event_once() -> None:
    """Every segment start, the 3-2-1 of holds, and completion, in order, without sleeping."""
    clock = FakeClock()
    out = io.StringIO()
    player = RecordingPlayer()
    session = run_session(quick_relief(), chimes(player), out, clock=clock, sleep=clock.advance)
    lines = out.getvalue().splitlines()
    assert session.state is State.FINISHED
    assert lines[0] == "Quick relief: 2 steps, 1:25"
    assert lines[1].startswith("Step 1/2: Knee-to-Chest Stretch")
    assert lines[2].startswith("Get ready, 5 s: Lie face up")
    assert lines[3].startswith("Next, the movement: Lift one knee in toward your chest")
    assert lines[4].startswith("Hold, your left knee comes in, 20 s: Lift one knee")
    assert lines[5].startswith("Stop if: Your back pain gets worse")
    assert lines[6:10] == ["Halfway", "3", "2", "1"]
    assert lines[10] == "Switch sides: your right knee comes in, 5 s"
    assert lines[-1] == "Routine complete: Quick relief. Held 1:10 of 1:10."
    assert sum(ln in ("3", "2", "1") for ln in lines) == 9
    assert player.played == ["hold"] + ["tick"] * 3 + ["switch", "hold"] + ["tick"] * 3 + [
        "release",  # the second side's hold is over: getting ready for the next step
        "hold",
        "tick",
        "tick",
        "tick",
        "complete",
    ]
    assert 1085 <= clock.now <= 1085.05  # ended on time, no drift from the sleeps


def test_ctrl_c_stops_cleanly() -> None:
    """Ctrl+C (KeyboardInterrupt) ends the session with a line, not a traceback."""
    clock = FakeClock()
    out = io.StringIO()
    calls = 0

    def sleep(seconds: float) -> None:
        nonlocal calls
        calls += 1
        if calls > 8:
            raise KeyboardInterrupt
        clock.advance(seconds)

    session = run_session(quick_relief(), chimes(RecordingPlayer()), out, clock=clock, sleep=sleep)
    assert session.state is State.STOPPED
    assert out.getvalue().splitlines()[-1] == "Session stopped (quit)."
