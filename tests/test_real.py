"""Tests the installed command in a real terminal (tmux) and a chime reaching a real ALSA device."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from conftest import write
from tmuxhelp import Tmux

from stretchtimer.library import paths
from stretchtimer.sound.chime import Chime

BIN = Path(sys.executable).parent
needs_tmux = pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
needs_aplay = pytest.mark.skipif(not shutil.which("aplay"), reason="aplay (alsa-utils) is missing")

TWO_STEPS = """\
title: Two steps
defaults:
  prepare: 1
steps:
  - exercise: pelvic-tilts
    reps: 3
  - exercise: knee-to-chest
    variant: single
    hold: 20
    sides: left
"""

SHORT = """\
title: Tiny test
description: Two seconds of stretching.
defaults:
  prepare: 1
steps:
  - exercise: knee-to-chest
    variant: single
    hold: 1
    sides: left
"""


@pytest.mark.slow(seconds=3)
@needs_tmux
def test_real_terminal_runs_a_routine_to_the_summary(tmp_path: Path, private_home: Path) -> None:
    """The installed command, in tmux at 80x24, runs a short routine to the summary; Enter exits 0."""
    routine = write(tmp_path, "tiny.yaml", SHORT)
    exe = shutil.which("stretchtimer", path=str(BIN))
    assert exe
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} PLAYSOUND3_BACKEND=nonsense TERM=xterm-256color"
    command = f"env {env} {exe} {routine}; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command)
    try:
        first = tmux.wait_for("Tiny test")
        assert "GET READY" in first and "YOUR LEFT KNEE COMES IN" in first and "Stop if:" in first
        assert "No sound player works here" in tmux.wait_for("No sound player")
        pane = tmux.wait_for("Routine complete", timeout=15)
        assert "1 of 1 exercise, held 0:01 of 0:01" in pane
        tmux("send-keys", "-t", "t", "Enter")
        assert "EXIT=0" in tmux.wait_for("EXIT=")
    finally:
        tmux("kill-server")


@pytest.mark.slow
@needs_tmux
def test_real_terminal_pain_stop_exits_1(tmp_path: Path, private_home: Path) -> None:
    """x in a real terminal shows the red flags; leaving exits 1 and restores the terminal."""
    exe = shutil.which("stretchtimer", path=str(BIN))
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} TERM=xterm-256color"
    command = f"env {env} {exe} quick-relief --mute; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "60", "-y", "20", command)
    try:
        tmux.wait_for("GET READY")
        tmux("send-keys", "-t", "t", "x")
        pane = tmux.wait_for("Paused: this hurts")
        assert "Your back pain gets worse" in pane
        tmux("send-keys", "-t", "t", "Enter")
        pane = tmux.wait_for("EXIT=")
        assert "EXIT=1" in pane and "Paused: this hurts" not in pane  # the screen is restored
    finally:
        tmux("kill-server")


def _play_in_subprocess(home: Path, chime: Chime) -> subprocess.CompletedProcess[str]:
    code = (
        "from stretchtimer.sound.chime import Chime\n"
        "from stretchtimer.sound.players import Playsound3Player\n"
        "p = Playsound3Player()\n"
        f"p.play(Chime('{chime.value}').path)\n"
        "p._last.wait()\n"
        "print('failed' if p.failed() else 'ok')\n"
    )
    env = {**os.environ, "HOME": str(home), "PLAYSOUND3_BACKEND": "alsa"}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
    )


@pytest.mark.slow
@needs_aplay
def test_chime_reaches_an_alsa_device(tmp_path: Path) -> None:
    """Through playsound3 and aplay, the switch chime's frames reach ALSA's file plugin intact."""
    played = tmp_path / "PLAYED"
    (tmp_path / ".asoundrc").write_text(
        f'pcm.!default {{ type file slave.pcm "null" file "{played}" format "raw" }}\n'
    )
    result = _play_in_subprocess(tmp_path, Chime.SWITCH)
    assert result.stdout.strip() == "ok", result.stderr
    with wave.open(str(Chime.SWITCH.path)) as w:
        frames = w.readframes(w.getnframes())
    data = played.read_bytes()
    assert data[: len(frames)] == frames
    assert set(data[len(frames) :]) <= {0}  # only the period's padding of silence follows


@pytest.mark.slow
@needs_aplay
def test_no_sound_device_is_noticed(tmp_path: Path) -> None:
    """With no device at all, the player's failure is seen (so the app falls back to the bell)."""
    (tmp_path / ".asoundrc").write_text("pcm.!default { type hw card 99 }\n")
    result = _play_in_subprocess(tmp_path, Chime.HOLD)
    assert result.stdout.strip() == "failed", result.stderr


ONE_SECOND = "title: One second\ndefaults:\n  prepare: 0\nsteps:\n  - exercise: cat-cow\n    hold: 1\n"


@pytest.mark.slow
@needs_tmux
@pytest.mark.parametrize("redirect", ["2>{log}", "TERM=dumb"])
def test_no_full_screen_where_it_cannot_draw(
    tmp_path: Path, private_home: Path, redirect: str
) -> None:
    """stderr redirected (Textual draws there) or TERM=dumb: plain mode, in the terminal; the
    log gets no drawing."""
    routine = write(tmp_path, "one.yaml", ONE_SECOND)
    exe = shutil.which("stretchtimer", path=str(BIN))
    log = tmp_path / "log"
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} TERM=xterm-256color"
    if redirect == "TERM=dumb":
        command = f"env {env} TERM=dumb {exe} {routine} --mute; echo EXIT=$?; sleep 30"
    else:
        command = f"env {env} {exe} {routine} --mute 2>{log}; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command)
    try:
        pane = tmux.wait_for("hurt now")  # plain mode asks too, on a terminal
        assert "Routine complete: One second" in pane and "0 (no pain) to 10" in pane
        tmux("send-keys", "-t", "t", "3", "Enter")
        pane = tmux.wait_for("EXIT=")
        assert "Pain now: 3 of 10." in pane and "EXIT=0" in pane
        assert "\x1b" not in (log.read_text() if log.exists() else "")
    finally:
        tmux("kill-server")


@pytest.mark.slow
@needs_aplay
def test_our_own_player_reaches_an_alsa_device_where_playsound3_finds_none(
    tmp_path: Path,
) -> None:
    """STRETCHTIMER_PLAYER=aplay (what the automatic choice falls to on a system with aplay
    but no backend playsound3 accepts): the release chime's frames reach ALSA intact."""
    played = tmp_path / "PLAYED"
    (tmp_path / ".asoundrc").write_text(
        f'pcm.!default {{ type file slave.pcm "null" file "{played}" format "raw" }}\n'
    )
    code = (
        "from stretchtimer.sound.chime import Chime\n"
        "from stretchtimer.sound.players import AutoPlayer\n"
        "p = AutoPlayer()\n"
        "p.play(Chime.RELEASE.path)\n"
        "p._player._last.wait()\n"
        "print(p.chosen, 'failed' if p.failed() else 'ok')\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "STRETCHTIMER_PLAYER": "aplay"}
    env.pop("PLAYSOUND3_BACKEND", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == "aplay ok", result.stderr
    with wave.open(str(Chime.RELEASE.path)) as w:
        frames = w.readframes(w.getnframes())
    assert played.read_bytes()[: len(frames)] == frames


FLOW = """\
title: Flow test
defaults:
  prepare: 1
steps:
  - exercise: cat-cow
    reps: 4
"""


def figure_rows(pane: str) -> list[str]:
    """The rows of the pane that hold braille dots: the figure (and its floor)."""
    return [row for row in pane.splitlines() if any("\u2801" <= ch <= "\u28ff" for ch in row)]


@pytest.mark.slow(seconds=4)
@needs_tmux
def test_real_terminal_draws_a_figure_that_moves_with_the_breath(
    tmp_path: Path, private_home: Path
) -> None:
    """In tmux at 100x30 a flow's figure is drawn in braille (a UTF-8 terminal) and changes as
    the breath turns, without a key pressed."""
    routine = write(tmp_path, "flow.yaml", FLOW)
    exe = shutil.which("stretchtimer", path=str(BIN))
    assert exe
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} PLAYSOUND3_BACKEND=nonsense LANG=C.UTF-8"
    tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", f"env {env} {exe} {routine}")
    try:
        pane = tmux.wait_for("Breath 1 of 4")
        first = figure_rows(pane)
        assert len(first) >= 5, pane  # a figure, not a stray dot
        moved = tmux.wait_until(lambda p: "Breath" in p and figure_rows(p) != first,
                                "the figure moving")
        assert len(figure_rows(moved)) >= 5
    finally:
        tmux("kill-server")


@pytest.mark.slow(seconds=3)
@needs_tmux
def test_real_terminal_today_starts_a_routine_and_this_hurts_goes_on(
    tmp_path: Path, private_home: Path
) -> None:
    """`today` in tmux: the proposal and "Enter to start"; Enter runs it full-screen; x, 3 and
    s go on with the next exercise (the session carries on, it does not end); q, y leave with
    3; the history has the stop with its score, skipped, and the next exercise reached."""
    exe = shutil.which("stretchtimer", path=str(BIN))
    assert exe
    # Every bundled routine shadowed by a short one of the user's (a second to get ready, both
    # exercises lying down), so whichever the hour proposes, the next exercise comes at once.
    for bundled in (Path(__file__).parent.parent / "routines").glob("*.yaml"):
        write(paths.user_dir("routines"), bundled.name, TWO_STEPS)
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} TERM=xterm-256color"
    command = f"env {env} {exe} today --mute; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", command)
    try:
        pane = tmux.wait_for("Enter to start, q to leave")
        assert "Today: " in pane and "Why: " in pane
        tmux("send-keys", "-t", "t", "Enter")
        tmux.wait_for("GET READY")
        tmux("send-keys", "-t", "t", "x")
        tmux.wait_for("Paused: this hurts")
        tmux("send-keys", "-t", "t", "3")
        tmux.wait_for("Noted: 3 of 10")
        tmux("send-keys", "-t", "t", "s")
        pane = tmux.wait_until(
            lambda p: "Paused: this hurts" not in p and "YOUR LEFT KNEE COMES IN" in p
            and "GET READY" not in p, "the next exercise's hold")
        assert "EXIT=" not in pane
        tmux("send-keys", "-t", "t", "q")
        tmux.wait_for("Quit this session?")
        tmux("send-keys", "-t", "t", "y")
        assert "EXIT=3" in tmux.wait_for("EXIT=")
    finally:
        tmux("kill-server")
    result = subprocess.run(
        [exe, "history", "--steps", "--format", "json"], capture_output=True, text=True,
        env={**os.environ, "STRETCHTIMER_HOME": str(private_home)}, timeout=30, check=True,
    )
    steps = json.loads(result.stdout)
    first = [s for s in steps if s["position"] == 0]
    assert first and all(s["skipped"] for s in first)
    assert any(s["pain_stop"] and s["pain_score"] == 3 for s in first), steps
    assert any(s["position"] == 1 for s in steps), steps
