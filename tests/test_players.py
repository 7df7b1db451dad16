"""Tests that a chime is heard on every desktop: playsound3 first, then our own WAV player
(pw-play, paplay, aplay: proved with stand-in binaries), and with no player at all a bell
pattern per change and a flash; the end of every hold is heard."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from apphelp import advance, build, drive, quick_relief, until
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer.core.events import SegmentStarted
from stretchtimer.plain import run_plain
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.commands import CommandPlayer, choose, found
from stretchtimer.sound.cues import chime_for
from stretchtimer.ui.app import StretchApp


def stand_ins(folder: Path, names: list[str], log: Path) -> dict[str, str]:
    """Programs named like the real players that record how they were called."""
    folder.mkdir(exist_ok=True)
    for name in names:
        script = folder / name
        script.write_text(f"#!/bin/sh\necho \"{name} $*\" >> {log}\n")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": str(folder)}


@pytest.mark.parametrize(
    ("env", "playsound3", "present", "chosen"),
    [
        ({}, "gstreamer", ["pw-play", "aplay"], "playsound3"),
        ({}, None, ["pw-play", "paplay", "aplay"], "pw-play"),
        ({}, None, ["paplay", "aplay"], "paplay"),
        ({}, None, ["aplay"], "aplay"),
        ({}, None, [], ""),
        ({"PLAYSOUND3_BACKEND": "alsa"}, None, ["pw-play"], "playsound3"),
        ({"STRETCHTIMER_PLAYER": "aplay"}, "gstreamer", ["pw-play", "aplay"], "aplay"),
        ({"STRETCHTIMER_PLAYER": "pw-play"}, "gstreamer", ["aplay"], ""),
        ({"STRETCHTIMER_PLAYER": "playsound3"}, None, ["aplay"], "playsound3"),
    ],
)
def test_who_plays(env: dict[str, str], playsound3: str | None, present: list[str], chosen: str) -> None:
    """playsound3 where it found a backend (or one is named); else the first WAV player found;
    STRETCHTIMER_PLAYER overrides; nothing found: nobody (the bell)."""

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in present else None

    assert choose(env, playsound3, which) == chosen
    assert found(which) == [n for n in ("pw-play", "paplay", "aplay") if n in present]


@pytest.mark.parametrize(
    ("program", "expected"),
    [("pw-play", "pw-play {wav}"), ("paplay", "paplay {wav}"), ("aplay", "aplay --quiet {wav}")],
)
def test_each_player_s_command_line(
    program: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each program is run with the WAV (aplay quietly), without waiting, and a failing one is
    seen as failed."""
    log = tmp_path / "log"
    env = stand_ins(tmp_path / "bin", [program], log)
    monkeypatch.setenv("PATH", env["PATH"])
    player = CommandPlayer(program)
    player.play(Chime.HOLD.path)
    assert player._last is not None and player._last.wait(timeout=10) == 0
    assert log.read_text().strip() == expected.format(wav=Chime.HOLD.path)
    assert not player.failed()
    (tmp_path / "bin" / program).write_text("#!/bin/sh\nexit 3\n")
    player.play(Chime.HOLD.path)
    assert player._last is not None and player._last.wait() == 3 and player.failed()


def test_the_end_of_every_hold_is_heard() -> None:
    """A hold followed by a switch, the next step's get-ready, a rest or the end: each has its
    chime (switch, release, release, complete)."""
    from fakes import make_plan

    plan = make_plan(
        ("hold", 10, "left"), ("switch", 5, "right"), ("hold", 10, "right"),
        ("prepare", 5, None), ("hold", 10, None), ("rest", 5, None), ("hold", 10, None),
    )
    after_holds = [chime_for(SegmentStarted(i), plan) for i in (1, 3, 5)]
    assert after_holds == [Chime.SWITCH, Chime.RELEASE, Chime.RELEASE]
    assert chime_for(SegmentStarted(0), make_plan(("prepare", 5, None))) is None


def test_no_player_rings_a_pattern_and_flashes() -> None:
    """With no player: one bell for a hold, two for a switch, three for the end, each a
    quarter second apart, and the screen flashes."""
    app, clock, _ = build(fail=True)
    bells: list[float] = []
    flashes: list[bool] = []

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        app.bell = lambda: bells.append(time.monotonic())  # type: ignore[method-assign]
        advance(app, clock, 5.25)  # the first hold starts: one bell
        flashes.append(app.screen.has_class("-flash"))
        await pilot.pause(0.1)
        assert len(bells) == 1
        advance(app, clock, 20)  # the switch: two
        await until(pilot, lambda: len(bells) >= 3)
        await pilot.pause(0.3)  # no third bell follows
        assert len(bells) == 3 and bells[2] - bells[1] >= 0.2
        await until(pilot, lambda: not app.screen.has_class("-flash"))
        flashes.append(app.screen.has_class("-flash"))

    drive(app, scenario)
    assert flashes == [True, False]


def test_plain_mode_rings_the_patterns_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain mode on a terminal, no player: the bells come in the same patterns."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    clock = FakeClock()
    run_plain(quick_relief(), player=RecordingPlayer(fail=True), clock=clock, sleep=clock.advance)
    bells = [len(run) for run in out.getvalue().split("\n") if run and set(run) == {"\a"}]
    text = out.getvalue()
    # hold 1, switch 2, hold 1, release 2, hold 1, end 3 (the bells come before their lines)
    assert text.count("\a") == 1 + 2 + 1 + 2 + 1 + 3, bells


def test_doctor_says_who_plays_and_plays_a_test_chime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """doctor names the player (and the others found), the terminal and the history, and
    plays the test chime through the player; with none, it says what to install (exit 1)."""
    from clihelp import cli

    log = tmp_path / "log"
    env = stand_ins(tmp_path / "bin", ["aplay", "paplay"], log)
    monkeypatch.setenv("PATH", env["PATH"])
    monkeypatch.setenv("STRETCHTIMER_PLAYER", "aplay")
    code, out, _ = cli(monkeypatch, ["doctor"])
    assert code == 0
    assert "Sound:    aplay (STRETCHTIMER_PLAYER=aplay)" in out
    assert "also here: paplay" in out and "Terminal:" in out and "History:" in out
    played = log.read_text().splitlines()
    assert played[0] == f"aplay --quiet {Chime.HOLD.path}"
    assert all(line.startswith("aplay --quiet ") for line in played)  # (then a phrase, if any)
    monkeypatch.setenv("STRETCHTIMER_PLAYER", "pw-play")  # not on this PATH
    code, out, _ = cli(monkeypatch, ["doctor", "--quiet"])
    assert code == 4 and "install a WAV player: pw-play (PipeWire)" in out
