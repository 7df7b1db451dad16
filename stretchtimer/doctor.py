"""Provides `stretchtimer doctor`: what works here (the sound player, the terminal, the
history), with what to install where something is missing, and a test chime."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys

from stretchtimer.core.text import one_line
from stretchtimer.history.errors import HistoryError
from stretchtimer.library import paths
from stretchtimer.library.settings import load_settings
from stretchtimer.present.streams import full_screen_possible
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.commands import CHOICE_ENV, found
from stretchtimer.sound.players import AutoPlayer
from stretchtimer.sound.speech import INSTALL_ONE, find_engine
from stretchtimer.sound.voice import Voice

TEST_PHRASE = "Hold, 20 seconds."
"""What doctor says to prove the voice works."""
INSTALL_A_PLAYER = (
    "none: the terminal bell rings instead, in a pattern per change. To hear the chimes, "
    "install a WAV player: pw-play (PipeWire), paplay (pulseaudio-utils) or aplay (alsa-utils)"
)


def sound_lines(player: AutoPlayer) -> list[str]:
    """Which player plays the chimes, and which others this system has."""
    try:
        player.load()
    except Exception:  # no player at all, or a broken sound stack
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


def speech_line() -> str:
    """The speech engine the voice uses, or how to get one."""
    engine = find_engine()
    if engine is None:
        return f"Voice:    {INSTALL_ONE}"
    voice = "on" if load_settings().voice else "off (voice: false in settings.yaml)"
    return f"Voice:    {engine.name}: spoken cues are {voice} (v or --no-voice to switch)"


def terminal_line() -> str:
    """The terminal, and whether the full-screen UI can run on it."""
    term = os.environ.get("TERM", "(unset)")
    size = shutil.get_terminal_size((0, 0))
    if full_screen_possible():
        return f"Terminal: {term}, {size.columns}x{size.lines}: the full-screen UI runs here"
    return f"Terminal: {term}: not a terminal on stdin, stdout and stderr: plain mode"


def history_line() -> str:
    """Where the history is kept, and whether it can be read."""
    if not load_settings().record_history:
        return "History:  off (record_history: false in settings.yaml)"
    path = paths.history_file()
    if not path.exists():
        return f"History:  {path} (none yet: it starts with your first session)"
    from stretchtimer.history.store import read_all  # SQLite, only for this line

    try:
        rows, current, _, _, _ = read_all(path)
    except HistoryError as exc:
        return f"History:  {exc}"
    sessions = f"{len(rows)} session{'s' * (len(rows) != 1)}"
    return f"History:  {path}: {sessions}, current streak {current}"


def doctor(play: bool = True) -> int:
    """Print what works; play a test chime. Exit 0, or 1 when no sound player works."""
    player = AutoPlayer()
    lines = [*sound_lines(player), speech_line(), terminal_line(), history_line()]
    for line in lines:
        print(one_line(line))
    if not player.chosen:
        return 1
    if play:
        print("Playing a test chime (the bell that starts a hold)...", flush=True)
        with contextlib.suppress(Exception):
            player.play(Chime.HOLD.path)
            player.wait(2.0)  # let it be heard before the program ends
        engine = find_engine()
        if engine is not None:
            print(f"Saying a test phrase: {TEST_PHRASE}", flush=True)
            voice = Voice(engine, paths.cache_dir() / "phrases", load_settings().voice_rate)
            voice.render([TEST_PHRASE])
            with contextlib.suppress(Exception):
                player.play(voice.path_for(TEST_PHRASE))
                player.wait(4.0)
        if player.failed():
            print("The player failed: check your sound device.", file=sys.stderr)
            return 1
    return 0
