"""Provides `stretchtimer doctor`, a front end: what works here (the sound player, the voice, the
terminal, the settings, the history), with what to do where something does not, and a test
chime. Exit 0 when everything it checked works, 4 when something does not."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.text import one_line
from stretchtimer.history.errors import HistoryError
from stretchtimer.library import paths
from stretchtimer.library.settings import Settings, SettingsRead
from stretchtimer.present.streams import full_screen_possible
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.commands import CHOICE_ENV, PROGRAMS, CommandPlayer, found
from stretchtimer.sound.players import AutoPlayer
from stretchtimer.sound.speech import INSTALL_ONE, find_engine
from stretchtimer.sound.voice import Voice

TEST_PHRASE = "Hold, 20 seconds."
"""What doctor says to prove the voice works."""
INSTALL_A_PLAYER = (
    "none: the terminal bell rings instead, in a pattern per change. To hear the chimes, "
    "install a WAV player: pw-play (PipeWire), paplay (pulseaudio-utils) or aplay (alsa-utils)"
)
BACKEND_PROGRAMS = {"alsa": "aplay", "aplay": "aplay", "paplay": "paplay", "pw-play": "pw-play"}
"""playsound3's backends that run one of our known programs (to hear its own error)."""


def sound_lines(player: AutoPlayer) -> list[str]:
    """Which player plays the chimes, and which others this system has."""
    try:
        player.load()
    except Exception:  # no player at all, or a broken sound stack
        wanted = os.environ.get(CHOICE_ENV, "").strip()
        if wanted and wanted != "playsound3" and wanted not in found():
            return [f"Sound:    {CHOICE_ENV}={wanted} is not here; {INSTALL_A_PLAYER}"]
        return [f"Sound:    {INSTALL_A_PLAYER}"]
    chosen = player.chosen
    if chosen == "playsound3":
        what = f"playsound3 (its {player.backend()} backend)"
    else:
        why = f"{CHOICE_ENV}={chosen}" if os.environ.get(CHOICE_ENV) else "playsound3 found none"
        what = f"{chosen} ({why})"
    lines = [f"Sound:    {what}"]
    others = [name for name in found() if name != chosen]
    if others:
        lines.append(f"          also here: {', '.join(others)} (pick one with {CHOICE_ENV})")
    return lines


def speech_line(settings: Settings) -> str:
    """The speech engine the voice uses, or how to get one."""
    engine = find_engine()
    if engine is None:
        return f"Voice:    {INSTALL_ONE}"
    if settings.voice:
        return f"Voice:    {engine.name}: spoken cues are on (v or --no-voice to switch)"
    return (f"Voice:    {engine.name}: spoken cues are off (voice: false in settings.yaml; "
            "v or --voice turns them on)")


def terminal_line() -> str:
    """The terminal, and whether the full-screen UI can run on it."""
    term = os.environ.get("TERM", "(unset)")
    size = shutil.get_terminal_size((0, 0))
    if full_screen_possible():
        return f"Terminal: {term}, {size.columns}x{size.lines}: the full-screen UI runs here"
    return f"Terminal: {term}: not a terminal on stdin, stdout and stderr: plain mode"


def settings_lines(read: SettingsRead) -> tuple[list[str], bool]:
    """The settings file and its problems (reported, never fatal here); whether it is sound."""
    if not read.problems:
        there = read.path.exists()
        return [f"Settings: {read.path}" + ("" if there else " (none: the defaults)")], True
    errors = [p for p in read.problems if not p.warning]
    state = f"{len(errors)} error(s), the defaults used for them" if errors else "warnings"
    lines = [f"Settings: {read.path}: {state}"]
    lines += [f"          {p}" for p in read.problems]
    return lines, not errors


def history_line(settings: Settings) -> tuple[str, bool]:
    """Where the history is kept, and whether it can be read (and, before the first session,
    written). Only read: doctor never creates, migrates or moves the history."""
    if not settings.record_history:
        return "History:  off (record_history: false in settings.yaml)", True
    path = paths.history_file()
    from stretchtimer.history.connection import unwritable  # SQLite, only for this line
    from stretchtimer.history.view import HistoryView, read_history

    def read(view: HistoryView) -> tuple[int, int, int, bool]:
        rows = view.recent()
        damaged = sum(1 for r in rows if r.damaged)
        return len(rows), damaged, view.streaks()[0], view.older

    try:
        found = read_history(path, read, check=True)
    except HistoryError as exc:
        return f"History:  {exc}", False
    if found is None:
        fault = unwritable(path)
        if fault:
            return f"History:  {fault}", False
        return f"History:  {path} (none yet: it starts with your first session)", True
    count, damaged, current, older = found
    said = f"{path}: {count} session{'s' * (count != 1)}, current streak {current}"
    if damaged:
        said += f"; {damaged} damaged row{'s' * (damaged != 1)} (shown marked in 'history')"
    if older:
        said += "; from an older version (the next session upgrades it)"
    return f"History:  {said}", True


def player_error(player: AutoPlayer, path: Path) -> str:
    """The player program's own last error line (run again with its stderr kept), or ""."""
    program = player.chosen
    if program == "playsound3":
        program = BACKEND_PROGRAMS.get(player.backend() or "", "")
    if program not in PROGRAMS or not shutil.which(program):
        return ""
    try:
        done = subprocess.run(CommandPlayer(program).command(path), capture_output=True,
                              text=True, timeout=10, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = [ln.strip() for ln in done.stderr.splitlines() if ln.strip()]
    return f"{program}: {lines[-1]}" if lines else ""


def test_sounds(player: AutoPlayer, settings: Settings) -> bool:
    """Play the test chime, and say the test phrase where a speech engine is; whether the
    player worked."""
    print("Playing a test chime (the bell that starts a hold)...", flush=True)
    try:
        player.play(Chime.HOLD.path)
        player.wait(2.0)  # let it be heard before the program ends
    except Exception as exc:
        print(f"The player could not start: {one_line(str(exc))}", file=sys.stderr)
        return False
    if player.failed():
        said = player_error(player, Chime.HOLD.path)
        print("The player failed: check your sound device." + (f" {said}" if said else ""),
              file=sys.stderr)
        return False
    engine = find_engine()
    if engine is not None:
        voice = Voice(engine, paths.cache_dir() / "phrases", settings.voice_rate)
        voice.render([TEST_PHRASE])
        if voice.ready(TEST_PHRASE):
            print(f"Saying a test phrase: {TEST_PHRASE}", flush=True)
            with contextlib.suppress(Exception):
                player.play(voice.path_for(TEST_PHRASE))
                player.wait(4.0)
        else:
            print(f"The speech engine {engine.name} could not render a phrase.", file=sys.stderr)
    return not player.failed()


def doctor(read: SettingsRead, play: bool = True) -> int:
    """Print what works; play a test chime. Exit 0 when all of it works, 4 when not."""
    player = AutoPlayer()
    settings = read.settings
    settings_said, settings_ok = settings_lines(read)
    history_said, history_ok = history_line(settings)
    lines = [*sound_lines(player), speech_line(settings), terminal_line(), *settings_said,
             history_said]
    for line in lines:
        print(one_line(line))
    ok = bool(player.chosen) and settings_ok and history_ok
    if player.chosen and play:
        ok = test_sounds(player, settings) and ok
    return ExitCode.OK if ok else ExitCode.DOCTOR
